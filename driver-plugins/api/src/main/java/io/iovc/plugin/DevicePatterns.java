package io.iovc.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Example names for the device patterns plugins declare ({@link DriverPlugin#exampleDevices()}).
 * Only the simple shapes plugins use are expanded: literal text, one level of {@code (a|b)} groups,
 * and digit classes ({@code [0-9]+}, {@code \d+}) written as 0. A pattern with anything else gives
 * no example; every example is checked against its pattern.
 */
final class DevicePatterns {
  private static final int MAX = 8;

  private DevicePatterns() {}

  static List<String> examples(List<String> patterns) {
    List<String> out = new ArrayList<>();
    for (String p : patterns) {
      List<String> names = expand(p);
      for (String n : names) {
        if (out.size() < MAX && !out.contains(n) && matches(p, n)) out.add(n);
      }
    }
    return List.copyOf(out);
  }

  private static boolean matches(String pattern, String name) {
    try {
      return Pattern.matches(pattern, name);
    } catch (PatternSyntaxException e) {
      return false;
    }
  }

  /** Every spelling of a simple pattern, or none when it is not simple. */
  static List<String> expand(String p) {
    List<String> acc = new ArrayList<>();
    acc.add("");
    int i = 0;
    while (i < p.length()) {
      char c = p.charAt(i);
      List<String> parts;
      if (p.startsWith("[0-9]+", i) || p.startsWith("[0-9]*", i)) {
        parts = List.of("0");
        i += 6;
      } else if (p.startsWith("\\d+", i) || p.startsWith("\\d*", i)) {
        parts = List.of("0");
        i += 3;
      } else if (c == '(') {
        int close = p.indexOf(')', i);
        if (close < 0) return List.of();
        String body = p.substring(i + 1, close);
        if (body.startsWith("?:")) body = body.substring(2);
        if (!body.matches("[A-Za-z0-9_.|-]*")) return List.of();
        parts = List.of(body.split("\\|", -1));
        i = close + 1;
      } else if (c == '\\' && i + 1 < p.length() && !Character.isLetterOrDigit(p.charAt(i + 1))) {
        parts = List.of(String.valueOf(p.charAt(i + 1)));
        i += 2;
      } else if (Character.isLetterOrDigit(c) || c == '_' || c == '-') {
        parts = List.of(String.valueOf(c));
        i++;
      } else {
        return List.of();
      }
      List<String> next = new ArrayList<>();
      for (String a : acc) {
        for (String b : parts) {
          if (next.size() < MAX) next.add(a + b);
        }
      }
      acc = next;
    }
    return acc;
  }
}
