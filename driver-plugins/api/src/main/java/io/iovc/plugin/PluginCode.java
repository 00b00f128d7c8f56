package io.iovc.plugin;

import java.util.Objects;

/**
 * A driver plugin's own diagnostic code, such as {@code IXL001}: what the checker reports when a
 * {@link ValueHint} matches. iovc turns it into one of its diagnostic codes and {@code iovc
 * explain} prints the explanation the plugin gives in {@link DriverPlugin#codes()}.
 *
 * <p>The id is upper-case letters and digits, starts with a letter and ends in three digits; the
 * {@code IOV} prefix belongs to iovc's own codes. A plugin code is never an error: errors are
 * exactly the files iovctl or the kernel refuse, which a plugin cannot change; a plugin describes
 * what the driver does with values iovctl accepts.
 *
 * @param id the code, e.g. {@code IXL001}
 * @param severity how bad a match is
 * @param title a few words, shown after the code
 */
public record PluginCode(String id, Severity severity, String title) {
  /** How bad a finding with this code is. */
  public enum Severity {
    /** Legal for iovctl, but the driver does something else than the file says. */
    WARNING,
    /** Worth knowing, nothing to fix. */
    INFO
  }

  public PluginCode {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(title, "title");
    if (!wellFormed(id)) {
      throw new IllegalArgumentException(
          "bad code id `"
              + id
              + "`: upper-case letters and digits, starting with a letter, ending in three digits");
    }
    if (id.startsWith("IOV")) {
      throw new IllegalArgumentException(
          "code " + id + ": the IOV prefix is iovc's own; use the driver's name, e.g. IXL001");
    }
  }

  private static boolean wellFormed(String id) {
    int n = id.length();
    if (n < 4 || id.charAt(0) < 'A' || id.charAt(0) > 'Z') return false;
    for (int i = 0; i < n; i++) {
      char c = id.charAt(i);
      boolean digit = c >= '0' && c <= '9';
      if (i >= n - 3 ? !digit : !(digit || (c >= 'A' && c <= 'Z'))) return false;
    }
    return true;
  }

  @Override
  public String toString() {
    return id;
  }
}
