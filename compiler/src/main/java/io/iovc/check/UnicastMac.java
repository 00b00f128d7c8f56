package io.iovc.check;

import io.iovc.plugin.ParamType;
import io.iovc.syntax.Ascii;
import io.iovc.syntax.UValue;

/**
 * iovctl's {@code add_unicast_mac_config} (spec §3.5): a string of six hex octets separated by
 * {@code :}, read with {@code strtok} and {@code strtoul}, not multicast.
 */
final class UnicastMac {
  private UnicastMac() {}

  /** Why a string is not a MAC for iovctl. */
  enum Problem {
    LONG_OCTET,
    NOT_HEX,
    NOT_OCTET,
    TOO_MANY,
    COUNT
  }

  /** What iovctl's parse found: the six bytes, or the problem (with its token or octet count). */
  record Parsed(byte[] bytes, Problem problem, String token, int count, String suggestion) {}

  /**
   * The MAC iovctl stores for {@code v}, or null when it refuses it. Emits IOV202 (not a string),
   * IOV205 (not a MAC), IOV206 (multicast), and the lints IOV224 (all zero) and IOV225 (an unusual
   * spelling).
   */
  static TypedValue add(CheckRun r, UValue v, String k, String typeName) {
    if (!(v instanceof UValue.UString s)) {
      AddConfig.typeMismatch(r, v, k, ParamType.UNICAST_MAC, typeName);
      return null;
    }
    String str = Ascii.cString(s.value());
    Parsed p = parse(str);
    if (p.bytes() == null) {
      r.add(ValueDiagnostics.badMac(s, str, p, k));
      return null;
    }
    byte[] m = p.bytes();
    String canonical = new TypedValue.Mac(m).display();
    if ((m[0] & 1) != 0) {
      r.add(ValueDiagnostics.multicastMac(v, m, canonical, k));
      return null;
    }
    boolean zero = true;
    for (byte x : m) zero &= x == 0;
    if (zero) {
      r.add(LintDiagnostics.zeroMac(v.span()));
    } else if (!str.equals(canonical) && !str.equalsIgnoreCase(canonical)) {
      r.add(LintDiagnostics.oddMac(v.span(), canonical));
    }
    return new TypedValue.Mac(m);
  }

  /**
   * iovctl's MAC parsing: strtok on ':' (empty fields skipped), each token 1–2 bytes, strtoul base
   * 16 consuming the whole token, at most 255, exactly six.
   */
  static Parsed parse(String s) {
    byte[] mac = new byte[6];
    int n = 0;
    int i = 0;
    while (true) {
      while (i < s.length() && s.charAt(i) == ':') i++;
      if (i >= s.length()) break;
      int j = i;
      while (j < s.length() && s.charAt(j) != ':') j++;
      String tok = s.substring(i, j);
      i = j;
      if (tok.length() > 2) return new Parsed(null, Problem.LONG_OCTET, tok, n, suggest(s));
      long val = strtoul16(tok);
      if (val < 0) return new Parsed(null, Problem.NOT_HEX, tok, n, suggest(s));
      if (Long.compareUnsigned(val, 255) > 0)
        return new Parsed(null, Problem.NOT_OCTET, tok, n, null);
      if (n >= 6) return new Parsed(null, Problem.TOO_MANY, tok, n, null);
      mac[n++] = (byte) val;
    }
    if (n != 6) return new Parsed(null, Problem.COUNT, null, n, suggest(s));
    return new Parsed(mac, null, null, n, null);
  }

  /** A canonical spelling for MACs written with '-' or '.', or null. */
  private static String suggest(String s) {
    String hex = s.replaceAll("[-.:\\s]", "");
    if (hex.matches("[0-9a-fA-F]{12}")) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < 12; i += 2) {
        if (i > 0) sb.append(':');
        sb.append(hex, i, i + 2);
      }
      return sb.toString().toLowerCase(java.util.Locale.ROOT);
    }
    return null;
  }

  /**
   * {@code strtoul(tok, &end, 16)} requiring {@code *end == '\0'}: leading white space, a sign and
   * a 0x prefix are allowed. Returns -1 when the token is not entirely consumed; negative numbers
   * wrap like C (a huge unsigned value, returned as its negative long).
   */
  static long strtoul16(String tok) {
    int i = 0;
    int n = tok.length();
    while (i < n && (tok.charAt(i) == ' ' || (tok.charAt(i) >= 9 && tok.charAt(i) <= 13))) i++;
    boolean neg = false;
    if (i < n && (tok.charAt(i) == '+' || tok.charAt(i) == '-')) {
      neg = tok.charAt(i) == '-';
      i++;
    }
    if (i + 1 < n
        && tok.charAt(i) == '0'
        && (tok.charAt(i + 1) == 'x' || tok.charAt(i + 1) == 'X')
        && i + 2 < n
        && Character.digit(tok.charAt(i + 2), 16) >= 0) {
      i += 2;
    }
    int start = i;
    long v = 0;
    while (i < n && tok.charAt(i) < 0x80 && Character.digit(tok.charAt(i), 16) >= 0) {
      v = v * 16 + Character.digit(tok.charAt(i), 16);
      i++;
    }
    if (i == start || i != n) return -1;
    if (neg && v != 0) return Long.MAX_VALUE; // wraps to a huge unsigned value: above 255
    return v;
  }
}
