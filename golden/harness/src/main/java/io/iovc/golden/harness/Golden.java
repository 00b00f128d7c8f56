package io.iovc.golden.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * The one harness for golden documents: outputs reviewed as documents (Pkl's snippet tests), for
 * the golden cases, the language server's documents and the command line's.
 *
 * <p>Naming: the approved document is {@code NAME.approved.txt}; for a document made from an input
 * file {@code NAME.conf} it lies beside the input. Comparison: exact bytes (UTF-8), nothing
 * normalised, so a changed line ending or a lost final newline is a change. Reporting: a document
 * that differs, or has no approved version yet, is written to {@code NAME.received.txt} beside the
 * approved one and the test fails naming both files and the first differing line; read the diff and
 * rename the received file to approve it. A document that matches removes a stale received file.
 * The one switch, {@code -Dgolden.approve=true}, writes every document as approved instead (print a
 * list with {@code git status}, review with {@code git diff}).
 */
public final class Golden {
  /** The system property that approves every document: {@code -Dgolden.approve=true}. */
  public static final String APPROVE = "golden.approve";

  public static final String APPROVED = ".approved.txt";
  public static final String RECEIVED = ".received.txt";

  private Golden() {}

  /** Builds the document for one input file. */
  @FunctionalInterface
  public interface Document {
    String of(Path input) throws Exception;
  }

  /** True while approving ({@code -Dgolden.approve=true}). */
  public static boolean approving() {
    return Boolean.getBoolean(APPROVE);
  }

  /** {@code dir/NAME.conf} → {@code dir/NAME.approved.txt}. */
  public static Path approvedFor(Path input) {
    return input.resolveSibling(base(input.getFileName().toString()) + APPROVED);
  }

  /** {@code dir/NAME.approved.txt} → {@code dir/NAME.received.txt}. */
  public static Path receivedFor(Path approved) {
    String name = approved.getFileName().toString();
    if (!name.endsWith(APPROVED))
      throw new IllegalArgumentException(approved + " is not named NAME" + APPROVED);
    return approved.resolveSibling(name.substring(0, name.length() - APPROVED.length()) + RECEIVED);
  }

  /**
   * One test per input file below {@code root} (any depth) whose name ends in {@code suffix},
   * sorted, named by its path relative to {@code root}; each verifies {@code document.of(input)}
   * against {@link #approvedFor(Path) the approved document beside the input}. Finding no input is
   * a failure, not a silent pass.
   */
  public static Stream<DynamicTest> forEachInput(Path root, String suffix, Document document) {
    List<Path> inputs;
    try (Stream<Path> s = Files.walk(root)) {
      inputs =
          s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(suffix))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the golden inputs under " + root, e);
    }
    if (inputs.isEmpty()) fail("no *" + suffix + " below " + root.toAbsolutePath());
    return inputs.stream()
        .map(
            p ->
                DynamicTest.dynamicTest(
                    root.relativize(p).toString().replace(File.separatorChar, '/'),
                    () -> verify(approvedFor(p), document.of(p))));
  }

  /** Compares {@code document} with the approved document {@code approved} (see the class doc). */
  public static void verify(Path approved, String document) {
    Path received = receivedFor(approved);
    byte[] actual = document.getBytes(StandardCharsets.UTF_8);
    try {
      byte[] expected = Files.exists(approved) ? Files.readAllBytes(approved) : null;
      if (Arrays.equals(expected, actual)) {
        Files.deleteIfExists(received);
        return;
      }
      if (approving()) {
        Files.createDirectories(approved.toAbsolutePath().getParent());
        Files.write(approved, actual);
        Files.deleteIfExists(received);
        System.err.println("golden: approved " + approved);
        return;
      }
      Files.createDirectories(received.toAbsolutePath().getParent());
      Files.write(received, actual);
      String hint =
          "; review "
              + received
              + ", then rename it to "
              + approved.getFileName()
              + " (or run with -D"
              + APPROVE
              + "=true)";
      if (expected == null) fail("no approved document " + approved + hint);
      String before = new String(expected, StandardCharsets.UTF_8);
      assertEquals(
          before,
          document,
          "golden document "
              + approved
              + " differs from line "
              + firstDifferentLine(before, document)
              + hint);
      // Equal as text but not as bytes: malformed UTF-8 in the approved file.
      fail("golden document " + approved + " is not UTF-8 as written" + hint);
    } catch (IOException e) {
      throw new UncheckedIOException("golden document " + approved, e);
    }
  }

  /** 1-based number of the first line where {@code a} and {@code b} differ. */
  static int firstDifferentLine(String a, String b) {
    int line = 1;
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n && a.charAt(i) == b.charAt(i); i++) if (a.charAt(i) == '\n') line++;
    return line;
  }

  private static String base(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot > 0 ? fileName.substring(0, dot) : fileName;
  }
}
