package io.iovc.check;

import io.iovc.check.ConfigTree.Item;
import io.iovc.source.SourceText;
import io.iovc.source.Span;
import io.iovc.syntax.Ascii;
import io.iovc.syntax.UValue;
import io.iovc.syntax.UValue.UObject;
import java.util.List;

/**
 * iovctl's {@code find_device} (spec §1.5, §3.1 step 1): {@code PF.device} of the first top-level
 * key equal to {@code PF} ignoring case, which must be a string. It runs before the schema is
 * known, so it runs without one too.
 */
final class FindDevice {
  private FindDevice() {}

  /** The device iovctl found (null when none) and the PF item it looked in (null when none). */
  record Found(String device, Item pf) {}

  /**
   * Reads PF.device from the top-level items; null when iovctl crashes here (an array in PF). Emits
   * IOV211 (an array in PF), IOV302 (device not a string) and IOV301 (no device).
   */
  static Found find(CheckRun r, List<Item> top) {
    String device = null;
    boolean deviceProblem = false;
    Item pf = null;
    for (Item t : top) {
      if (Ascii.equalsIgnoreCase(t.key(), "PF")) {
        pf = t;
        for (Item i : ConfigTree.items(t.value(), t.chain(), t.key())) {
          if (i.key() == null) {
            r.crash();
            r.add(SectionDiagnostics.arrayValue(i.value().span(), "PF"));
            return null;
          }
          if (Ascii.equalsIgnoreCase(i.key(), "device")) {
            if (i.value() instanceof UValue.UString s) {
              device = Ascii.cString(s.value());
            } else {
              deviceProblem = true;
              r.add(ValueDiagnostics.deviceNotString(r.src, i.value()));
            }
            break;
          }
        }
        break;
      }
    }
    r.deviceReported = deviceProblem;
    if (device == null && !deviceProblem) noDevice(r, top, pf);
    return new Found(device, pf);
  }

  /** Emits IOV301: iovctl's "Config file does not specify device", with a fix when one is sure. */
  private static void noDevice(CheckRun r, List<Item> top, Item pf) {
    SourceText src = r.src;
    if (pf == null) {
      Span at = top.isEmpty() ? Span.at(0) : top.get(0).keySpan();
      boolean bom = startsWithBom(src);
      String guess = bom ? null : Fixes.deviceGuess(src, r.schema);
      int vfs = guess == null ? 0 : Fixes.vfCountGuess(r.tree);
      int insertAt = guess == null ? 0 : Fixes.firstKeyLineStart(r.tree);
      r.add(SectionDiagnostics.NoDevice.noPf(src, at, !top.isEmpty(), bom, guess, vfs, insertAt));
    } else if (!(pf.value() instanceof UObject)) {
      r.add(SectionDiagnostics.NoDevice.pfNotBlock(src, pf.keySpan(), pf.value()));
    } else {
      String guess = Fixes.deviceGuess(src, r.schema);
      r.add(SectionDiagnostics.NoDevice.noDeviceKey(src, pf.keySpan(), pf.member(), guess));
    }
  }

  /** A UTF-8 byte order mark, which libucl reads as part of the first key. */
  private static boolean startsWithBom(SourceText src) {
    return src.length() >= 3
        && (src.bytes()[0] & 0xff) == 0xEF
        && (src.bytes()[1] & 0xff) == 0xBB
        && (src.bytes()[2] & 0xff) == 0xBF;
  }
}
