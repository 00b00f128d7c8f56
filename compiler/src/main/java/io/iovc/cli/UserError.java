package io.iovc.cli;

/** A problem the user can fix (bad option, unreadable input): a message and an exit code. */
final class UserError extends Exception {
  private static final long serialVersionUID = 1L;
  private final int exitCode;

  UserError(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
