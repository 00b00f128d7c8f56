package io.iovc.check;

import io.iovc.check.ConfigTree.Item;
import io.iovc.plugin.ParamType;
import io.iovc.schema.Schema;
import io.iovc.syntax.Ascii;
import io.iovc.syntax.UValue;

/**
 * iovctl's {@code add_config} (spec §3.3): the schema type of a parameter decides how its UCL value
 * is read — bool, string, uint8_t…uint64_t (any number, truncated, within range), vlan ({@code
 * trunk} or 0..4095), unicast-mac ({@link UnicastMac}) — and what iovctl refuses. A refused value
 * gives null; the caller remembers the key as refused.
 */
final class AddConfig {
  private AddConfig() {}

  /**
   * The value iovctl stores for item {@code i} of schema parameter {@code p}, or null. Emits IOV006
   * (no type in the schema), IOV209 (a type iovctl does not know) and IOV202 (bool and string); the
   * other types below.
   */
  static TypedValue add(CheckRun r, Item i, Schema.Param p) {
    String typeName = p.typeName();
    if (typeName == null) {
      r.crash();
      r.add(ValidateDiagnostics.BadSchema.noType(i.member().key().span(), p.name()));
      return null;
    }
    ParamType type = ParamType.byName(typeName);
    String k = Ascii.display(i.key());
    UValue v = i.value();
    if (v instanceof UValue.UMissing) return null; // the syntax error was reported
    if (type == null) {
      r.add(ValueDiagnostics.unknownType(i.member().key().span(), k, typeName));
      return null;
    }
    switch (type) {
      case BOOL:
        if (v instanceof UValue.UBool b) return new TypedValue.Bool(b.value());
        typeMismatch(r, v, k, type, typeName);
        return null;
      case STRING:
        if (v instanceof UValue.UString s) return new TypedValue.Str(Ascii.cString(s.value()));
        typeMismatch(r, v, k, type, typeName);
        return null;
      case UNICAST_MAC:
        return UnicastMac.add(r, v, k, typeName);
      case VLAN:
        return vlan(r, v, k, typeName);
      default:
        return uint(r, v, k, type, typeName);
    }
  }

  /** Emits IOV202, unless it is PF.device and IOV302 already said so. */
  static void typeMismatch(CheckRun r, UValue v, String key, ParamType type, String typeName) {
    if (r.deviceReported && Ascii.equalsIgnoreCase(key, "device")) return;
    r.add(ValueDiagnostics.typeMismatch(r.src, v, key, type, typeName));
  }

  /**
   * uint8_t…uint64_t: any UCL number ({@code toint_safe}, truncated), then 0..max. Emits IOV202
   * (not a number: a word that looks like one is explained), IOV204 (a quoted number), IOV203 (out
   * of range), and the number lints (IOV220, IOV221, IOV222).
   */
  private static TypedValue uint(CheckRun r, UValue v, String k, ParamType type, String typeName) {
    long val;
    if (v instanceof UValue.UInt n) {
      val = n.value();
    } else if (v instanceof UValue.UFloat f) {
      val = ConfigTree.toInt64(f.value());
    } else {
      if (v instanceof UValue.UString s
          && s.kind() == UValue.StringKind.UNQUOTED
          && Wording.numberLookalike(s.value()) != null) {
        r.add(ValueDiagnostics.typeMismatch(r.src, v, k, type, typeName));
      } else if (v instanceof UValue.UString s
          && s.kind() != UValue.StringKind.UNQUOTED
          && Wording.looksNumeric(s.value())) {
        r.add(ValueDiagnostics.quotedNumber(s, k, typeName));
      } else {
        typeMismatch(r, v, k, type, typeName);
      }
      return null;
    }
    if (val < 0 || Long.compareUnsigned(val, type.max()) > 0) {
      r.add(ValueDiagnostics.intRange(r.src, v, k, type, typeName, val));
      return null;
    }
    Lints.numbers(r, v, k, val);
    return new TypedValue.Num(val);
  }

  /**
   * vlan (FreeBSD 2024+): the string {@code trunk} (any case) is 4096, any other string is refused
   * (even {@code "5"}), a number must be in 0..4095. Emits IOV207, IOV202, IOV226 (VLAN 0) and the
   * number lints (IOV220, IOV221, IOV222).
   */
  private static TypedValue vlan(CheckRun r, UValue v, String k, String typeName) {
    if (v instanceof UValue.UString s) {
      if (Ascii.equalsIgnoreCase(Ascii.cString(s.value()), "trunk"))
        return new TypedValue.Num(4096);
      r.add(ValueDiagnostics.BadVlan.notTrunk(r.src, s, k, typeName));
      return null;
    }
    long val;
    if (v instanceof UValue.UInt n) {
      val = n.value();
    } else if (v instanceof UValue.UFloat f) {
      val = ConfigTree.toInt64(f.value());
    } else {
      typeMismatch(r, v, k, ParamType.VLAN, typeName);
      return null;
    }
    if (val < 0 || val > 4095) {
      r.add(ValueDiagnostics.BadVlan.outOfRange(v, k, typeName, val));
      return null;
    }
    Lints.numbers(r, v, k, val);
    if (val == 0) r.add(LintDiagnostics.vlanZero(v.span()));
    return new TypedValue.Num(val);
  }
}
