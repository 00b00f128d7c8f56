package io.iovc.nvlist;

import java.nio.charset.StandardCharsets;

/**
 * Helpers for the byte strings libnv works with (spec §7.3, §7.4).
 *
 * <p>libnv names and string values are C strings: sequences of non-NUL bytes. In this package they
 * are carried in Java {@link String}s holding one char per byte (ISO-8859-1), so every char must be
 * in {@code 1..0xFF}. Case folding follows {@code strcasecmp} in the C locale: only ASCII {@code
 * A-Z} fold to {@code a-z}.
 */
final class ByteStrings {

  /**
   * {@code NV_NAME_MAX} from {@code sys/sys/nv.h}: a name's size including its NUL may not exceed
   * this.
   */
  static final int NV_NAME_MAX = 2048;

  private ByteStrings() {}

  /**
   * Checks that {@code s} is a valid C string carried as ISO-8859-1 chars.
   *
   * @param what used in the exception message, e.g. "name"
   * @throws IllegalArgumentException if a char is NUL or above 0xFF
   */
  static void requireCString(String s, String what) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0) {
        throw new IllegalArgumentException(
            what
                + " contains a NUL byte at index "
                + i
                + "; libnv strings are NUL-terminated C strings");
      }
      if (c > 0xFF) {
        throw new IllegalArgumentException(
            what
                + " contains char U+"
                + String.format("%04X", (int) c)
                + " at index "
                + i
                + "; strings must be byte strings carried as ISO-8859-1");
      }
    }
  }

  /**
   * Validates an nvpair name: a C string shorter than {@link #NV_NAME_MAX} (libnv's {@code
   * nvpair_allocv} refuses {@code strlen(name) >= NV_NAME_MAX} with ENAMETOOLONG).
   */
  static void requireName(String name) {
    requireCString(name, "nvpair name");
    if (name.length() >= NV_NAME_MAX) {
      throw new IllegalArgumentException(
          "nvpair name is "
              + name.length()
              + " bytes long; libnv allows at most "
              + (NV_NAME_MAX - 1)
              + " (ENAMETOOLONG)");
    }
  }

  /**
   * ASCII-only lower-casing, like {@code tolower} in the C locale. Returns {@code s} itself if
   * unchanged.
   */
  static String foldAscii(String s) {
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        break;
      }
      i++;
    }
    if (i == n) {
      return s;
    }
    char[] out = s.toCharArray();
    for (; i < n; i++) {
      char c = out[i];
      if (c >= 'A' && c <= 'Z') {
        out[i] = (char) (c + ('a' - 'A'));
      }
    }
    return new String(out);
  }

  /** {@code strcasecmp(a, b) == 0} in the C locale. */
  static boolean equalsIgnoreAsciiCase(String a, String b) {
    int n = a.length();
    if (n != b.length()) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x == y) {
        continue;
      }
      if (x >= 'A' && x <= 'Z') {
        x = (char) (x + ('a' - 'A'));
      }
      if (y >= 'A' && y <= 'Z') {
        y = (char) (y + ('a' - 'A'));
      }
      if (x != y) {
        return false;
      }
    }
    return true;
  }

  /** The bytes of a validated byte string (no terminating NUL). */
  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** A byte string from {@code len} raw bytes at {@code off}. */
  static String fromBytes(byte[] buf, int off, int len) {
    return new String(buf, off, len, StandardCharsets.ISO_8859_1);
  }
}
