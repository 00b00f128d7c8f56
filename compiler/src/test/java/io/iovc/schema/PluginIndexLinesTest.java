package io.iovc.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index is split into lines as {@code Files.readAllLines} would, without its decoder. */
class PluginIndexLinesTest {
  @TempDir Path dir;

  @Test
  void linesAsFilesReadAllLines() throws IOException {
    List<String> texts =
        List.of(
            "",
            "a",
            "a\n",
            "a\nb",
            "a\n\nb\n",
            "a\r\nb\r\n",
            "a\rb\r",
            "\n",
            "\r\n\r\n",
            "iovc-plugin-index 1\njar\tx.jar\t12:ab\n",
            "caf\u00e9\t\u2028x\n");
    for (String t : texts) {
      Path f = dir.resolve("idx");
      Files.write(f, t.getBytes(StandardCharsets.UTF_8));
      assertEquals(Files.readAllLines(f, StandardCharsets.UTF_8), PluginIndex.lines(f), t);
    }
  }

  @Test
  void notUtf8OrMissingIsNull() throws IOException {
    Path f = dir.resolve("bad");
    Files.write(f, new byte[] {'a', (byte) 0xC3, '\n'});
    try {
      Files.readAllLines(f, StandardCharsets.UTF_8);
      throw new AssertionError("readAllLines accepted it");
    } catch (MalformedInputException expected) {
      // as the index reader must refuse it
    }
    assertNull(PluginIndex.lines(f));
    assertNull(PluginIndex.lines(dir.resolve("absent")));
  }
}
