package io.iovc.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 reader for tests (no JSON library is on the compiler's class path): objects
 * become {@link LinkedHashMap}, arrays {@link ArrayList}, numbers {@link Long} or {@link Double}.
 * Anything that is not well-formed JSON (raw control characters in strings, trailing commas, bad
 * escapes, text after the value) throws {@link IllegalArgumentException}.
 */
public final class MiniJson {
  private final String s;
  private int i;

  private MiniJson(String s) {
    this.s = s;
  }

  public static Object parse(String text) {
    MiniJson p = new MiniJson(text);
    p.ws();
    Object v = p.value();
    p.ws();
    if (p.i != text.length()) throw p.error("text after the value");
    return v;
  }

  /** Follows a path of object keys (String) and array indexes (Integer). */
  public static Object at(Object root, Object... path) {
    Object cur = root;
    for (Object k : path) {
      if (k instanceof Integer n) {
        if (!(cur instanceof List<?> l) || n >= l.size())
          throw new IllegalArgumentException("no [" + n + "] in " + cur);
        cur = l.get(n);
      } else {
        if (!(cur instanceof Map<?, ?> m) || !m.containsKey(k))
          throw new IllegalArgumentException("no \"" + k + "\" in " + cur);
        cur = m.get(k);
      }
    }
    return cur;
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(what + " at offset " + i);
  }

  private void ws() {
    while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) i++;
  }

  private char peek() {
    if (i >= s.length()) throw error("unexpected end");
    return s.charAt(i);
  }

  private void expect(char c) {
    if (peek() != c) throw error("expected '" + c + "'");
    i++;
  }

  private Object value() {
    char c = peek();
    switch (c) {
      case '{':
        return object();
      case '[':
        return array();
      case '"':
        return string();
      case 't':
        word("true");
        return Boolean.TRUE;
      case 'f':
        word("false");
        return Boolean.FALSE;
      case 'n':
        word("null");
        return null;
      default:
        return number();
    }
  }

  private void word(String w) {
    if (!s.startsWith(w, i)) throw error("expected " + w);
    i += w.length();
  }

  private Map<String, Object> object() {
    expect('{');
    Map<String, Object> m = new LinkedHashMap<>();
    ws();
    if (peek() == '}') {
      i++;
      return m;
    }
    while (true) {
      ws();
      String k = string();
      ws();
      expect(':');
      ws();
      if (m.containsKey(k)) throw error("duplicate key " + k);
      m.put(k, value());
      ws();
      if (peek() == ',') {
        i++;
        continue;
      }
      expect('}');
      return m;
    }
  }

  private List<Object> array() {
    expect('[');
    List<Object> l = new ArrayList<>();
    ws();
    if (peek() == ']') {
      i++;
      return l;
    }
    while (true) {
      ws();
      l.add(value());
      ws();
      if (peek() == ',') {
        i++;
        continue;
      }
      expect(']');
      return l;
    }
  }

  private String string() {
    expect('"');
    StringBuilder sb = new StringBuilder();
    while (true) {
      char c = peek();
      i++;
      if (c == '"') return sb.toString();
      if (c < 0x20) throw error("raw control character in a string");
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      char e = peek();
      i++;
      switch (e) {
        case '"', '\\', '/' -> sb.append(e);
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'u' -> {
          if (i + 4 > s.length()) throw error("short \\u escape");
          sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
          i += 4;
        }
        default -> throw error("bad escape \\" + e);
      }
    }
  }

  private Object number() {
    int start = i;
    if (peek() == '-') i++;
    if (i < s.length() && s.charAt(i) == '0') {
      i++;
    } else {
      int d = i;
      while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
      if (i == d) throw error("not a value");
    }
    boolean frac = false;
    if (i < s.length() && s.charAt(i) == '.') {
      frac = true;
      i++;
      int d = i;
      while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
      if (i == d) throw error("digits after '.'");
    }
    if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      frac = true;
      i++;
      if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
      int d = i;
      while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
      if (i == d) throw error("digits in exponent");
    }
    String t = s.substring(start, i);
    return frac ? (Object) Double.parseDouble(t) : (Object) Long.parseLong(t);
  }
}
