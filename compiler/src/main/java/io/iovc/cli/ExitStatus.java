package io.iovc.cli;

import io.iovc.kernel.Outcome;

/**
 * The exit status of an operation (apply, delete, plan, diff, schema from the kernel): 0, 1 when
 * the file (or the kernel, of its content) refused it and nothing was done, otherwise sysexits(3).
 * The one place where an {@link Outcome} becomes a number; the {@code exit_status} of the JSON
 * documents is this number too.
 */
final class ExitStatus {
  private ExitStatus() {}

  static int of(Outcome o) {
    return switch (o) {
      case OK -> 0;
      case REFUSED -> 1;
      case UNAVAILABLE -> 69; // EX_UNAVAILABLE
      case INTERNAL -> 70; // EX_SOFTWARE
      case OS_ERROR -> 71; // EX_OSERR
      case CANT_CREATE -> 73; // EX_CANTCREAT
      case BUSY -> 75; // EX_TEMPFAIL
      case NO_PERMISSION -> 77; // EX_NOPERM
    };
  }
}
