package io.iovc.syntax;

/**
 * libucl's {@code ucl_maybe_parse_number} with doubles allowed, byte suffixes off and time suffixes
 * on (spec §2.3). It decides by looking at the bytes after the digits, as far as the end of the
 * file: {@code 10k} is 10000, {@code 5m} is 5000000, {@code 10min} is 600 seconds, {@code 1k }} (a
 * space, then a brace) is not a number at all, {@code 1x5} is 5.
 */
final class NumberLexer {
  static final int OK = 0;
  static final int NOT_A_NUMBER = 1;
  static final int RANGE = 2;

  static final int T_INT = 0;
  static final int T_FLOAT = 1;
  static final int T_TIME = 2;

  /** Outcome of one attempt. */
  static final class Result {
    int status;
    int type;
    long longValue;
    double doubleValue;

    /** End of the number's own text (digits and suffix). */
    int textEnd;

    /** Where libucl continues (after trailing blanks in the "2 }" case). */
    int next;

    boolean suffixed;
    boolean hex;
  }

  private NumberLexer() {}

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isXDigit(int c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static boolean atomEnd(int c) {
    return c == 0 || c == '\n' || c == '\r' || c == '#' || c == ',' || c == ';' || c == ']'
        || c == '}';
  }

  static Result parse(byte[] b, int start, int end) {
    Result r = new Result();
    r.status = NOT_A_NUMBER;
    r.textEnd = start;
    int p = start;
    int c = start;
    boolean gotDot = false;
    boolean gotExp = false;
    boolean needDouble = false;
    boolean isTime = false;
    boolean validStart = false;
    boolean isHex = false;
    boolean allowDouble = true;
    boolean neg = false;
    double dv = 0;
    long lv = 0;
    if (at(b, p, end) == '-') {
      neg = true;
      c++;
      p++;
    }
    while (p < end) {
      int ch = b[p] & 0xff;
      if (isHex && isXDigit(ch)) {
        p++;
      } else if (isDigit(ch)) {
        validStart = true;
        p++;
      } else if (!isHex && (ch == 'x' || ch == 'X')) {
        isHex = true;
        allowDouble = false;
        c = p + 1;
        p++;
      } else if (allowDouble) {
        if (p == c) {
          return r;
        } else if (ch == '.') {
          if (gotDot) return r;
          gotDot = true;
          needDouble = true;
          p++;
        } else if (ch == 'e' || ch == 'E') {
          if (gotExp) return r;
          gotExp = true;
          needDouble = true;
          p++;
          if (p >= end) return r;
          int n = b[p] & 0xff;
          if (!isDigit(n) && n != '+' && n != '-') return r;
          p++;
        } else {
          break;
        }
      } else if (ch == '.') {
        return r;
      } else {
        break;
      }
    }
    if (!validStart || p == c) return r;
    if (p - c + 1 >= 128) return r; // libucl's numbuf[128]
    String digits = new String(b, c, p - c, java.nio.charset.StandardCharsets.ISO_8859_1);
    // strtod / strtoimax on "[-]digits": find how far they read (endptr) and the value.
    int consumed;
    if (needDouble) {
      consumed = strtodPrefix(digits);
      if (consumed == 0) {
        // strtod read nothing: endptr == numbuf
        dv = 0;
      } else {
        String num = (neg ? "-" : "") + digits.substring(0, consumed);
        double v = Double.parseDouble(num);
        if (Double.isInfinite(v) || underflows(digits.substring(0, consumed), v)) {
          r.status = RANGE;
          r.textEnd = p;
          return r;
        }
        dv = v;
      }
    } else {
      consumed = digits.length();
      try {
        lv = Long.parseLong((neg ? "-" : "") + digits, isHex ? 16 : 10);
      } catch (NumberFormatException e) {
        r.status = RANGE;
        r.textEnd = p;
        return r;
      }
    }
    int endptr = c + consumed;
    r.hex = isHex;
    if (endptr >= end) {
      p = end;
      return done(r, allowDouble, needDouble, isTime, dv, lv, p, p);
    }
    int ec = b[endptr] & 0xff;
    if (atomEnd(ec)) {
      return done(r, allowDouble, needDouble, isTime, dv, lv, endptr, endptr);
    }
    if (endptr != start) {
      p = endptr;
      int ch = b[p] & 0xff;
      switch (ch) {
        case 'm', 'M', 'g', 'G', 'k', 'K' -> {
          if (end - p >= 2) {
            int n1 = b[p + 1] & 0xff;
            if (n1 == 's' || n1 == 'S') {
              if (!needDouble) {
                needDouble = true;
                dv = lv;
              }
              isTime = true;
              if (ch == 'm' || ch == 'M') dv /= 1000.;
              else dv *= multiplier(ch, false);
              p += 2;
              if (end - p > 0 && !atomEnd(b[p] & 0xff)) return r;
              r.suffixed = true;
              return done(r, allowDouble, needDouble, isTime, dv, lv, p, p);
            } else if (n1 == 'b' || n1 == 'B') {
              if (needDouble) {
                needDouble = false;
                lv = toInt64(dv);
              }
              lv *= multiplier(ch, true);
              p += 2;
              if (end - p > 0 && !atomEnd(b[p] & 0xff)) return r;
              r.suffixed = true;
              return done(r, allowDouble, needDouble, isTime, dv, lv, p, p);
            } else if (atomEnd(n1)) {
              if (needDouble) dv *= multiplier(ch, false);
              else lv *= multiplier(ch, false);
              p++;
              r.suffixed = true;
              return done(r, allowDouble, needDouble, isTime, dv, lv, p, p);
            } else if (end - p >= 3
                && (ch | 0x20) == 'm'
                && ((b[p + 1] & 0xff) | 0x20) == 'i'
                && ((b[p + 2] & 0xff) | 0x20) == 'n') {
              if (!needDouble) {
                needDouble = true;
                dv = lv;
              }
              isTime = true;
              dv *= 60.;
              p += 3;
              if (end - p > 0 && !atomEnd(b[p] & 0xff)) return r;
              r.suffixed = true;
              return done(r, allowDouble, needDouble, isTime, dv, lv, p, p);
            }
          } else {
            if (needDouble) dv *= multiplier(ch, false);
            else lv *= multiplier(ch, false);
            p++;
            r.suffixed = true;
            return done(r, allowDouble, needDouble, isTime, dv, lv, p, p);
          }
        }
        case 's', 'S' -> {
          if (p == end - 1 || atomEnd(b[p + 1] & 0xff)) {
            if (!needDouble) {
              needDouble = true;
              dv = lv;
            }
            p++;
            isTime = true;
            r.suffixed = true;
            return done(r, allowDouble, needDouble, isTime, dv, lv, p, p);
          }
        }
        case 'h', 'H', 'd', 'D', 'w', 'W', 'y', 'Y' -> {
          if (p == end - 1 || atomEnd(b[p + 1] & 0xff)) {
            if (!needDouble) {
              needDouble = true;
              dv = lv;
            }
            isTime = true;
            dv *= timeMultiplier(ch);
            p++;
            r.suffixed = true;
            return done(r, allowDouble, needDouble, isTime, dv, lv, p, p);
          }
        }
        case '\t', ' ' -> {
          int q = p;
          while (q < end && ((b[q] & 0xff) == ' ' || (b[q] & 0xff) == '\t')) q++;
          if (q == end || atomEnd(b[q] & 0xff)) {
            return done(r, allowDouble, needDouble, isTime, dv, lv, endptr, q);
          }
        }
        default -> {}
      }
    }
    return r;
  }

  private static int at(byte[] b, int i, int end) {
    return i < end ? b[i] & 0xff : 0;
  }

  private static Result done(
      Result r,
      boolean allowDouble,
      boolean needDouble,
      boolean isTime,
      double dv,
      long lv,
      int textEnd,
      int next) {
    r.status = OK;
    if (allowDouble && (needDouble || isTime)) {
      r.type = isTime ? T_TIME : T_FLOAT;
      r.doubleValue = dv;
    } else {
      r.type = T_INT;
      r.longValue = lv;
    }
    r.textEnd = textEnd;
    r.next = next;
    return r;
  }

  private static long multiplier(int c, boolean bytes) {
    switch (c | 0x20) {
      case 'm':
        return bytes ? 1024L * 1024 : 1000L * 1000;
      case 'k':
        return bytes ? 1024L : 1000L;
      case 'g':
        return bytes ? 1024L * 1024 * 1024 : 1000L * 1000 * 1000;
      default:
        return 1;
    }
  }

  private static double timeMultiplier(int c) {
    switch (c | 0x20) {
      case 'm':
        return 60;
      case 'h':
        return 60 * 60;
      case 'd':
        return 60 * 60 * 24;
      case 'w':
        return 60 * 60 * 24 * 7;
      case 'y':
        return 60 * 60 * 24 * 365;
      default:
        return 1;
    }
  }

  /**
   * C's (int64_t) cast of a double as x86-64 performs it (cvttsd2si): truncation toward zero, and
   * 0x8000000000000000 for NaN and for values outside the int64 range.
   */
  static long toInt64(double d) {
    if (Double.isNaN(d) || d >= 9.223372036854775807E18 || d < -9.223372036854775808E18) {
      return Long.MIN_VALUE;
    }
    return (long) d;
  }

  /** Length of the prefix of {@code s} (digits, '.', exponent) that C's strtod reads. */
  private static int strtodPrefix(String s) {
    int i = 0;
    int n = s.length();
    int mant = 0;
    while (i < n && isDigit(s.charAt(i))) {
      i++;
      mant++;
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        mant++;
      }
    }
    if (mant == 0) return 0;
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      int j = i + 1;
      if (j < n && (s.charAt(j) == '+' || s.charAt(j) == '-')) j++;
      int k = j;
      while (k < n && isDigit(s.charAt(k))) k++;
      if (k > j) i = k;
    }
    return i;
  }

  /** glibc strtod sets ERANGE when a non-zero input underflows to zero or to a subnormal. */
  private static boolean underflows(String text, double v) {
    if (v != 0 && Math.abs(v) >= Double.MIN_NORMAL) return false;
    if (v != 0) return true;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch == 'e' || ch == 'E') break;
      if (ch >= '1' && ch <= '9') return true;
    }
    return false;
  }
}
