package io.iovc.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The formatter's character tests, written out, answer as the regular expressions they replace. */
class FormatterTestsTest {
  private static final Pattern BLANKS = Pattern.compile("[ \t]{1,16}");
  private static final Pattern NUMBER_LIKE = Pattern.compile("[-+.0-9A-Za-z]+");
  private static final Pattern SEPARATOR_FIRST = Pattern.compile("(?s)[=:\\x00-\\x20].*");

  @Test
  void asTheRegularExpressions() {
    String alphabet = " \t\n\r\u0000\u001f!=:-+.09AZaz_\u00e9\u0085\u00a0";
    Random r = new Random(11);
    for (int i = 0; i < 300_000; i++) {
      StringBuilder sb = new StringBuilder();
      int len = r.nextInt(i % 3 == 0 ? 20 : 5);
      // runs of blanks around the 16 limit
      if (i % 7 == 0) sb.append(" ".repeat(r.nextInt(20)));
      for (int k = 0; k < len; k++) sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
      String s = sb.toString();
      assertEquals(BLANKS.matcher(s).matches(), Formatter.blanks(s), s);
      assertEquals(NUMBER_LIKE.matcher(s).matches(), Formatter.numberLike(s), s);
      assertEquals(
          SEPARATOR_FIRST.matcher(s).matches(), Formatter.startsWithSeparatorOrBlank(s), s);
    }
  }
}
