package io.iovc.kernel;

import io.iovc.diag.Diagnostic;
import java.util.List;

/**
 * The outcome of an apply: an exit status (0, 1 when the file has errors and nothing was done,
 * otherwise sysexits(3): 69 unavailable, 71 OS error, 77 no permission, …), the diagnostics about
 * the file, and plain messages (what happened, what to do).
 */
public record ApplyResult(int exitStatus, List<Diagnostic> diagnostics, List<String> messages) {
  public ApplyResult {
    diagnostics = List.copyOf(diagnostics);
    messages = List.copyOf(messages);
  }
}
