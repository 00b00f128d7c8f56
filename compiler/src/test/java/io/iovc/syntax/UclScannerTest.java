package io.iovc.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.iovc.diag.Code;
import io.iovc.diag.Codes;
import io.iovc.diag.Diagnostic;
import io.iovc.source.SourceText;
import io.iovc.source.Span;
import io.iovc.testing.Oracle;
import io.iovc.testing.UclGen;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The syntax stage against libucl 0.9.4 as iovctl uses it (spec §2.1–§2.3, §2.7). Every expected
 * tree below was produced by libucl itself (the oracle's {@code ucldump}); with {@code IOVC_ORACLE}
 * set, each expectation is re-checked against libucl before iovc is compared with it.
 *
 * <p>Trees are written compactly: {@code { key=value … }}, strings in single quotes with the
 * non-printable bytes as {@code \xNN}, numbers as {@code int:}, {@code float:} or {@code time:},
 * {@code key@N=} for a key read under {@code .priority N}; {@code ERROR} when libucl refuses the
 * file.
 */
class UclScannerTest {
  // ------------------------------------------------------------------ helpers

  private static final Pattern KEY_LINE = Pattern.compile("\"(.*?)\" p(\\d+) = (.*)");

  /** UclDump's format (also ucldump's) in one line. */
  static String compact(String dump) {
    if (dump.equals("ERROR\n")) return "ERROR";
    StringBuilder sb = new StringBuilder();
    for (String line : dump.split("\n")) {
      String l = line.strip();
      String prefix = "";
      Matcher m = KEY_LINE.matcher(l);
      if (m.matches()) {
        String k = m.group(1);
        prefix =
            (k.matches("[A-Za-z0-9_./-]+") ? k : "\"" + k + "\"")
                + (m.group(2).equals("0") ? "" : "@" + m.group(2))
                + "=";
        l = m.group(3);
      }
      if (l.startsWith("str:\"")) l = "'" + l.substring(5, l.length() - 1) + "'";
      else if (l.startsWith("bool:")) l = l.substring(5);
      if (sb.length() > 0) sb.append(' ');
      sb.append(prefix).append(l);
    }
    return sb.toString();
  }

  private static byte[] bytes(String latin1) {
    return latin1.getBytes(StandardCharsets.ISO_8859_1);
  }

  static SyntaxTree parse(String latin1) {
    return Ucl.parse(new SourceText("t.conf", bytes(latin1)));
  }

  /** libucl's tree for this input is {@code expected}, and iovc builds the same. */
  private static void assertTree(String input, String expected) {
    String oracle = Oracle.ucldump(bytes(input));
    if (oracle != null)
      assertEquals(
          expected, compact(oracle), "the expectation disagrees with libucl for: " + input);
    SyntaxTree t = parse(input);
    assertEquals(
        expected, compact(UclDump.dump(t)), "iovc's tree for: " + input + "\n" + t.diagnostics());
  }

  /** libucl refuses the input, and iovc refuses it with {@code code} among its errors. */
  private static SyntaxTree assertRefused(String input, Code code) {
    String oracle = Oracle.ucldump(bytes(input));
    if (oracle != null)
      assertEquals("ERROR", compact(oracle), "the expectation disagrees with libucl for: " + input);
    SyntaxTree t = parse(input);
    assertTrue(t.hasErrors(), "iovc accepts: " + input);
    assertTrue(
        t.diagnostics().stream().anyMatch(d -> d.isError() && d.code() == code),
        "no " + code + " for " + input + ": " + t.diagnostics());
    return t;
  }

  /** Refused with {@code code}, and that diagnostic's span covers exactly {@code spanText}. */
  private static void assertRefusedAt(String input, Code code, String spanText) {
    SyntaxTree t = assertRefused(input, code);
    Diagnostic d = t.diagnostics().stream().filter(x -> x.code() == code).findFirst().orElseThrow();
    assertEquals(spanText, t.source().raw(d.span()), "span of " + code + " in " + input);
  }

  private static List<Code> codes(SyntaxTree t) {
    return t.diagnostics().stream().map(Diagnostic::code).toList();
  }

  // ------------------------------------------------------------------ §2.1 comments

  @Test
  void hashCommentRunsToTheEndOfTheLine() {
    assertTree("a = 1 # c\nb = 2", "{ a=int:1 b=int:2 }");
    assertTree("# only a comment\n", "{ }");
  }

  @Test
  void blockCommentsNest() {
    assertTree("a = 1; /* x /* y */ z */ b = 2", "{ a=int:1 b=int:2 }");
    assertTree("a = 1; /* x /* y */ z */\n/* again */ b = 2", "{ a=int:1 b=int:2 }");
  }

  @Test
  void aQuoteInsideABlockCommentHidesTheEndMarker() {
    // the `*/` between the two quotes does not end the comment; the last one does
    assertTree("a = 1; /* \" */ \" */\nb = 2", "{ a=int:1 b=int:2 }");
    assertRefusedAt("/* \" */\na=1", Codes.UNTERMINATED_COMMENT, "/*");
  }

  @Test
  void unterminatedBlockCommentIsRefused() {
    assertRefusedAt("a = 1; /* open", Codes.UNTERMINATED_COMMENT, "/*");
    assertRefused("a = 1; /* a /* b */", Codes.UNTERMINATED_COMMENT);
  }

  @Test
  void aNumberFollowedByABlockCommentIsAString() {
    // libucl: after "1 " only a value terminator keeps it a number; "/*" is not one
    assertTree("a = 1 /* c */ b = 2", "{ a='1' b=int:2 }");
    assertTree("a = x /* c */\n", "{ a='x' }");
  }

  @Test
  void doubleSlashIsNotAComment() {
    assertTree("// foo", "{ //='foo' }");
    SyntaxTree t = parse("a = x // y");
    assertEquals("{ a='x // y' }", compact(UclDump.dump(t)));
    assertFalse(t.hasErrors());
    assertEquals(List.of(Codes.SLASH_COMMENT), codes(t));
    assertEquals("// y", t.source().raw(t.diagnostics().get(0).span()));
    assertTree("a = x//y", "{ a='x//y' }");
  }

  // ------------------------------------------------------------------ §2.1 separators and
  // terminators

  @Test
  void keyValueSeparatorIsEqualsColonOrWhitespace() {
    assertTree(
        "a = 1\nb : 2\nc 3\nd=4\ne:5\nf\t6", "{ a=int:1 b=int:2 c=int:3 d=int:4 e=int:5 f=int:6 }");
  }

  @Test
  void aSecondSeparatorIsRefused() {
    assertRefusedAt("a == 1", Codes.BAD_KEY, "=");
    assertRefusedAt("a =: 1", Codes.BAD_KEY, ":");
  }

  @Test
  void sectionsMayUseEqualsOrColon() {
    String tree = "{ PF={ a=int:1 } }";
    assertTree("PF { a = 1 }", tree);
    assertTree("PF = { a = 1 }", tree);
    assertTree("PF: { a = 1 }", tree);
  }

  @Test
  void terminators() {
    assertTree("a = 1; b = 2", "{ a=int:1 b=int:2 }");
    assertTree("a=1,b=2,", "{ a=int:1 b=int:2 }");
    assertTree("a=1;;b=2;", "{ a=int:1 b=int:2 }");
    assertTree("a = 1\nb = 2\n", "{ a=int:1 b=int:2 }");
  }

  @Test
  void withoutATerminatorAnUnquotedValueRunsOn() {
    assertTree("a = 1 b = 2", "{ a='1 b = 2' }");
    assertRefusedAt("a = \"x\" b = 1", Codes.MISSING_DELIMITER, "b");
  }

  // ------------------------------------------------------------------ §2.1 keys

  @Test
  void bareKeys() {
    assertTree(
        "9 = 1\n/p = 2\n_x = 3\nk\u00c3\u00a9 = 4\na.b-c = 5\nVF-0 = 6",
        "{ 9=int:1 /p=int:2 _x=int:3 \"k\\xc3\\xa9\"=int:4 a.b-c=int:5 VF-0=int:6 }");
  }

  @Test
  void aDashCannotStartAKey() {
    assertRefusedAt("-a = 1", Codes.BAD_KEY, "-");
  }

  @Test
  void doubleQuotedKeysAreJsonStrings() {
    assertTree("\"a b\" = 1\n\"a\\u0041\\n\" = 2", "{ \"a b\"=int:1 \"aA\\x0a\"=int:2 }");
  }

  @Test
  void singleQuotedKeysAreRefused() {
    assertRefusedAt("'a' = 1", Codes.BAD_KEY, "'");
  }

  @Test
  void emptyKeysAreRefused() {
    assertRefusedAt("\"\" = 1", Codes.BAD_KEY, "\"\"");
  }

  @Test
  void aBraceGluedToTheKeyIsRefused() {
    assertRefusedAt("PF{ a = 1 }", Codes.BAD_KEY, "{");
    assertRefusedAt("VF-0{ }", Codes.BAD_KEY, "{");
    SyntaxTree t = parse("PF{ a = 1 }");
    Diagnostic d =
        t.diagnostics().stream().filter(x -> x.code() == Codes.BAD_KEY).findFirst().orElseThrow();
    assertEquals(1, d.fixes().size(), "a fix inserts the missing space");
    assertEquals(" ", d.fixes().get(0).edits().get(0).text());
    assertEquals(Span.at(2), d.fixes().get(0).edits().get(0).span());
  }

  @Test
  void aKeyCannotEndAtALineBreak() {
    assertRefused("a\n= 1", Codes.BAD_KEY);
  }

  // ------------------------------------------------------------------ §2.2 double-quoted strings

  @Test
  void jsonEscapes() {
    assertTree(
        "a = \"\\n\\t\\r\\b\\f\\\\\\\"\\/\"", "{ a='\\x0a\\x09\\x0d\\x08\\x0c\\x5c\\x22/' }");
  }

  @Test
  void unicodeEscapesBecomeUtf8() {
    assertTree("a = \"\\u00e9\\u0041\\u20ac\"", "{ a='\\xc3\\xa9A\\xe2\\x82\\xac' }");
    // a lone surrogate is encoded as it is (CESU style), not refused
    assertTree("a = \"\\uD83D\"", "{ a='\\xed\\xa0\\xbd' }");
  }

  @Test
  void unknownEscapesDropTheBackslash() {
    assertTree("a = \"\\q\\x30\"", "{ a='qx30' }");
  }

  @Test
  void shortUnicodeEscapeIsRefused() {
    assertRefused("a = \"\\u12\"", Codes.BAD_ESCAPE);
    assertRefused("a = \"\\u12zz\"", Codes.BAD_ESCAPE);
  }

  @Test
  void controlCharactersInsideQuotesAreRefused() {
    assertRefusedAt("a = \"x\ty\"", Codes.CONTROL_IN_STRING, "\t");
    assertRefusedAt("a = \"x\0y\"", Codes.CONTROL_IN_STRING, "\0");
  }

  @Test
  void aLineBreakInsideQuotesIsRefused() {
    assertRefusedAt("a = \"x\ny\"", Codes.UNTERMINATED_STRING, "\"x");
  }

  @Test
  void unterminatedStringIsRefused() {
    assertRefusedAt("a = \"ab", Codes.UNTERMINATED_STRING, "\"ab");
  }

  // ------------------------------------------------------------------ §2.2 single-quoted strings

  @Test
  void singleQuotesKeepBackslashesExceptBeforeAQuote() {
    assertTree("a = 'a\\tb\\\\c'", "{ a='a\\x5ctb\\x5c\\x5cc' }");
    assertTree("a = 'it\\'s'", "{ a='it's' }");
  }

  @Test
  void singleQuotesJoinABackslashNewline() {
    assertTree("a = 'line\\\nnext'", "{ a='linenext' }");
  }

  @Test
  void unterminatedSingleQuotedStringIsRefused() {
    assertRefusedAt("a = 'abc", Codes.UNTERMINATED_STRING, "'abc");
  }

  // ------------------------------------------------------------------ §2.2 heredocs

  @Test
  void heredoc() {
    assertTree("a = <<EOD\nline1\nline2\nEOD\nb = 1", "{ a='line1\\x0aline2' b=int:1 }");
  }

  @Test
  void heredocTerminatorMayBeFollowedBySemicolonOrComma() {
    assertTree("a = <<EOD\nx\nEOD;b=1", "{ a='x' b=int:1 }");
    assertTree("a = <<EOD\nx\nEOD,b=2", "{ a='x' b=int:2 }");
  }

  @Test
  void heredocTerminatorMustBeAloneAtTheStartOfALine() {
    assertTree("a = <<EOD\nx\nEODX\nEOD\n", "{ a='x\\x0aEODX' }");
    assertTree("a = <<EOD\nx\n EOD\nEOD\n", "{ a='x\\x0a EOD' }");
    assertRefused("a = <<EOD\nx\nEOD b=2", Codes.UNTERMINATED_HEREDOC);
  }

  @Test
  void heredocTagMustBeUppercase() {
    // `<<eod` is not a heredoc: the value is the text `<<eod`, and `x` then `eod` are keys without
    // values
    assertRefused("a = <<eod\nx\neod\n", Codes.BAD_KEY);
  }

  @Test
  void emptyHeredocIsRefusedButOneEmptyLineIsTheEmptyString() {
    assertRefused("a = <<EOD\nEOD\n", Codes.UNTERMINATED_HEREDOC);
    assertTree("a = <<EOD\n\nEOD\n", "{ a='' }");
  }

  @Test
  void heredocThatNeverEndsIsRefused() {
    assertRefusedAt("a = <<EOD\nx\n", Codes.UNTERMINATED_HEREDOC, "<<EOD");
    assertRefused("a = <<EOD", Codes.UNTERMINATED_HEREDOC);
  }

  @Test
  void heredocWithCrlfNeverStarts() {
    // the tag must be followed by "\n"; with "\r\n" the value is the text `<<EOD` and the next line
    // a key
    assertRefused("a = <<EOD\r\nx\r\nEOD\r\n", Codes.BAD_KEY);
  }

  // ------------------------------------------------------------------ §2.2 unquoted strings

  @Test
  void unquotedStringKeepsInnerSpacesAndTrimsTrailingBlanks() {
    assertTree("a = hello world   \nb = x", "{ a='hello world' b='x' }");
    assertTree("a = x\ty\t\n", "{ a='x\\x09y' }");
  }

  @Test
  void unquotedStringStopsAtValueEnds() {
    assertTree("a = x;y=1", "{ a='x' y=int:1 }");
    assertTree("a = x#c\nb=1", "{ a='x' b=int:1 }");
    assertTree("a = [x y, z]", "{ a=[ 'x y' 'z' ] }");
    assertTree("a { b = x}", "{ a={ b='x' } }");
    assertTree("a = x\r\nb = 1", "{ a='x' b=int:1 }");
  }

  @Test
  void unquotedStringKeepsBalancedBraces() {
    assertTree("a = a{b}c", "{ a='a{b}c' }");
    assertTree("a = x[1]y", "{ a='x[1]y' }");
    assertTree("a = a{b", "{ a='a{b' }");
  }

  @Test
  void unquotedStringIsUnescaped() {
    assertTree("a = a\\nb", "{ a='a\\x0ab' }");
  }

  @Test
  void emptyValueIsRefused() {
    assertRefusedAt("a = ;", Codes.MISSING_VALUE, "");
    SyntaxTree t = parse("a = ;");
    assertEquals(Span.at(4), t.diagnostics().get(0).span());
  }

  @Test
  void valueMayStartOnTheNextLine() {
    assertTree("a = \n b", "{ a='b' }");
  }

  // ------------------------------------------------------------------ §2.2 booleans and null

  @Test
  void booleansInAnyCase() {
    assertTree(
        "a = true\nb = TRUE\nc = Yes\nd = on\ne = OFF\nf = no\ng = FaLsE",
        "{ a=true b=true c=true d=true e=false f=false g=false }");
    assertTree("a = truex\nb = yes please", "{ a='truex' b='yes please' }");
  }

  @Test
  void onlyLowercaseNullIsNull() {
    assertTree("a = null\nb = NULL\nc = nil\nd = Null", "{ a=null b='NULL' c='nil' d='Null' }");
  }

  @Test
  void nanAndInfAreFloatsInLowercaseOnly() {
    assertTree(
        "a = nan\nb = inf\nc = NaN\nd = -inf", "{ a=float:nan b=float:inf c='NaN' d='-inf' }");
  }

  // ------------------------------------------------------------------ §2.3 numbers

  @Test
  void decimalIntegersLeadingZerosAreNotOctal() {
    assertTree("a=2\nb=007\nc=08\nd=-5", "{ a=int:2 b=int:7 c=int:8 d=int:-5 }");
  }

  @Test
  void notNumbers() {
    assertTree(
        "a=+1\nb=.5\nc=1_000\nd=0b101\ne=0x\nf=1e\ng=-",
        "{ a='+1' b='.5' c='1_000' d='0b101' e='0x' f='1e' g='-' }");
    assertTree("a = 0x1.5\nb = -x5\nc = 3mi", "{ a='0x1.5' b='-x5' c='3mi' }");
  }

  @Test
  void hexIncludingTheOneXFiveQuirk() {
    assertTree(
        "a=0x1F\nb=0xff\nc=-0x10\nd=1x5\ne=0X10\nf=12x34",
        "{ a=int:31 b=int:255 c=int:-16 d=int:5 e=int:16 f=int:52 }");
    assertTree("a=0x2k", "{ a=int:2000 }");
    assertTree("a = 0x1fs", "{ a=int:31 }");
  }

  @Test
  void floats() {
    assertTree(
        "a=2.9\nb=5.\nc=1e3\nd=-0.5\ne=1.5k\nf=1E-2\ng=1.5e3k",
        "{ a=float:2.8999999999999999 b=float:5 c=float:1000 d=float:-0.5 e=float:1500 f=float:0.01 g=float:1500000 }");
  }

  @Test
  void multiplierSuffixes() {
    assertTree(
        "a=10k\nb=5m\nc=1g\nd=1K\ne=2G",
        "{ a=int:10000 b=int:5000000 c=int:1000000000 d=int:1000 e=int:2000000000 }");
    assertTree(
        "a=10kb\nb=5mb\nc=2KB\nd=1gb\ne=1Kb",
        "{ a=int:10240 b=int:5242880 c=int:2048 d=int:1073741824 e=int:1024 }");
  }

  @Test
  void timeSuffixes() {
    assertTree(
        "a=10s\nb=2h\nc=1d\nd=1w\ne=1y\nf=10min\ng=10ms\nh=1500ms\ni=1ks",
        "{ a=time:10 b=time:7200 c=time:86400 d=time:604800 e=time:31536000 f=time:600 g=time:0.01 h=time:1.5 i=time:1000 }");
  }

  @Test
  void aSuffixedNumberBeforeASpaceAndABraceIsAString() {
    assertTree("a { b = 1k }", "{ a={ b='1k' } }");
    assertTree("a { b = 1k}", "{ a={ b=int:1000 } }");
    assertTree("a { b = 1k; }", "{ a={ b=int:1000 } }");
    assertTree("a = 1k\n", "{ a=int:1000 }");
    assertTree("a = 1k\r\nb = 2", "{ a=int:1000 b=int:2 }");
    assertTree("a { b = 2 }", "{ a={ b=int:2 } }");
    assertTree("a = 1\t; b=2", "{ a=int:1 b=int:2 }");
    assertTree("a = 1k # c", "{ a='1k' }");
    assertTree("a = 1 # c", "{ a=int:1 }");
  }

  @Test
  void twoNumbersSeparatedByASpaceAreAString() {
    assertTree("a=5 6", "{ a='5 6' }");
  }

  @Test
  void int64Limits() {
    assertTree(
        "a=9223372036854775807\nb=-9223372036854775808",
        "{ a=int:9223372036854775807 b=int:-9223372036854775808 }");
    assertRefusedAt("a=9223372036854775808", Codes.NUMBER_RANGE, "9223372036854775808");
    assertRefusedAt("a=18446744073709551615", Codes.NUMBER_RANGE, "18446744073709551615");
    assertRefusedAt("a=0xffffffffffffffff", Codes.NUMBER_RANGE, "0xffffffffffffffff");
    assertRefused("a=-9223372036854775809", Codes.NUMBER_RANGE);
  }

  @Test
  void floatOverflowAndUnderflowAreOutOfRange() {
    assertRefused("a = 1e400", Codes.NUMBER_RANGE);
    assertRefused("a = 1e-400", Codes.NUMBER_RANGE);
  }

  @Test
  void numbersOf127CharactersOrMoreAreStrings() {
    // libucl copies the digits into a 128-byte buffer; longer texts are not numbers at all
    String d126 = "1".repeat(126);
    String d127 = "1".repeat(127);
    assertRefused("a = " + d126, Codes.NUMBER_RANGE);
    assertTree("a = " + d127, "{ a='" + d127 + "' }");
    String f126 = "0." + "1".repeat(124);
    String f127 = "0." + "1".repeat(125);
    assertTree("a = " + f126, "{ a=float:0.1111111111111111 }");
    assertTree("a = " + f127, "{ a='" + f127 + "' }");
  }

  // ------------------------------------------------------------------ top level, arrays

  @Test
  void jsonStyleWrapperGivesTheSameTree() {
    assertTree("{ \"PF\": { \"a\": 1 } }", "{ PF={ a=int:1 } }");
    assertTree("  { a = 1 }", "{ a=int:1 }");
    assertTree("# c\n{ a = 1 }", "{ a=int:1 }");
  }

  @Test
  void blanksBetweenALeadingCommentAndTheWrapperBreakIt() {
    // libucl skips the blanks with a pointer taken before the comment: the `{` is then read as a
    // key
    assertRefusedAt("# c\n  { a = 1 }", Codes.BAD_KEY, "{");
  }

  @Test
  void textAfterTheWrapperIsIgnoredWithAWarning() {
    assertTree("{ \"PF\": { \"a\": 1 } } x", "{ PF={ a=int:1 } }");
    SyntaxTree t = parse("{ a = 1 }\ngarbage { here");
    assertFalse(t.hasErrors());
    assertEquals(List.of(Codes.TRAILING_TEXT), codes(t));
    assertEquals("garbage { here", t.source().raw(t.diagnostics().get(0).span()));
    assertTree("{ a = 1 }\ngarbage { here", "{ a=int:1 }");
  }

  @Test
  void arrays() {
    assertTree("a = [1, 2,]", "{ a=[ int:1 int:2 ] }");
    assertTree("a = []\nb = {}", "{ a=[ ] b={ } }");
    assertTree("a = [1 2]", "{ a=[ '1 2' ] }");
    assertTree("[1, 2]", "[ int:1 int:2 ]");
    assertTree("[]", "[ ]");
  }

  @Test
  void emptyFile() {
    assertTree("", "{ }");
    assertTree("   \n  ", "{ }");
  }

  @Test
  void unbalancedBraces() {
    assertRefusedAt("PF {\n a = 1;\n", Codes.UNBALANCED, "{");
    assertRefusedAt("a = 1\n}", Codes.UNBALANCED, "}");
    assertRefusedAt("a = x]", Codes.UNBALANCED, "]");
  }

  // ------------------------------------------------------------------ §2.7 NUL, BOM, CRLF

  @Test
  void nulBetweenValuesIsASeparator() {
    assertTree("a = 1\n\0b = 2", "{ a=int:1 b=int:2 }");
    assertTree("a = 1;\0", "{ a=int:1 }");
    assertTree(
        "PF { device = \"ixl0\";\0 num_vfs = 2; }", "{ PF={ device='ixl0' num_vfs=int:2 } }");
  }

  @Test
  void nulAsASeparatorIsAWarning() {
    SyntaxTree t = parse("a = 1\n\0b = 2;\0");
    assertFalse(t.hasErrors());
    assertEquals(List.of(Codes.NUL_BYTE), codes(t), "one warning, at the first NUL");
    assertEquals(Span.of(6, 7), t.diagnostics().get(0).span());
  }

  @Test
  void nulWhereAKeyMustStartIsRefused() {
    assertRefusedAt("\0a = 1", Codes.BAD_KEY, "\0");
  }

  @Test
  void nulEndsAnUnquotedValue() {
    // `y` after the NUL is a key without a value
    assertRefused("a = x\0y", Codes.BAD_KEY);
    assertRefused("a = 1\n\0 }}}", Codes.UNBALANCED);
  }

  @Test
  void byteOrderMarkBecomesPartOfTheFirstKey() {
    assertTree("\u00ef\u00bb\u00bfPF { a = 1 }", "{ \"\\xef\\xbb\\xbfPF\"={ a=int:1 } }");
    SyntaxTree t = parse("\u00ef\u00bb\u00bfPF { a = 1 }");
    assertEquals(List.of(Codes.BOM), codes(t));
    Diagnostic d = t.diagnostics().get(0);
    assertEquals(Span.of(0, 3), d.span());
    assertEquals("", d.fixes().get(0).edits().get(0).text());
    assertEquals(
        List.of(),
        codes(parse("PF { a = \"\u00ef\u00bb\u00bf\" }")),
        "only at the start of the file");
  }

  @Test
  void crlfLineEnds() {
    assertTree("a = 1\r\nb = 2\r\n", "{ a=int:1 b=int:2 }");
    assertTree("a = x y\r\nb = \"s\"\r\n", "{ a='x y' b='s' }");
  }

  // ------------------------------------------------------------------ variables

  @Test
  void fileVariables(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("x.conf");
    String text =
        "a = \"$FILENAME\"\nb = $CURDIR/x\nc = \"${FILENAME}\"\nd = \"$$ $FILENAME\"\ne = \"$$\"\nf = ${NOPE}\n"
            + "g = '$FILENAME'\nh = \"$FILENAMEX\"\ni = \"${CURDIR}x\"\nj = <<EOD\n$CURDIR\nEOD\n";
    Files.writeString(f, text, StandardCharsets.ISO_8859_1);
    String real = f.toRealPath().toString();
    String cur = f.toRealPath().getParent().toString();
    String expected =
        "{ a='"
            + real
            + "' b='"
            + cur
            + "/x' c='"
            + real
            + "' d='$ "
            + real
            + "' e='$$' f='${NOPE}'"
            + " g='$FILENAME' h='"
            + real
            + "X' i='"
            + cur
            + "x' j='"
            + cur
            + "' }";
    String oracle = Oracle.ucldump(f);
    if (oracle != null)
      assertEquals(expected, compact(oracle), "the expectation disagrees with libucl");
    SyntaxTree t =
        Ucl.parse(new SourceText(f.toString(), Files.readAllBytes(f)), Ucl.fileVariables(f));
    assertEquals(expected, compact(UclDump.dump(t)));
  }

  @Test
  void withoutAFileFilenameIsUndef() {
    SyntaxTree t = parse("a = \"$FILENAME\"");
    assertEquals("{ a='undef' }", compact(UclDump.dump(t)));
  }

  // ------------------------------------------------------------------ nested keys, macros

  @Test
  void nestedKeysOpenObjects() {
    assertTree("a b { c = 1 }", "{ a={ b={ c=int:1 } } }");
    assertTree("a b c { d = 1 }\ne = 2", "{ a={ b={ c={ d=int:1 } } } e=int:2 }");
    assertTree("a b [1]", "{ a={ b=[ int:1 ] } }");
    assertRefused("a b = { c = 1 }", Codes.BAD_KEY);
  }

  @Test
  void nestedKeysAreImplicitObjectsInTheTree() {
    SyntaxTree t = parse("a b { c = 1 }");
    UValue.UObject root = (UValue.UObject) t.root();
    assertTrue(root.implicit());
    UValue.UObject a = (UValue.UObject) root.members().get(0).value();
    assertTrue(a.implicit(), "`a` has no braces of its own");
    UValue.UObject b = (UValue.UObject) a.members().get(0).value();
    assertFalse(b.implicit());
    assertEquals("{ c = 1 }", t.source().raw(b.span()));
  }

  @Test
  void priorityReplacesTheWholeEarlierValue() {
    assertTree("PF { x = 1 }\n.priority 5\nPF { y = 2 }", "{ PF@5={ y@5=int:2 } }");
    assertTree(
        "PF { x = 1 }\n.priority 5\nPF { y = 2 }\n.priority 1\nPF { z = 3 }",
        "{ PF@5={ y@5=int:2 } }");
    assertTree(".priority 3\na = 1\n.priority 0\na = 2", "{ a@3=int:1 }");
  }

  @Test
  void priorityKeepsOnlyItsLowFourBits() {
    assertTree(".priority 17\na=1\n.priority 0\na=2", "{ a@1=int:1 }");
  }

  @Test
  void priorityAsAnArgument() {
    assertTree(".priority(priority=3) \"\"\na=1", "{ a@3=int:1 }");
  }

  @Test
  void badMacros() {
    assertRefused(".priority x\na=1", Codes.BAD_MACRO);
    assertRefusedAt(".bogus 1", Codes.BAD_MACRO, ".bogus");
    assertRefused(".a = 1", Codes.BAD_MACRO);
  }

  @Test
  void includeIsRefusedEvenWhenTheFileExists(@TempDir Path dir) throws IOException {
    // libucl would read the included file (resolved against the process's working directory);
    // iovc deliberately refuses every include-like macro with IOV112
    Path inc = dir.resolve("part.inc");
    Files.writeString(inc, "b = 2\n");
    for (String macro : List.of(".include", ".try_include", ".includes", ".load")) {
      SyntaxTree t = parse("a = 1\n" + macro + " \"" + inc + "\"\n");
      Diagnostic d =
          t.diagnostics().stream()
              .filter(Diagnostic::isError)
              .findFirst()
              .orElseThrow(() -> new AssertionError(macro + " accepted"));
      assertEquals(Codes.UNSUPPORTED_MACRO, d.code(), macro);
      assertEquals(macro + " \"" + inc + "\"", t.source().raw(d.span()));
    }
  }

  @Test
  void implicitArraysKeepEveryValueInOrder() {
    assertTree("a = 1\na = 2\na = 3", "{ a=int:1 a=int:2 a=int:3 }");
    SyntaxTree t = parse("a = 1\nb = 0\na = 2\na = 3");
    List<UclModel.Entry> e = UclModel.entries((UValue.UObject) t.root());
    assertEquals(List.of("a", "b"), e.stream().map(UclModel.Entry::key).toList());
    assertEquals(3, e.get(0).chain().size());
    assertEquals(
        "1", t.source().raw(e.get(0).first().value().span()), "iovctl sees the first value");
    assertEquals("3", t.source().raw(e.get(0).chain().get(2).value().span()));
    assertTrue(e.get(0).dropped().isEmpty());
  }

  @Test
  void caseVariantsAreDifferentUclKeys() {
    SyntaxTree t = parse("num_vfs = 1\nNUM_VFS = 2");
    assertEquals(2, UclModel.entries((UValue.UObject) t.root()).size());
  }

  @Test
  void priorityDropsAndReplacesThroughTheModel() {
    SyntaxTree t = parse("a = 1\n.priority 5\na = 2\n.priority 1\na = 3\n.priority 5\na = 4");
    List<UclModel.Entry> e = UclModel.entries((UValue.UObject) t.root());
    assertEquals(1, e.size());
    UclModel.Entry a = e.get(0);
    assertEquals(
        List.of("2", "4"), a.chain().stream().map(m -> t.source().raw(m.value().span())).toList());
    assertEquals(
        List.of("1", "3"),
        a.dropped().stream().map(m -> t.source().raw(m.value().span())).sorted().toList());
    assertEquals(5, a.first().key().priority());
  }

  // ------------------------------------------------------------------ tokens and spans

  private static String joined(SyntaxTree t) {
    StringBuilder sb = new StringBuilder();
    for (UclToken tok : t.tokens()) sb.append(tok.getText());
    return sb.toString();
  }

  @Test
  void tokensCoverEveryByteOfTheInput() {
    List<String> inputs =
        new ArrayList<>(
            List.of(
                "PF { device = \"ixl0\"; num_vfs = 2; } # c\n/* b /* n */ */\nVF-0 = { mac-addr : \"02:00:00:00:00:01\", }\n",
                "a b c { d = <<EOD\nx\nEOD\n}\n.priority 2\nz = 1k}",
                "{ a = 1 }\ntrailing text",
                "PF{ broken \"x\n 'y \u00ff\0 ]]] }}",
                "a = <<EOD\nnever ends",
                "\u00ef\u00bb\u00bfa = 1\r\nb = x // y\r\n",
                ""));
    UclGen gen = new UclGen(7);
    for (int i = 0; i < 300; i++) inputs.add(new String(gen.bytes(), StandardCharsets.ISO_8859_1));
    for (String in : inputs) {
      SyntaxTree t = parse(in);
      assertEquals(in, joined(t), "tokens do not rebuild the input");
      int at = 0;
      for (UclToken tok : t.tokens()) {
        assertEquals(at, tok.startOffset(), "tokens are contiguous in " + in);
        assertEquals(tok.getText(), t.source().raw(tok.span()), "token text is its span's bytes");
        at = tok.endOffset();
      }
    }
  }

  @Test
  void spansPointAtTheirBytes() {
    String in =
        "PF {\n  device = \"ixl0\";\n  num_vfs : 2\n}\nVF-0 { mac-addr = \"02:00:00:00:00:01\" }\n";
    SyntaxTree t = parse(in);
    SourceText s = t.source();
    UValue.UObject root = (UValue.UObject) t.root();
    UValue.UMember pf = root.members().get(0);
    assertEquals("PF", s.raw(pf.key().span()));
    assertEquals("{\n  device = \"ixl0\";\n  num_vfs : 2\n}", s.raw(pf.value().span()));
    UValue.UObject pfo = (UValue.UObject) pf.value();
    assertEquals("device", s.raw(pfo.members().get(0).key().span()));
    assertEquals("\"ixl0\"", s.raw(pfo.members().get(0).value().span()));
    assertEquals("num_vfs", s.raw(pfo.members().get(1).key().span()));
    assertEquals("2", s.raw(pfo.members().get(1).value().span()));
    assertEquals(3, s.line(pfo.members().get(1).value().span().start()));
    assertEquals(13, s.column(pfo.members().get(1).value().span().start()));
    UValue.UMember vf = root.members().get(1);
    assertEquals("VF-0", s.raw(vf.key().span()));
    UValue.UMember mac = ((UValue.UObject) vf.value()).members().get(0);
    assertEquals("mac-addr = \"02:00:00:00:00:01\"", s.raw(mac.span()));
  }

  @Test
  void spansOfQuotedKeysHeredocsAndNumbersWithSuffixes() {
    String in = "o { \"a b\" = <<EOD\nx\nEOD\nc = 1k}\nd = 10min;";
    SyntaxTree t = parse(in);
    UValue.UObject o = (UValue.UObject) ((UValue.UObject) t.root()).members().get(0).value();
    SourceText s = t.source();
    assertEquals("\"a b\"", s.raw(o.members().get(0).key().span()));
    assertEquals("a b", o.members().get(0).key().name());
    assertTrue(o.members().get(0).key().quoted());
    assertEquals("<<EOD\nx\nEOD", s.raw(o.members().get(0).value().span()));
    assertEquals("1k", s.raw(o.members().get(1).value().span()));
    UValue.UMember d = UclModel.entries((UValue.UObject) t.root()).get(1).first();
    assertEquals("10min", s.raw(d.value().span()));
    assertInstanceOf(UValue.UFloat.class, d.value());
    assertTrue(((UValue.UFloat) d.value()).time());
  }

  @Test
  void columnsCountCodePoints() {
    SyntaxTree t = parse("k\u00c3\u00a9 = \"\u00c3\u00a9\" x");
    Diagnostic d =
        t.diagnostics().stream()
            .filter(x -> x.code() == Codes.MISSING_DELIMITER)
            .findFirst()
            .orElseThrow();
    assertEquals("x", t.source().raw(d.span()));
    assertEquals(1, t.source().line(d.span().start()));
    assertEquals(10, t.source().column(d.span().start()), "é counts as one column");
  }

  // ------------------------------------------------------------------ depth

  private static int depth(UValue v) {
    if (v instanceof UValue.UObject o) {
      int m = 0;
      for (UValue.UMember x : o.members()) m = Math.max(m, depth(x.value()));
      return m + 1;
    }
    if (v instanceof UValue.UArray a) {
      int m = 0;
      for (UValue x : a.items()) m = Math.max(m, depth(x));
      return m + 1;
    }
    return 1;
  }

  private static boolean hasDeep(UValue v) {
    if (v instanceof UValue.UDeep) return true;
    if (v instanceof UValue.UObject o)
      return o.members().stream().anyMatch(m -> hasDeep(m.value()));
    if (v instanceof UValue.UArray a) return a.items().stream().anyMatch(UclScannerTest::hasDeep);
    return false;
  }

  @Test
  void hundredThousandNestedObjectsParseWithABoundedTree() {
    // libucl 0.9.4 accepts this file (checked with the oracle's ucldump): `{` as a value does not
    // count towards its 65535-level limit, only nested keys do
    int n = 100_000;
    String in = "a { ".repeat(n) + "}".repeat(n) + "\nb = 1\n";
    SyntaxTree t = parse(in);
    assertFalse(
        t.hasErrors(),
        () -> t.diagnostics().subList(0, Math.min(3, t.diagnostics().size())).toString());
    assertTrue(depth(t.root()) <= UclScanner.MAX_TREE_DEPTH + 2, "tree depth " + depth(t.root()));
    assertTrue(hasDeep(t.root()));
    assertEquals(in, joined(t));
    List<UclModel.Entry> top = UclModel.entries((UValue.UObject) t.root());
    assertEquals(
        List.of("a", "b"),
        top.stream().map(UclModel.Entry::key).toList(),
        "content after the deep part is read");
    String first = Oracle.available() ? firstLineOfOracle(in) : null;
    if (first != null) assertEquals("{", first, "libucl accepts the same depth");
  }

  @Test
  void deeplyNestedArraysToo() {
    int n = 100_000;
    String in = "a = " + "[".repeat(n) + "]".repeat(n) + "\n";
    SyntaxTree t = parse(in);
    assertFalse(t.hasErrors());
    assertTrue(depth(t.root()) <= UclScanner.MAX_TREE_DEPTH + 2);
    assertEquals(in, joined(t));
  }

  @Test
  void nestedKeysDeeperThan65535AreRefused() {
    // each `k k {` line opens one implicit object for the nested key: one level per line
    String ok = "k k {\n".repeat(65534) + "}\n".repeat(65534);
    String tooDeep = "k k {\n".repeat(65535) + "}\n".repeat(65535);
    assertFalse(parse(ok).hasErrors(), "libucl accepts 65534 levels");
    SyntaxTree t = parse(tooDeep);
    assertTrue(t.hasErrors());
    assertEquals(
        Codes.TOO_DEEP,
        t.diagnostics().stream().filter(Diagnostic::isError).findFirst().orElseThrow().code());
    if (Oracle.available()) {
      assertEquals("{", firstLineOfOracle(ok));
      assertEquals("ERROR", firstLineOfOracle(tooDeep));
    }
  }

  private static String firstLineOfOracle(String in) {
    try {
      Path f = Files.createTempFile("iovc-deep", ".conf");
      Files.writeString(f, in, StandardCharsets.ISO_8859_1);
      Process p =
          new ProcessBuilder(
                  Path.of(System.getenv("IOVC_ORACLE"), "ucldump").toString(), f.toString())
              .redirectErrorStream(true)
              .start();
      StringBuilder sb = new StringBuilder();
      int c;
      while ((c = p.getInputStream().read()) >= 0 && c != '\n') sb.append((char) c);
      p.destroyForcibly();
      p.waitFor();
      Files.delete(f);
      return sb.toString();
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  @Test
  void neverThrowsOnGeneratedInput() {
    UclGen gen = new UclGen(11);
    for (int i = 0; i < 500; i++) {
      byte[] in = gen.bytes();
      SyntaxTree t;
      try {
        t = Ucl.parse(new SourceText("g.conf", in));
      } catch (RuntimeException | StackOverflowError e) {
        fail("exception on " + new String(in, StandardCharsets.ISO_8859_1), e);
        return;
      }
      assertNotNull(t.root());
      for (Diagnostic d : t.diagnostics()) {
        assertTrue(d.span().end() <= in.length, "span inside the file: " + d);
      }
    }
  }

  // ------------------------------------------------------------------ recovery

  /**
   * Found by fuzzing (the corpus keeps the 357-byte original as parser-conjures-missing-bracket):
   * after the scanner's own recovery the parser is left missing a `]` inside an array, and ANTLR's
   * default recovery conjured it through the token's (absent) token source, a NullPointerException.
   * Now the missing token is a zero-width synthetic one and the file is refused with diagnostics
   * only.
   */
  @Test
  void parserRecoveryInsideAnArrayDoesNotThrow() {
    SyntaxTree t = assertRefused("[{C\t-[\n]", Codes.UNBALANCED);
    assertNotNull(t.root());
    for (Diagnostic d : t.diagnostics())
      assertTrue(d.span().end() <= 9, "span beyond the input: " + d);
  }

  @Test
  void aStrayBracketWhenOnlyTheImplicitTopLevelIsOpenClosesNothing() {
    SyntaxTree t = assertRefused("PF { }\n]\n", Codes.UNBALANCED);
    Diagnostic d =
        t.diagnostics().stream()
            .filter(x -> x.code() == Codes.UNBALANCED)
            .findFirst()
            .orElseThrow();
    assertEquals("this `]` closes nothing", d.message());
    assertEquals(7, d.span().start());
    assertTrue(d.labels().isEmpty(), "no invented `opened here`: " + d.labels());
  }

  @Test
  void aStrayBracketInsideAnOpenBraceStillPointsAtIt() {
    SyntaxTree t = assertRefused("PF { a = 1 ] }", Codes.UNBALANCED);
    Diagnostic d =
        t.diagnostics().stream()
            .filter(x -> x.code() == Codes.UNBALANCED)
            .findFirst()
            .orElseThrow();
    assertEquals("`]` does not match the open `{`", d.message());
    assertEquals(List.of(3), d.labels().stream().map(l -> l.span().start()).toList());
  }

  @Test
  void oneErrorPerPosition() {
    // `]` in a key is a bad key character, an empty value and a stray bracket to the scanner.
    SyntaxTree t = assertRefused("PF {\n\tp]a = 1;\n}\n", Codes.BAD_KEY);
    List<Integer> starts =
        t.diagnostics().stream().filter(Diagnostic::isError).map(d -> d.span().start()).toList();
    assertEquals(
        starts.stream().distinct().toList(),
        starts,
        "two errors at one position: " + t.diagnostics());
    assertEquals(
        Codes.BAD_KEY,
        t.diagnostics().stream()
            .filter(d -> d.span().start() == 7)
            .findFirst()
            .orElseThrow()
            .code());
  }
}
