package io.iovc.syntax;

import java.util.Map;

/**
 * What libucl does to string bytes after lexing (spec §2.2): JSON-style unescaping (also applied to
 * unquoted values that contain a backslash), the single-quote rules, and {@code $FILENAME} / {@code
 * $CURDIR} expansion. All strings here are byte strings, one char per byte.
 */
final class Unescape {
  private Unescape() {}

  /** libucl's JSON unescaping of {@code len} bytes at {@code from}, byte-exact, quirks included. */
  static String json(byte[] src, int from, int len) {
    if (len <= 1)
      return new String(src, from, Math.max(len, 0), java.nio.charset.StandardCharsets.ISO_8859_1);
    StringBuilder t = new StringBuilder(len);
    int h = from;
    int stop = from + len; // reads at or past here see the terminating NUL of libucl's copy
    while (len > 0) {
      int ch = h < stop ? src[h] & 0xff : 0;
      if (ch == '\\') {
        h++;
        if (len == 1) {
          len--;
          t.append('\\');
          continue;
        }
        int e = h < stop ? src[h] & 0xff : 0;
        switch (e) {
          case 'n' -> t.append('\n');
          case 'r' -> t.append('\r');
          case 'b' -> t.append('\b');
          case 't' -> t.append('\t');
          case 'f' -> t.append('\f');
          case '\\' -> t.append('\\');
          case '"' -> t.append('"');
          case 'u' -> {
            h++;
            len--;
            if (len > 3) {
              int uval = 0;
              for (int i = 0; i < 4; i++) {
                uval <<= 4;
                int d = h + i < stop ? src[h + i] & 0xff : 0;
                if (d >= '0' && d <= '9') uval += d - '0';
                else if (d >= 'a' && d <= 'f') uval += d - 'a' + 10;
                else if (d >= 'A' && d <= 'F') uval += d - 'A' + 10;
                else break;
              }
              if (uval < 0x80) {
                t.append((char) uval);
              } else if (uval < 0x800) {
                t.append((char) (0xC0 + ((uval & 0x7C0) >> 6)));
                t.append((char) (0x80 + (uval & 0x03F)));
              } else if (uval < 0x10000) {
                t.append((char) (0xE0 + ((uval & 0xF000) >> 12)));
                t.append((char) (0x80 + ((uval & 0x0FC0) >> 6)));
                t.append((char) (0x80 + (uval & 0x003F)));
              } else {
                t.append('?');
              }
              h += 4;
              len -= 4;
              if (len > 0) len--;
              continue;
            } else {
              t.append('u');
            }
          }
          default -> t.append((char) e);
        }
        h++;
        len--;
      } else {
        t.append((char) ch);
        h++;
      }
      if (len > 0) len--;
    }
    return t.toString();
  }

  /** libucl's single-quoted unescaping: only {@code \'} and backslash-newline are special. */
  static String squoted(byte[] src, int from, int len) {
    if (len <= 1)
      return new String(src, from, Math.max(len, 0), java.nio.charset.StandardCharsets.ISO_8859_1);
    StringBuilder t = new StringBuilder(len);
    int h = from;
    int stop = from + len;
    while (len > 0) {
      int ch = h < stop ? src[h] & 0xff : 0;
      if (ch == '\\') {
        h++;
        if (len == 1) {
          len--;
          t.append('\\');
          continue;
        }
        int e = h < stop ? src[h] & 0xff : 0;
        switch (e) {
          case '\'' -> t.append('\'');
          case '\n' -> {}
          case '\r' -> {
            int nx = h + 1 < stop ? src[h + 1] & 0xff : 0;
            if (len > 1 && nx == '\n') {
              h++;
              len--;
            }
          }
          default -> {
            t.append('\\');
            t.append((char) e);
          }
        }
        h++;
        len--;
      } else {
        t.append((char) ch);
        h++;
      }
      if (len > 0) len--;
    }
    return t.toString();
  }

  /**
   * libucl's variable expansion ({@code ucl_expand_variable}): {@code $NAME} (prefix match) and
   * {@code ${NAME}} for the registered variables; unknown ones stay; {@code $$} becomes {@code $}
   * only when some variable was expanded in the same string. Variables are tried in map order.
   */
  static String expand(String s, Map<String, String> vars) {
    if (vars.isEmpty() || s.indexOf('$') < 0) return s;
    int n = s.length();
    // First pass (ucl_check_variable): output length and whether any variable occurs.
    long outLen = 0;
    boolean found = false;
    int p = 0;
    while (p != n) {
      if (s.charAt(p) == '$' && p + 1 != n) {
        int q = p + 1;
        if (s.charAt(q) == '{') {
          int r = q + 1;
          while (r < n && s.charAt(r) != '}') r++;
          if (r < n) {
            String name = s.substring(q + 1, r);
            String v = vars.get(name);
            if (v != null) {
              outLen += v.length();
              found = true;
              p = r + 1;
            } else {
              outLen += 2;
              p = q + 1;
            }
          } else {
            outLen++;
            p = q;
          }
        } else if (s.charAt(q) != '$') {
          String hit = null;
          for (Map.Entry<String, String> e : vars.entrySet()) {
            if (s.startsWith(e.getKey(), q)) {
              hit = e.getKey();
              break;
            }
          }
          if (hit != null) {
            outLen += vars.get(hit).length();
            found = true;
            p = q + hit.length();
          } else {
            outLen++;
            p = q;
          }
        } else {
          outLen++;
          p = q + 1;
        }
      } else {
        p++;
        outLen++;
      }
    }
    if (!found) return s;
    // Second pass (ucl_expand_single_variable), bounded by the length computed above.
    StringBuilder d = new StringBuilder((int) Math.min(outLen, Integer.MAX_VALUE));
    p = 0;
    while (p != n && d.length() != outLen) {
      if (s.charAt(p) == '$' && p + 1 != n) {
        p = expandOne(s, p, d, outLen - d.length(), vars);
      } else {
        d.append(s.charAt(p++));
      }
    }
    return d.toString();
  }

  private static int expandOne(
      String s, int ptr, StringBuilder d, long room, Map<String, String> vars) {
    int n = s.length();
    int p = ptr + 1;
    int ret = ptr + 1;
    int inLen = n - ptr - 1;
    boolean strict = false;
    if (s.charAt(p) == '$') {
      d.append('$');
      return p + 1;
    } else if (s.charAt(p) == '{') {
      p++;
      inLen--;
      strict = true;
      ret += 2;
    }
    for (Map.Entry<String, String> e : vars.entrySet()) {
      String name = e.getKey();
      String value = e.getValue();
      if (room >= value.length() && inLen >= name.length() + (strict ? 1 : 0)) {
        if (s.startsWith(name, p)) {
          if (!strict || (p + name.length() < n && s.charAt(p + name.length()) == '}')) {
            d.append(value);
            ret += name.length();
            return ret;
          }
        }
      }
    }
    if (strict && room >= 2) {
      d.append(s, ptr, ptr + 2);
      ret--;
    } else {
      d.append(s.charAt(ptr));
    }
    return ret;
  }
}
