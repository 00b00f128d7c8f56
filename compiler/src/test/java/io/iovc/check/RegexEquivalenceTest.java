package io.iovc.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The checks written out instead of compiled (so that a one-file check compiles no regular
 * expression) answer as the regular expressions they replace, on every string up to four characters
 * over an alphabet of the characters that matter and on random longer ones.
 */
class RegexEquivalenceTest {
  private static final Pattern VF = Pattern.compile("VF-([1-9][0-9]*|0)", Pattern.CASE_INSENSITIVE);
  private static final Pattern BLANK = Pattern.compile(".*\\s.*");
  private static final Pattern BLANK_SLASHES = Pattern.compile("(?s).*\\s//.*");

  /** Every string of length 0..max over the alphabet, then {@code random} longer ones. */
  private static void forStrings(String alphabet, int max, int random, Check check) {
    StringBuilder sb = new StringBuilder();
    for (int len = 0; len <= max; len++) all(alphabet, len, sb, check);
    Random r = new Random(14);
    for (int i = 0; i < random; i++) {
      sb.setLength(0);
      int len = max + 1 + r.nextInt(8);
      for (int k = 0; k < len; k++) sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
      check.on(sb.toString());
    }
  }

  private static void all(String alphabet, int len, StringBuilder sb, Check check) {
    if (sb.length() == len) {
      check.on(sb.toString());
      return;
    }
    for (int i = 0; i < alphabet.length(); i++) {
      sb.append(alphabet.charAt(i));
      all(alphabet, len, sb, check);
      sb.setLength(sb.length() - 1);
    }
  }

  private interface Check {
    void on(String s);
  }

  @Test
  void vfKeysAsIovctlsPattern() {
    forStrings(
        "VvFf-0 19x\u212a\u00e9",
        4,
        50_000,
        s -> {
          Matcher m = VF.matcher(s);
          String want = m.matches() ? m.group(1) : null;
          assertEquals(want, ConfigTree.vfDigits(s), s);
        });
    assertEquals("65536", ConfigTree.vfDigits("vF-65536"));
    assertEquals(Integer.MAX_VALUE, ConfigTree.vfIndexOf("VF-123456"));
    assertEquals(-1, ConfigTree.vfIndexOf("VF-01"));
  }

  @Test
  void deviceBlanksAsTheirPatterns() {
    forStrings(
        " \t\n\u000b\f\r\u0085\u2028\u2029/a\u00a0",
        4,
        200_000,
        s -> {
          assertEquals(BLANK.matcher(s).matches(), Lints.blankWithinALine(s), escape(s));
          assertEquals(BLANK_SLASHES.matcher(s).matches(), Lints.blankThenSlashes(s), escape(s));
        });
  }

  @Test
  void pciAddressesAsThePattern() {
    Pattern bdf = Pattern.compile("(?:[0-9a-fA-F]{4}:)?[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-7]");
    String shape = "0000:05:00.0";
    String alphabet = "0aAfF9g:.78 ";
    Random r = new Random(3);
    for (int i = 0; i < 300_000; i++) {
      // a real address with a few characters changed, cut or doubled, so that near misses abound
      StringBuilder sb = new StringBuilder(r.nextBoolean() ? shape : shape.substring(5));
      for (int k = r.nextInt(3); k > 0; k--) {
        int at = r.nextInt(sb.length());
        switch (r.nextInt(3)) {
          case 0 -> sb.setCharAt(at, alphabet.charAt(r.nextInt(alphabet.length())));
          case 1 -> sb.deleteCharAt(at);
          default -> sb.insert(at, alphabet.charAt(r.nextInt(alphabet.length())));
        }
      }
      String s = sb.toString();
      assertEquals(
          bdf.matcher(s).matches(), io.iovc.kernel.linux.LiveState.looksLikePciAddress(s), s);
    }
  }

  private static String escape(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) sb.append(String.format("\\u%04x", (int) c));
    return sb.toString();
  }
}
