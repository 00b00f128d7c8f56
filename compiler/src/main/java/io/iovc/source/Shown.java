package io.iovc.source;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Text from the file as a message shows it. The UCL reader keeps libucl's byte semantics (its
 * strings are byte strings, one {@code char} per byte); a message must show the characters the user
 * wrote, so those bytes are decoded as UTF-8 here, and characters a reader cannot tell from ASCII
 * (typographic quotes, Unicode spaces, dashes, fullwidth punctuation, invisible ones) are named by
 * code point: {@code U+201C LEFT DOUBLE QUOTATION MARK}.
 */
public final class Shown {
  private Shown() {}

  /** A byte string (one char per byte) decoded as UTF-8; invalid bytes become U+FFFD. */
  public static String decode(String bytes) {
    return new String(bytes.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
  }

  /**
   * The byte string in backticks as the user wrote it, followed by the names of the characters in
   * it that look like ASCII or cannot be seen: {@code `“ixl0”` (U+201C LEFT DOUBLE QUOTATION MARK,
   * U+201D RIGHT DOUBLE QUOTATION MARK)}.
   */
  public static String quoted(String bytes) {
    String text = decode(bytes);
    String names = suspects(text);
    return "`" + text + "`" + (names.isEmpty() ? "" : " (" + names + ")");
  }

  /** The names of the look-alike or invisible characters in decoded text, comma-separated. */
  public static String suspects(String text) {
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (suspect(cp)) seen.add(name(cp));
    }
    return String.join(", ", seen);
  }

  /** {@code U+201C LEFT DOUBLE QUOTATION MARK}. */
  public static String name(int cp) {
    String n = Character.getName(cp);
    return String.format(Locale.ROOT, "U+%04X", cp) + (n == null ? "" : " " + n);
  }

  /**
   * A character outside ASCII that a reader takes for ASCII punctuation or a space, or cannot see
   * at all: everything but letters, digits and marks (an {@code é} in a key is what it looks like).
   */
  public static boolean suspect(int cp) {
    if (cp < 0x80) return false;
    if (cp == 0xFFFD) return true;
    int type = Character.getType(cp);
    return !Character.isLetterOrDigit(cp)
        && type != Character.NON_SPACING_MARK
        && type != Character.COMBINING_SPACING_MARK
        && type != Character.ENCLOSING_MARK;
  }
}
