package io.iovc.apply;

import io.iovc.diag.Diagnostic;
import io.iovc.kernel.DeviceResult;
import io.iovc.kernel.Outcome;
import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of an apply or a delete: how it ended ({@link Outcome}; {@code REFUSED} when the file
 * has errors and nothing was done), the diagnostics about the file, plain messages (what happened,
 * what to do), and the facts fleet tools read from {@code --format json}. The front end picks the
 * exit status and the words.
 *
 * @param device the PF, or null when the file named none
 * @param changed the kernel's state was changed (and, unless rolled back, stays changed)
 * @param verified the state read back afterwards matches the request; null when nothing was read
 *     back (nothing changed, or the OS gave no way to read it)
 * @param rolledBack a failure after the first change was undone
 */
public record ApplyResult(
    Outcome outcome,
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
  public ApplyResult(Outcome outcome, List<Diagnostic> diagnostics, List<String> messages) {
    this(outcome, diagnostics, messages, null, false, null, false);
  }

  /** The device layer's result, with the diagnostics about the file and messages said before it. */
  public static ApplyResult of(
      DeviceResult r, List<Diagnostic> diagnostics, List<String> messagesBefore) {
    List<String> m = new ArrayList<>(messagesBefore);
    m.addAll(r.messages());
    return new ApplyResult(
        r.outcome(), diagnostics, m, r.device(), r.changed(), r.verified(), r.rolledBack());
  }

  /** The device layer's result, with no file behind it (a delete). */
  public static ApplyResult of(DeviceResult r) {
    return of(r, List.of(), List.of());
  }

  /** The same result with the facts of what happened to {@code device}. */
  public ApplyResult with(String device, boolean changed, Boolean verified, boolean rolledBack) {
    return new ApplyResult(outcome, diagnostics, messages, device, changed, verified, rolledBack);
  }

  /** The same result naming its PF. */
  public ApplyResult on(String device) {
    return new ApplyResult(outcome, diagnostics, messages, device, changed, verified, rolledBack);
  }
}
