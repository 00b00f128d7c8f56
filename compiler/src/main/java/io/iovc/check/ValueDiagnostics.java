package io.iovc.check;

import io.iovc.diag.Codes;
import io.iovc.diag.Diagnostic;
import io.iovc.diag.Edit;
import io.iovc.diag.Fix;
import io.iovc.source.SourceText;
import io.iovc.syntax.UValue;

/**
 * The words of the diagnostics about values: iovctl's add_config and its coercions (bool, string,
 * the uint types, unicast-mac, vlan). One factory per code; {@link AddConfig} and {@link
 * UnicastMac} decide when.
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

  /** Quotes a boolean, number or null written where a string belongs; null for other values. */
  static Fix quoteFix(SourceText src, UValue v) {
    if (v instanceof UValue.UBool
        || v instanceof UValue.UInt
        || v instanceof UValue.UFloat
        || v instanceof UValue.UNull n && !n.implicit()) {
      String t = src.text(v.span());
      return Fix.of("write \"" + t + "\"", new Edit(v.span(), "\"" + t + "\""));
    }
    return null;
  }
}
