package io.iovc.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One of a plugin's device patterns: a regular expression the whole {@code /dev/iov} name must
 * match. The form every bundled plugin uses, {@code NAME[0-9]+} or {@code (NAME|NAME…)[0-9]+} with
 * names of ASCII letters, digits and {@code _}, is matched as written, without compiling it: the
 * first regular expression a run compiles sets up the JVM's lambda machinery, milliseconds of a
 * one-file check. Any other pattern is compiled when first matched.
 */
final class DevicePattern {
  private static final String DIGITS = "[0-9]+";

  private final String text;

  /** The names of the plain form, or null. */
  private final List<String> names;

  private Pattern compiled;

  private DevicePattern(String text, List<String> names) {
    this.text = text;
    this.names = names;
  }

  static DevicePattern of(String text) {
    return new DevicePattern(text, plainNames(text));
  }

  /** The names of {@code NAME[0-9]+} or {@code (NAME|NAME…)[0-9]+}, or null for any other form. */
  static List<String> plainNames(String text) {
    if (!text.endsWith(DIGITS)) return null;
    String head = text.substring(0, text.length() - DIGITS.length());
    if (word(head)) return List.of(head);
    if (head.length() < 3 || head.charAt(0) != '(' || head.charAt(head.length() - 1) != ')')
      return null;
    List<String> out = new ArrayList<>();
    for (String n : head.substring(1, head.length() - 1).split("\\|", -1)) {
      if (!word(n)) return null;
      out.add(n);
    }
    return List.copyOf(out);
  }

  private static boolean word(String s) {
    if (s.isEmpty()) return false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
      if (!ok) return false;
    }
    return true;
  }

  /** The pattern compiled (when first asked). */
  synchronized Pattern regex() {
    if (compiled == null) compiled = Pattern.compile(text);
    return compiled;
  }

  /** {@code Pattern.matches(text, device)}. */
  boolean matches(String device) {
    if (names == null) return regex().matcher(device).matches();
    for (String n : names) {
      if (device.length() > n.length() && device.startsWith(n) && digits(device, n.length()))
        return true;
    }
    return false;
  }

  private static boolean digits(String s, int from) {
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') return false;
    }
    return true;
  }
}
