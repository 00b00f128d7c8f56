package io.iovc.plugin;

/**
 * A driver's documented behaviour for a value iovctl accepts (spec §8): the checker turns a match
 * into a warning with the plugin's code. Values are compared as unsigned numbers (booleans as 0/1).
 *
 * @param kind when the hint fires
 * @param lo lower bound / the value (for {@code EQUALS})
 * @param hi upper bound (for {@code OUTSIDE})
 * @param code the plugin's diagnostic code
 * @param message what the driver does, in plain words; {@code {value}} is replaced
 */
public record ValueHint(Kind kind, long lo, long hi, PluginCode code, String message) {
  public enum Kind {
    /** The value is outside {@code lo..hi}. */
    OUTSIDE,
    /** The value equals {@code lo}. */
    EQUALS,
    /** Any value: the driver ignores the parameter. */
    ANY
  }

  public static ValueHint outside(long lo, long hi, PluginCode code, String message) {
    return new ValueHint(Kind.OUTSIDE, lo, hi, code, message);
  }

  public static ValueHint equals(long value, PluginCode code, String message) {
    return new ValueHint(Kind.EQUALS, value, value, code, message);
  }

  public static ValueHint ignored(PluginCode code, String message) {
    return new ValueHint(Kind.ANY, 0, 0, code, message);
  }

  public boolean matches(long v) {
    return switch (kind) {
      case OUTSIDE -> Long.compareUnsigned(v, lo) < 0 || Long.compareUnsigned(v, hi) > 0;
      case EQUALS -> v == lo;
      case ANY -> true;
    };
  }
}
