package io.iovc.check;

import io.iovc.source.SourceText;
import io.iovc.syntax.UValue;

/**
 * iovc's warnings beyond iovctl (spec §10): input iovctl accepts that is almost surely a mistake.
 * None of them changes what iovctl does with the file.
 */
final class Lints {
  private Lints() {}

  /**
   * A number iovctl accepts for an integer parameter, written so that it is probably not what was
   * meant. Emits IOV221 (a multiplier or time suffix), IOV220 (a fraction truncated) and IOV222
   * (hex digits after an {@code x} without the {@code 0}).
   */
  static void numbers(CheckRun r, UValue v, String k, long val) {
    SourceText src = r.src;
    if (v instanceof UValue.UFloat f) {
      if (f.suffixed() || f.time()) {
        r.add(LintDiagnostics.suffixNumber(src, v, k, val));
      } else if (f.value() != Math.rint(f.value()) || (f.value() == 0 && 1 / f.value() < 0)) {
        r.add(LintDiagnostics.floatTruncated(src, v, k, val));
      }
    } else if (v instanceof UValue.UInt n && n.hex() && !src.text(v.span()).matches("(?i)-?0x.*")) {
      r.add(LintDiagnostics.oddNumber(src, v, k, val));
    } else if (v instanceof UValue.UInt n && n.suffixed()) {
      r.add(LintDiagnostics.suffixNumber(src, v, k, val));
    }
  }
}
