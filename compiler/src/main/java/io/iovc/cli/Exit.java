package io.iovc.cli;

import io.iovc.diag.Codes;
import io.iovc.diag.Diagnostic;
import io.iovc.kernel.Outcome;
import java.util.List;

/**
 * The exit statuses of every {@code iovc} command, one per meaning (the table is in the README and
 * in iovc(8) under EXIT STATUS; {@code ExitStatusTest} runs each meaning on each command). The
 * kernel layer speaks sysexits(3) and says "1" for a file it cannot use for any reason; the front
 * end maps those onto this table in {@link #of}, so a meaning gets the same number whether {@code
 * check}, {@code plan}, {@code diff}, {@code compile --apply} or {@code delete} found it.
 *
 * <table>
 *   <caption>exit statuses</caption>
 *   <tr><td>0</td><td>success: clean (warnings allowed), applied, nothing to change, formatted</td></tr>
 *   <tr><td>1</td><td>findings: the file has errors (or warnings under {@code --strict}), a file
 *       is not formatted, the live PF differs from the file, the kernel refused the file</td></tr>
 *   <tr><td>2</td><td>usage: unknown option or value, options that do not go together</td></tr>
 *   <tr><td>3</td><td>unusable input: a file cannot be read or written, no schema for it (no
 *       plugin serves PF.device, unknown {@code --driver}, a bad schema file)</td></tr>
 *   <tr><td>69</td><td>unavailable: the PF is not on this host, its state cannot be read, the
 *       command is not available on this system</td></tr>
 *   <tr><td>70</td><td>internal error (an iovc bug)</td></tr>
 *   <tr><td>71</td><td>the operating system refused otherwise</td></tr>
 *   <tr><td>75</td><td>busy: the VFs are in use, or another apply holds the PF</td></tr>
 *   <tr><td>77</td><td>no permission</td></tr>
 * </table>
 */
final class Exit {
  static final int OK = 0;
  static final int FINDINGS = 1;
  static final int USAGE = 2;
  static final int UNUSABLE = 3;
  static final int UNAVAILABLE = 69;
  static final int INTERNAL = 70;
  static final int OS_ERROR = 71;
  static final int BUSY = 75;
  static final int NO_PERMISSION = 77;

  private Exit() {}

  /**
   * An operation's {@link Outcome} ({@link ExitStatus}: sysexits(3), or 1 for "refused") mapped
   * onto the table: the diagnostics say why a file was refused (IOV410: the PF is not on this host;
   * IOV003, IOV005, IOV006: the file or its schema cannot be used), and a file iovc could not
   * create is this table's 3. The JSON documents' {@code exit_status} is this number too.
   */
  static int of(Outcome outcome, List<Diagnostic> diagnostics) {
    if (outcome == Outcome.REFUSED) {
      boolean unusable = false;
      for (Diagnostic d : diagnostics) {
        if (!d.isError()) continue;
        String code = d.code().id();
        if (code.equals(Codes.LINUX_NO_PF.id())) return UNAVAILABLE;
        if (code.equals(Codes.NO_SCHEMA.id())
            || code.equals(Codes.UNREADABLE.id())
            || code.equals(Codes.BAD_SCHEMA.id())) unusable = true;
      }
      return unusable ? UNUSABLE : FINDINGS;
    }
    if (outcome == Outcome.CANT_CREATE) return UNUSABLE;
    return ExitStatus.of(outcome);
  }
}
