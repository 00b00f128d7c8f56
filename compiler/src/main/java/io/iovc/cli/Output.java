package io.iovc.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Raw byte streams for stdout and stderr: iovctl's listings print C strings as bytes, and
 * diagnostics are UTF-8 whatever the platform default is.
 */
final class Output {
  static PrintStream out =
      new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
  static PrintStream err =
      new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);

  private Output() {}

  /** Writes a byte string (one char per byte) unchanged. */
  static void rawOut(String latin1) {
    out.write(latin1.getBytes(StandardCharsets.ISO_8859_1), 0, latin1.length());
  }

  static void flush() {
    out.flush();
    err.flush();
  }

  static boolean colorFor(String mode, boolean stderr) {
    if ("always".equals(mode)) return true;
    if ("never".equals(mode)) return false;
    String noColor = System.getenv("NO_COLOR");
    if (noColor != null && !noColor.isEmpty()) return false;
    if ("dumb".equals(System.getenv("TERM"))) return false;
    return System.console() != null;
  }
}
