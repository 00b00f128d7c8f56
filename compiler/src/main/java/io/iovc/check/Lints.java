package io.iovc.check;

import io.iovc.source.SourceText;
import io.iovc.syntax.UValue;
import io.iovc.syntax.UValue.UMember;
import io.iovc.syntax.UValue.UObject;
import io.iovc.syntax.UclModel;

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

  /** Emits IOV309: sections written twice with the same name (libucl keeps one). */
  static void duplicateSections(CheckRun r, UValue root) {
    duplicates(r, root, true);
  }

  /** Emits IOV228: parameters written twice in one section with the same name. */
  static void duplicateParams(CheckRun r, UObject section) {
    duplicates(r, section, false);
  }

  /** Exact duplicate keys in one object: libucl keeps the first; iovctl never sees the rest. */
  private static void duplicates(CheckRun r, UValue v, boolean sections) {
    if (!(v instanceof UObject o)) return;
    for (UclModel.Entry e : UclModel.entries(o)) {
      UMember first = e.first();
      for (int i = 1; i < e.chain().size(); i++) {
        UMember m = e.chain().get(i);
        r.add(
            sections
                ? LintDiagnostics.DuplicateSection.ignored(r.src, m, first)
                : LintDiagnostics.DuplicateParam.ignored(r.src, m, first));
      }
      for (UMember m : e.dropped()) {
        boolean lost = (m.key().priority() & 0xF) < (first.key().priority() & 0xF);
        r.add(
            sections
                ? LintDiagnostics.DuplicateSection.byPriority(m, first, lost)
                : LintDiagnostics.DuplicateParam.byPriority(m, first, lost));
      }
    }
  }
}
