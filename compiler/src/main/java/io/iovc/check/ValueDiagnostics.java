package io.iovc.check;

import io.iovc.diag.Codes;
import io.iovc.diag.Diagnostic;
import io.iovc.diag.Edit;
import io.iovc.diag.Fix;
import io.iovc.plugin.ParamType;
import io.iovc.source.SourceText;
import io.iovc.source.Span;
import io.iovc.syntax.Ascii;
import io.iovc.syntax.UValue;

/**
 * The words of the diagnostics about values: iovctl's add_config and its coercions (bool, string,
 * the uint types, unicast-mac, vlan). One factory per code; {@link AddConfig}, {@link UnicastMac}
 * and {@link FindDevice} decide when.
 */
final class ValueDiagnostics {
  private ValueDiagnostics() {}

  /** IOV302: PF.device is not a string; iovctl prints an unrelated errno. */
  static Diagnostic deviceNotString(SourceText src, UValue v) {
    return Diagnostic.of(
            Codes.DEVICE_NOT_STRING,
            v.span(),
            "`device` must be a string, not " + Wording.describe(src, v))
        .label("not a string")
        .iovctl("Config PF.device must be a string: <an unrelated errno>")
        .help(Wording.stringHelp(src, v, "the PF's device name, e.g. \"ixl0\""))
        .fix(quoteFix(src, v))
        .build();
  }

  /** IOV209: the schema gives a parameter a type iovctl does not know. */
  static Diagnostic unknownType(Span at, String key, String typeName) {
    return Diagnostic.of(
            Codes.UNKNOWN_TYPE,
            at,
            "the schema gives `"
                + key
                + "` the type `"
                + Ascii.display(typeName)
                + "`, which iovctl does not know")
        .iovctl("Unexpected type '" + Ascii.display(typeName) + "' in schema")
        .help("this is a schema problem, not a config problem; update iovctl/iovc or the schema")
        .build();
  }

  /**
   * IOV202: the value has the wrong type for the parameter's schema type; iovctl: "Value '…' of key
   * '…' is not of type …". An unquoted word that looks like a number gets the reason UCL reads it
   * as text.
   */
  static Diagnostic typeMismatch(
      SourceText src, UValue v, String key, ParamType type, String typeName) {
    String notType = Wording.notOfType(v, key, typeName);
    String lookalike =
        type.isInteger() && v instanceof UValue.UString s && s.kind() == UValue.StringKind.UNQUOTED
            ? Wording.numberLookalike(s.value())
            : null;
    if (lookalike != null) {
      return Diagnostic.of(
              Codes.TYPE_MISMATCH,
              v.span(),
              "`" + key + "` must be a number; UCL reads `" + src.text(v.span()) + "` as text")
          .label("text, not a number")
          .iovctl(notType)
          .help(lookalike)
          .build();
    }
    String expected;
    String help;
    Fix fix = null;
    switch (type) {
      case BOOL -> {
        expected = "a boolean (true/false, yes/no, on/off)";
        help = Wording.boolHelp(v);
        fix = boolFix(v);
      }
      case STRING -> {
        expected = "a string";
        help = Wording.stringHelp(src, v, "a string");
        fix = quoteFix(src, v);
      }
      case UNICAST_MAC -> {
        expected = "a MAC address string such as \"02:00:00:00:00:01\"";
        help = "write the address in quotes, e.g. \"02:00:00:00:00:01\"";
      }
      case VLAN -> {
        expected = "a VLAN id (0..4095) or `trunk`";
        help = "write a number from 1 to 4095, or `trunk`";
      }
      default -> {
        expected = "a whole number (" + Ascii.display(typeName) + ")";
        help = "write a number such as 2";
      }
    }
    return Diagnostic.of(
            Codes.TYPE_MISMATCH,
            v.span(),
            "`" + key + "` must be " + expected + ", not " + Wording.describe(src, v))
        .label(Wording.describeShort(v))
        .iovctl(notType)
        .help(help)
        .fix(fix)
        .build();
  }

  /** IOV204: a number in quotes for an integer parameter; UCL reads it as a string. */
  static Diagnostic quotedNumber(UValue.UString s, String key, String typeName) {
    return Diagnostic.of(
            Codes.QUOTED_NUMBER, s.span(), "`" + key + "` must be a number, but it is quoted")
        .label("a string, not a number")
        .iovctl(Wording.notOfType(s, key, typeName))
        .help("remove the quotes: UCL reads \"" + Ascii.display(s.value()) + "\" as text")
        .fix(unquoteFix(s))
        .build();
  }

  /** IOV203: a number outside the range of its uint type (or nan/inf). */
  static Diagnostic intRange(
      SourceText src, UValue v, String key, ParamType type, String typeName, long val) {
    String range = "0.." + Long.toUnsignedString(type.max());
    boolean nonFinite = v instanceof UValue.UFloat f && !Double.isFinite(f.value());
    String shownVal = nonFinite ? src.text(v.span()) : Long.toString(val);
    return Diagnostic.of(
            Codes.INT_RANGE,
            v.span(),
            "`"
                + key
                + "` must be in "
                + range
                + " ("
                + Ascii.display(typeName)
                + "), not "
                + shownVal)
        .label(nonFinite ? "not a number iovctl can use" : "out of range")
        .iovctl(Wording.notOfType(v, key, typeName))
        .help(
            nonFinite
                ? "nan and inf are floating-point words in UCL; write a whole number"
                : val < 0
                    ? "use a value of 0 or more"
                    : "use a value of at most " + Long.toUnsignedString(type.max()))
        .build();
  }

  /** IOV207: a VLAN iovctl refuses (spec §3.3: 0..4095 or {@code trunk}). */
  static final class BadVlan {
    private BadVlan() {}

    /** A string other than {@code trunk} (even {@code "5"}). */
    static Diagnostic notTrunk(SourceText src, UValue.UString s, String key, String typeName) {
      Diagnostic.Builder d =
          Diagnostic.of(
                  Codes.BAD_VLAN,
                  s.span(),
                  "`"
                      + key
                      + "` must be a VLAN id (0..4095) or `trunk`, not "
                      + Wording.describe(src, s))
              .label("not a VLAN")
              .iovctl(Wording.notOfType(s, key, typeName));
      if (s.kind() != UValue.StringKind.UNQUOTED && Wording.looksNumeric(s.value()))
        d.help("remove the quotes: a quoted number is a string").fix(unquoteFix(s));
      else if (s.kind() == UValue.StringKind.UNQUOTED && Wording.numberLookalike(s.value()) != null)
        d.help(Wording.numberLookalike(s.value()));
      else d.help("write a number from 1 to 4095, or `trunk`");
      return d.build();
    }

    /** A number outside 0..4095. */
    static Diagnostic outOfRange(UValue v, String key, String typeName, long val) {
      Diagnostic.Builder d =
          Diagnostic.of(
                  Codes.BAD_VLAN,
                  v.span(),
                  "`" + key + "` must be in 0..4095 or `trunk`, not " + val)
              .label("out of range")
              .iovctl(Wording.notOfType(v, key, typeName));
      if (val == 4096)
        d.help("write `trunk` for 4096 (the VF manages its own VLANs)")
            .fix(Fix.guess("write trunk", new Edit(v.span(), "trunk")));
      else d.help("VLAN ids are 1..4095");
      return d.build();
    }
  }

  /**
   * IOV205: a string iovctl's add_unicast_mac_config cannot read as a MAC; the fix writes the same
   * twelve hex digits in iovctl's spelling when there are twelve.
   */
  static Diagnostic badMac(UValue.UString v, String str, UnicastMac.Parsed why, String key) {
    String suggestion = why.suggestion();
    return Diagnostic.of(
            Codes.BAD_MAC, v.span(), "`" + Ascii.display(str) + "` is not a MAC address")
        .label(macProblem(why))
        .iovctl(
            "Value '"
                + Wording.iovctlShown(v)
                + "' of key '"
                + key
                + "' is not of type unicast-mac")
        .help(
            suggestion != null
                ? "write \""
                    + suggestion
                    + "\": six hex octets separated by `:`"
                    + (str.contains("-") || str.contains(".")
                        ? " (`-` and `.` are not accepted)"
                        : "")
                : "write six hex octets separated by `:`, e.g. \"02:00:00:00:00:01\"")
        .fix(suggestion == null ? null : macFix(str, suggestion, v))
        .build();
  }

  /**
   * Writes the same twelve hex digits as iovctl spells them: sure when every group written (between
   * {@code -}, {@code .}, {@code :} or blanks) holds whole octets, a guess when a group is odd and
   * the octets had to be regrouped.
   */
  private static Fix macFix(String written, String suggestion, UValue v) {
    boolean wholeOctets = true;
    for (String g : written.strip().split("[-.:\\s]+")) wholeOctets &= g.length() % 2 == 0;
    Edit e = new Edit(v.span(), "\"" + suggestion + "\"");
    return wholeOctets ? Fix.safe("write " + suggestion, e) : Fix.guess("write " + suggestion, e);
  }

  private static String macProblem(UnicastMac.Parsed why) {
    String tok = why.token() == null ? null : Ascii.display(why.token());
    return switch (why.problem()) {
      case LONG_OCTET -> "octet `" + tok + "` is longer than two hex digits";
      case NOT_HEX -> "`" + tok + "` is not a hex number";
      case NOT_OCTET -> "`" + tok + "` is not an octet";
      case TOO_MANY -> "more than six octets";
      case COUNT -> why.count() + " octet" + (why.count() == 1 ? "" : "s") + " instead of six";
    };
  }

  /** IOV206: a multicast (or broadcast) MAC; a VF needs a unicast address. */
  static Diagnostic multicastMac(UValue v, byte[] mac, String canonical, String key) {
    String local = String.format("%02x", (mac[0] & 0xfe) | 0x02) + canonical.substring(2);
    return Diagnostic.of(
            Codes.MULTICAST_MAC,
            v.span(),
            "`" + canonical + "` is a multicast address; a VF needs a unicast MAC")
        .label("first octet is odd")
        .iovctl(
            "Value '" + Wording.iovctlShown(v) + "' of key '" + key + "' is a multicast address")
        .help(
            "the lowest bit of the first octet must be 0; locally administered unicast addresses start with x2, x6, xa or xe, e.g. "
                + local)
        .fix(Fix.guess("write " + local, new Edit(v.span(), "\"" + local + "\"")))
        .build();
  }

  /**
   * Quotes a boolean, number or null written where a string belongs; null for other values. The
   * string is then exactly the text written, which is surely meant for a boolean or a number; for
   * {@code null} (perhaps meant as "no value") it is a guess.
   */
  static Fix quoteFix(SourceText src, UValue v) {
    if (v instanceof UValue.UBool || v instanceof UValue.UInt || v instanceof UValue.UFloat) {
      String t = src.text(v.span());
      return Fix.safe("write \"" + t + "\"", new Edit(v.span(), "\"" + t + "\""));
    }
    if (v instanceof UValue.UNull n && !n.implicit()) {
      String t = src.text(v.span());
      return Fix.guess("write \"" + t + "\"", new Edit(v.span(), "\"" + t + "\""));
    }
    return null;
  }

  /**
   * Removes the quotes around a number. Sure for a plain integer ({@code "5"}, {@code "0x1f"}); a
   * guess when UCL would read the bare text differently from what it looks like ({@code "1k"},
   * {@code "1.5"}, {@code "+5"}).
   */
  private static Fix unquoteFix(UValue.UString s) {
    String inner = Ascii.display(s.value()).strip();
    Edit e = new Edit(s.span(), inner);
    return inner.matches("-?[0-9]+|0[xX][0-9a-fA-F]+")
        ? Fix.safe("write " + inner, e)
        : Fix.guess("write " + inner, e);
  }

  /** A boolean for a quoted boolean word or for 0/1, both with one reading; null otherwise. */
  private static Fix boolFix(UValue v) {
    if (v instanceof UValue.UString s) {
      String t = Ascii.toLower(Ascii.cString(s.value()));
      if (t.matches("true|false|yes|no|on|off"))
        return Fix.safe("write " + t, new Edit(v.span(), t));
    }
    if (v instanceof UValue.UInt n && (n.value() == 0 || n.value() == 1)) {
      String w = n.value() == 1 ? "true" : "false";
      return Fix.safe("write " + w, new Edit(v.span(), w));
    }
    return null;
  }
}
