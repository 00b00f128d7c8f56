package io.iovc.lsp;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * The client's settings for iovc, from {@code initializationOptions}, {@code
 * workspace/didChangeConfiguration} or {@code workspace/configuration}. Each accepts either the
 * {@code iovc} section itself or an object holding it: {@code {"driver": "ixl"}} or {@code {"iovc":
 * {"driver": "ixl"}}}. Unknown keys and wrong types are ignored.
 */
final class Settings {
  /**
   * Driver schema for files whose PF.device and modeline do not choose one ({@code iovc.driver}).
   */
  volatile String driver;

  /** Delay between the last change and the diagnostics ({@code iovc.debounceMs}). */
  volatile int debounceMs = 200;

  /**
   * Largest document the server analyses, in UTF-8 bytes ({@code iovc.maxFileSize}). An analysis
   * takes about 80 bytes of heap per byte of text, so the default follows the heap: 400 KB (some
   * 4,500 VF sections) with {@code -Xmx64m}, at most 4 MiB.
   */
  volatile long maxFileSize = defaultMaxFileSize(Runtime.getRuntime().maxMemory());

  /**
   * Where a diagnostic code links to ({@code iovc.explainUrl}, {@code {code}} is replaced). Null: a
   * local file with the text of {@code iovc explain CODE}, written on first use.
   */
  volatile String explainUrl;

  /**
   * On FreeBSD, ask {@code iovctl -S} for the schema of a device that exists ({@code
   * iovc.liveSchema}).
   */
  volatile boolean liveSchema = true;

  /**
   * Compare the file with the live PF when this host has it ({@code iovc.liveChecks}, off by
   * default): the code lens over PF then shows the PF's VF limit and {@code iovc diff}'s verdict.
   */
  volatile boolean liveChecks;

  static long defaultMaxFileSize(long maxHeap) {
    return Math.max(128L << 10, Math.min(4L << 20, maxHeap / 160));
  }

  /** Applies what {@code json} sets; returns true when anything changed. */
  boolean update(Object json) {
    if (!(json instanceof JsonObject o)) return false;
    if (o.get("iovc") instanceof JsonObject inner) o = inner;
    boolean changed = false;
    if (o.has("driver")) {
      String d = string(o.get("driver"));
      String v = d == null || d.isBlank() ? null : d.strip();
      changed |= !java.util.Objects.equals(v, driver);
      driver = v;
    }
    Long n = number(o.get("debounceMs"));
    if (n != null && n >= 0 && n <= 10_000) {
      changed |= n != debounceMs;
      debounceMs = n.intValue();
    }
    n = number(o.get("maxFileSize"));
    if (n != null && n > 0) {
      changed |= n != maxFileSize;
      maxFileSize = n;
    }
    if (o.has("explainUrl")) {
      String u = string(o.get("explainUrl"));
      explainUrl = u == null || u.isBlank() ? null : u;
      changed = true;
    }
    if (o.get("liveSchema") instanceof JsonPrimitive p && p.isBoolean()) {
      changed |= p.getAsBoolean() != liveSchema;
      liveSchema = p.getAsBoolean();
    }
    if (o.get("liveChecks") instanceof JsonPrimitive p && p.isBoolean()) {
      changed |= p.getAsBoolean() != liveChecks;
      liveChecks = p.getAsBoolean();
    }
    return changed;
  }

  private static String string(JsonElement e) {
    return e instanceof JsonPrimitive p && p.isString() ? p.getAsString() : null;
  }

  private static Long number(JsonElement e) {
    if (!(e instanceof JsonPrimitive p) || !p.isNumber()) return null;
    try {
      return p.getAsLong();
    } catch (NumberFormatException ex) {
      return null;
    }
  }
}
