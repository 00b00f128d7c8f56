package io.iovc.syntax;

import io.iovc.syntax.UValue.UMember;

/**
 * Prints a libucl object tree in the same format as the differential oracle's {@code ucldump}
 * (which calls libucl itself), so the two can be compared text for text.
 */
final class UclDump {
  private UclDump() {}

  static String dump(SyntaxTree t) {
    if (t.hasErrors()) return "ERROR\n";
    StringBuilder sb = new StringBuilder();
    dump(t.root(), 0, sb);
    return sb.toString();
  }

  private static void ind(int d, StringBuilder sb) {
    sb.append("  ".repeat(d));
  }

  private static void esc(String s, StringBuilder sb) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x7f && c != '\\' && c != '"') sb.append(c);
      else sb.append(String.format("\\x%02x", (int) c & 0xff));
    }
  }

  private static void dump(UValue v, int d, StringBuilder sb) {
    if (v instanceof UValue.UObject o) {
      sb.append("{\n");
      for (UclModel.Entry e : UclModel.entries(o)) {
        for (UMember m : e.chain()) {
          ind(d + 1, sb);
          sb.append('"');
          esc(m.key().name(), sb);
          sb.append("\" p").append(m.key().priority() & 0xF).append(" = ");
          dump(m.value(), d + 1, sb);
        }
      }
      ind(d, sb);
      sb.append("}\n");
    } else if (v instanceof UValue.UArray a) {
      sb.append("[\n");
      for (UValue e : a.items()) {
        ind(d + 1, sb);
        dump(e, d + 1, sb);
      }
      ind(d, sb);
      sb.append("]\n");
    } else if (v instanceof UValue.UInt i) {
      sb.append("int:").append(i.value()).append('\n');
    } else if (v instanceof UValue.UFloat f) {
      sb.append(f.time() ? "time:" : "float:").append(g17(f.value())).append('\n');
    } else if (v instanceof UValue.UString s) {
      sb.append("str:\"");
      esc(s.value(), sb);
      sb.append("\"\n");
    } else if (v instanceof UValue.UBool b) {
      sb.append("bool:").append(b.value()).append('\n');
    } else if (v instanceof UValue.UNull) {
      sb.append("null\n");
    } else if (v instanceof UValue.UDeep deep) {
      sb.append(deep.array() ? "[deep]\n" : "{deep}\n");
    } else {
      sb.append("missing\n");
    }
  }

  /** printf("%.17g"). */
  static String g17(double v) {
    if (Double.isNaN(v)) return "nan";
    if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
    if (v == 0) return (1 / v < 0) ? "-0" : "0";
    java.math.BigDecimal bd = new java.math.BigDecimal(v).round(new java.math.MathContext(17));
    int exp = bd.precision() - bd.scale() - 1;
    if (exp < -4 || exp >= 17) {
      String digits = bd.unscaledValue().abs().toString();
      digits = digits.replaceAll("0+$", "");
      StringBuilder sb = new StringBuilder();
      if (bd.signum() < 0) sb.append('-');
      sb.append(digits.charAt(0));
      if (digits.length() > 1) sb.append('.').append(digits, 1, digits.length());
      sb.append('e').append(exp < 0 ? '-' : '+');
      int ae = Math.abs(exp);
      if (ae < 10) sb.append('0');
      sb.append(ae);
      return sb.toString();
    }
    String s = bd.toPlainString();
    if (s.contains(".")) s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
    return s;
  }
}
