package io.iovc.syntax;

/**
 * The C library's view of text that iovctl and libnv rely on: {@code strcasecmp} folds only ASCII
 * letters (iovctl runs in the C locale), and C strings end at the first NUL.
 */
public final class Ascii {
  private Ascii() {}

  public static boolean equalsIgnoreCase(String a, String b) {
    if (a.length() != b.length()) return false;
    for (int i = 0; i < a.length(); i++) {
      if (lower(a.charAt(i)) != lower(b.charAt(i))) return false;
    }
    return true;
  }

  public static char lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
  }

  public static String toLower(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) sb.append(lower(s.charAt(i)));
    return sb.toString();
  }

  /** The C string a byte string becomes: everything before the first NUL. */
  public static String cString(String s) {
    int nul = s.indexOf('\0');
    return nul < 0 ? s : s.substring(0, nul);
  }

  /** A byte string (one char per byte) decoded as UTF-8 for display. */
  public static String display(String latin1) {
    return new String(
        latin1.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
        java.nio.charset.StandardCharsets.UTF_8);
  }
}
