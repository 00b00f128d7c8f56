package io.iovc.kernel;

import io.iovc.diag.Diagnostic;
import java.util.List;

/**
 * The outcome of an apply or a delete: an exit status (0, 1 when the file has errors and nothing
 * was done, otherwise sysexits(3): 69 unavailable, 71 OS error, 75 busy, 77 no permission, …), the
 * diagnostics about the file, plain messages (what happened, what to do), and the facts fleet tools
 * read from {@code --format json}.
 *
 * @param device the PF, or null when the file named none
 * @param changed the kernel's state was changed (and, unless rolled back, stays changed)
 * @param verified the state read back afterwards matches the request; null when nothing was read
 *     back (nothing changed, or the OS gave no way to read it)
 * @param rolledBack a failure after the first change was undone
 */
public record ApplyResult(
    int exitStatus,
    List<Diagnostic> diagnostics,
    List<String> messages,
    String device,
    boolean changed,
    Boolean verified,
    boolean rolledBack) {
  public ApplyResult {
    diagnostics = List.copyOf(diagnostics);
    messages = List.copyOf(messages);
  }

  /** Nothing changed, nothing read back. */
  public ApplyResult(int exitStatus, List<Diagnostic> diagnostics, List<String> messages) {
    this(exitStatus, diagnostics, messages, null, false, null, false);
  }

  /** The same result with the facts of what happened to {@code device}. */
  public ApplyResult with(String device, boolean changed, Boolean verified, boolean rolledBack) {
    return new ApplyResult(
        exitStatus, diagnostics, messages, device, changed, verified, rolledBack);
  }

  /** The same result naming its PF. */
  public ApplyResult on(String device) {
    return new ApplyResult(
        exitStatus, diagnostics, messages, device, changed, verified, rolledBack);
  }
}
