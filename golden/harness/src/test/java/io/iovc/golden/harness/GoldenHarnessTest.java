package io.iovc.golden.harness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/** The harness's policy: names, exact comparison, received files, the one approve switch. */
class GoldenHarnessTest {
  @TempDir Path dir;

  @AfterEach
  void stopApproving() {
    System.clearProperty(Golden.APPROVE);
  }

  private Path approved(String text) throws Exception {
    Path p = dir.resolve("case" + Golden.APPROVED);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void names() {
    assertEquals(dir.resolve("a.approved.txt"), Golden.approvedFor(dir.resolve("a.conf")));
    assertEquals(
        dir.resolve("x-y.received.txt"), Golden.receivedFor(dir.resolve("x-y.approved.txt")));
    assertThrows(IllegalArgumentException.class, () -> Golden.receivedFor(dir.resolve("a.out")));
  }

  @Test
  void aMatchPassesAndRemovesAStaleReceivedFile() throws Exception {
    Path a = approved("line 1\nline 2\n");
    Path r = Golden.receivedFor(a);
    Files.writeString(r, "old");
    Golden.verify(a, "line 1\nline 2\n");
    assertFalse(Files.exists(r));
  }

  @Test
  void aDifferenceFailsWithTheLineAndWritesTheReceivedDocument() throws Exception {
    Path a = approved("line 1\nline 2\nline 3\n");
    AssertionFailedError e =
        assertThrows(
            AssertionFailedError.class, () -> Golden.verify(a, "line 1\nline 2\nline X\n"));
    assertTrue(e.getMessage().contains("differs from line 3"), e.getMessage());
    assertEquals("line 1\nline 2\nline 3\n", e.getExpected().getValue());
    assertEquals("line 1\nline 2\nline X\n", Files.readString(Golden.receivedFor(a)));
    assertEquals("line 1\nline 2\nline 3\n", Files.readString(a), "approved file untouched");
  }

  @Test
  void nothingIsNormalised() throws Exception {
    Path a = approved("text\n");
    assertThrows(AssertionFailedError.class, () -> Golden.verify(a, "text"));
    assertThrows(AssertionFailedError.class, () -> Golden.verify(a, "text\r\n"));
    Files.write(a, new byte[] {'t', (byte) 0xff, '\n'});
    assertThrows(AssertionFailedError.class, () -> Golden.verify(a, "t\ufffd\n"));
  }

  @Test
  void aMissingApprovedDocumentFails() {
    Path a = dir.resolve("new" + Golden.APPROVED);
    AssertionFailedError e =
        assertThrows(AssertionFailedError.class, () -> Golden.verify(a, "first\n"));
    assertTrue(e.getMessage().startsWith("no approved document"), e.getMessage());
    assertFalse(Files.exists(a));
    assertTrue(Files.exists(Golden.receivedFor(a)));
  }

  @Test
  void theSwitchApprovesExactly() throws Exception {
    Path a = approved("old\n");
    Files.writeString(Golden.receivedFor(a), "stale");
    System.setProperty(Golden.APPROVE, "true");
    Golden.verify(a, "new ✓\n");
    assertArrayEquals("new ✓\n".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(a));
    assertFalse(Files.exists(Golden.receivedFor(a)));
    Path fresh = dir.resolve("sub/fresh" + Golden.APPROVED);
    Golden.verify(fresh, "x");
    assertEquals("x", Files.readString(fresh));
  }

  @Test
  void oneTestPerInputBesideItsApprovedDocument() throws Throwable {
    Files.createDirectories(dir.resolve("g"));
    Files.writeString(dir.resolve("g/b.conf"), "B");
    Files.writeString(dir.resolve("a.conf"), "A");
    Files.writeString(dir.resolve("a.approved.txt"), "doc of A");
    Files.writeString(dir.resolve("g/b.approved.txt"), "doc of B");
    Files.writeString(dir.resolve("notes.txt"), "not an input");
    List<DynamicTest> tests =
        Golden.forEachInput(dir, ".conf", p -> "doc of " + Files.readString(p)).toList();
    assertEquals(
        List.of("a.conf", "g/b.conf"), tests.stream().map(t -> t.getDisplayName()).toList());
    for (DynamicTest t : tests) t.getExecutable().execute();

    Files.writeString(dir.resolve("g/b.conf"), "C");
    Stream<DynamicTest> again =
        Golden.forEachInput(dir, ".conf", p -> "doc of " + Files.readString(p));
    DynamicTest b = again.toList().get(1);
    assertThrows(AssertionFailedError.class, () -> b.getExecutable().execute());
    assertEquals("doc of C", Files.readString(dir.resolve("g/b.received.txt")));
  }

  @Test
  void noInputsIsAFailure() {
    assertThrows(AssertionFailedError.class, () -> Golden.forEachInput(dir, ".conf", p -> ""));
  }
}
