package io.iovc.kernel;

import java.util.List;

/**
 * What an operation on a PF did, as data: its {@link Outcome}, plain messages (what happened), and
 * the facts fleet tools read.
 *
 * @param device the PF, or null when none was found
 * @param changed the kernel's state was changed (and, unless rolled back, stays changed)
 * @param verified the state read back afterwards matches the request; null when nothing was read
 *     back (nothing changed, or the OS gave no way to read it)
 * @param rolledBack a failure after the first change was undone
 */
public record DeviceResult(
    Outcome outcome,
    List<String> messages,
    String device,
    boolean changed,
    Boolean verified,
    boolean rolledBack) {
  public DeviceResult {
    messages = List.copyOf(messages);
  }

  /** Nothing changed, nothing read back. */
  public DeviceResult(Outcome outcome, List<String> messages) {
    this(outcome, messages, null, false, null, false);
  }

  /** The same result with the facts of what happened to {@code device}. */
  public DeviceResult with(String device, boolean changed, Boolean verified, boolean rolledBack) {
    return new DeviceResult(outcome, messages, device, changed, verified, rolledBack);
  }

  /** The same result naming its PF. */
  public DeviceResult on(String device) {
    return new DeviceResult(outcome, messages, device, changed, verified, rolledBack);
  }
}
