package io.iovc.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.iovc.source.SourceText;
import io.iovc.testing.UclGen;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Compares iovc's syntax stage with libucl itself on generated inputs. libucl is not part of the
 * project: set {@code IOVC_ORACLE} to a directory holding a {@code ucldump} program built from
 * libucl that prints the tree in {@link UclDump}'s format. Skipped when the variable is unset
 * (always so in CI). {@code IOVC_DIFF_CASES} sets the number of cases (default 3000).
 */
@EnabledIfEnvironmentVariable(named = "IOVC_ORACLE", matches = ".+")
class SyntaxDifferentialTest {
  @Test
  void libuclAndIovcBuildTheSameTree() throws Exception {
    Path oracle = Path.of(System.getenv("IOVC_ORACLE"), "ucldump");
    int cases = Integer.parseInt(System.getenv().getOrDefault("IOVC_DIFF_CASES", "3000"));
    long seed = Long.parseLong(System.getenv().getOrDefault("IOVC_DIFF_SEED", "1"));
    Path dir = Files.createTempDirectory("iovc-diff");
    UclGen gen = new UclGen(seed);
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < cases; i++) {
      byte[] input = gen.bytes();
      Path f = dir.resolve("c" + i + ".conf");
      Files.write(f, input);
      Process p =
          new ProcessBuilder(oracle.toString(), f.toString()).redirectErrorStream(true).start();
      String expected = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      p.waitFor();
      SyntaxTree t = Ucl.parse(new SourceText(f.toString(), input), Ucl.fileVariables(f));
      String actual = UclDump.dump(t);
      if (!expected.equals(actual)) {
        failures.add(f.toString());
        if (failures.size() <= 5) {
          System.err.println(
              "=== mismatch "
                  + f
                  + "\n--- input\n"
                  + new String(input, StandardCharsets.ISO_8859_1)
                  + "\n--- libucl\n"
                  + expected
                  + "--- iovc\n"
                  + actual
                  + "--- diags "
                  + t.diagnostics());
        }
      } else {
        Files.delete(f);
      }
    }
    assertEquals(List.of(), failures, failures.size() + " of " + cases + " differ");
  }
}
