package io.iovc.check;

import io.iovc.check.ConfigTree.Item;
import io.iovc.source.SourceText;
import io.iovc.syntax.Ascii;
import io.iovc.syntax.UValue;
import io.iovc.syntax.UValue.UObject;

/**
 * Phrases the checker's diagnostics share: how a value is described, why a word that looks like a
 * number is text, what to write instead. The diagnostics themselves are built in the {@code
 * *Diagnostics} classes, one factory per code.
 */
final class Wording {
  private Wording() {}

  /** Why libucl read an unquoted word that looks like a number as text, or null. */
  static String numberLookalike(String s) {
    String t = s.strip();
    if (t.matches("\\+[0-9].*"))
      return "UCL numbers cannot start with `+`; write " + t.substring(1);
    if (t.matches("\\.[0-9]+")) return "UCL numbers need a digit before the point; write 0" + t;
    if (t.matches("-?[0-9]+(_[0-9]+)+"))
      return "UCL numbers have no `_` separators; write " + t.replace("_", "");
    if (t.matches("(?i)-?0b[01]+"))
      return "UCL has no binary numbers; write the value in decimal or hex (0x…)";
    if (t.matches("(?i)-?0x")) return "`0x` needs hex digits after it";
    if (t.matches("-?[0-9]+(\\.[0-9]*)?[eE][-+]?")) return "the exponent needs digits, e.g. 1e3";
    if (t.matches("(?i)-?[0-9]+(\\.[0-9]+)?(k|m|g|kb|mb|gb|s|ms|min|h|d|w|y)")) {
      return "a number with a suffix is text when a space and `}` or `]` follow on the same line; end the value with `;` (`"
          + t
          + ";`) or a line break";
    }
    if (t.matches("-?[0-9]+([ \\t]+[^ \\t]+)+"))
      return "this is several words; UCL keeps `" + t + "` as one piece of text";
    if (t.matches("-?[0-9][0-9.]*[0-9.]"))
      return "this is not a number UCL can read (more than one `.`?)";
    return null;
  }

  /** A quoted string that would be a number without its quotes. */
  static boolean looksNumeric(String s) {
    return s.strip()
        .matches("[-+]?(0[xX][0-9a-fA-F]+|[0-9]+(\\.[0-9]*)?([eE][-+]?[0-9]+)?[a-zA-Z]{0,3})");
  }

  /** A value as iovctl prints it: {@code ucl_object_tostring}, {@code (null)} for non-strings. */
  static String iovctlShown(UValue v) {
    return v instanceof UValue.UString s ? Ascii.display(Ascii.cString(s.value())) : "(null)";
  }

  /** iovctl's add_config refusal: {@code Value '<v>' of key '<k>' is not of type <type>}. */
  static String notOfType(UValue v, String key, String typeName) {
    return "Value '"
        + iovctlShown(v)
        + "' of key '"
        + key
        + "' is not of type "
        + Ascii.display(typeName);
  }

  /** "the text `x`", "the number 5", "a `{ }` block"…: a value as a message names it. */
  static String describe(SourceText src, UValue v) {
    String text = src.text(v.span());
    if (text.length() > 40) text = text.substring(0, 37) + "…";
    if (v instanceof UValue.UString s) {
      return switch (s.kind()) {
        case UNQUOTED -> "the text `" + text + "`";
        case HEREDOC -> "a heredoc string";
        default -> "the string " + text;
      };
    }
    if (v instanceof UValue.UInt || v instanceof UValue.UFloat) return "the number " + text;
    if (v instanceof UValue.UBool) return "the boolean `" + text + "`";
    if (v instanceof UValue.UNull n) return n.implicit() ? "nothing (the file ends)" : "null";
    if (v instanceof UObject || v instanceof UValue.UDeep && !((UValue.UDeep) v).array())
      return "a `{ }` block";
    if (v instanceof UValue.UArray || v instanceof UValue.UDeep) return "an array";
    return "nothing";
  }

  /** The kind of a value in two words, for a label under it. */
  static String describeShort(UValue v) {
    if (v instanceof UValue.UString) return "a string";
    if (v instanceof UValue.UInt) return "an integer";
    if (v instanceof UValue.UFloat f) return f.time() ? "a time" : "a number";
    if (v instanceof UValue.UBool) return "a boolean";
    if (v instanceof UValue.UNull) return "null";
    if (v instanceof UObject) return "a block";
    return "an array";
  }

  /** A double as the user would write it: whole numbers without ".0". */
  static String fmt(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
    return Double.toString(d);
  }

  /** Help for a value that must be a string; {@code what} names what to write. */
  static String stringHelp(SourceText src, UValue v, String what) {
    if (v instanceof UValue.UBool)
      return "`"
          + src.text(v.span())
          + "` is a boolean in UCL; write \""
          + src.text(v.span())
          + "\" for the text";
    if (v instanceof UValue.UInt || v instanceof UValue.UFloat)
      return "numbers are not strings in UCL; write \"" + src.text(v.span()) + "\"";
    if (v instanceof UValue.UNull) return "`null` is not a string; write " + what;
    return "write " + what;
  }

  /** Help for a value that must be a boolean. */
  static String boolHelp(UValue v) {
    if (v instanceof UValue.UString s) {
      String t = Ascii.toLower(Ascii.cString(s.value()));
      if (t.equals("true")
          || t.equals("false")
          || t.equals("yes")
          || t.equals("no")
          || t.equals("on")
          || t.equals("off")) {
        return "remove the quotes: a quoted word is a string";
      }
    }
    if (v instanceof UValue.UInt n && (n.value() == 0 || n.value() == 1))
      return "write `" + (n.value() == 1 ? "true" : "false") + "`: numbers are not booleans";
    return "write `true` or `false`";
  }

  /** The message for a key that starts with {@code //} (a comment in other languages). */
  static String slashMessage(SourceText src, Item t, String where) {
    String text = src.text(t.member() != null ? t.member().span() : t.value().span());
    if (text.length() > 40) text = text.substring(0, 37) + "…";
    return "`//` does not start a comment in UCL: libucl reads `"
        + text
        + "` as a key and its value"
        + where;
  }
}
