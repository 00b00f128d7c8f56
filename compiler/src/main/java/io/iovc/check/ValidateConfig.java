package io.iovc.check;

import io.iovc.schema.Schema;
import io.iovc.source.Span;
import io.iovc.syntax.Ascii;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * iovctl's {@code validate_config} (spec §3.4), in its order: the PF's required parameters, num_vfs
 * (truncated to uint16, at least 1), each VF's required parameters once DEFAULT is folded in, then
 * the VF sections left over (too large, or not below num_vfs). iovctl never applies the schema's
 * defaults; the kernel does.
 */
final class ValidateConfig {
  private ValidateConfig() {}

  private static final Schema.Subsystem[] ORDER = {Schema.Subsystem.DRIVER, Schema.Subsystem.IOV};

  /** num_vfs as iovctl reads it (-1 when absent) and where it is written (null when absent). */
  record Validated(int numVfs, ConfigParam numVfsParam) {}

  /**
   * Validates the sections; null when iovctl aborts (the schema's num_vfs is not a number). Emits
   * IOV208 (required parameters), IOV306 (num_vfs 0), IOV006 (a schema iovctl cannot use), IOV308
   * and IOV307 (VF sections left over).
   */
  static Validated validate(CheckRun r, ParseConfigFile.Sections sections) {
    ConfigSection pf = sections.pf();
    Span pfSpan = pf != null ? pf.member().key().span() : Span.at(0);
    pfRequired(r, pf, pfSpan);
    ConfigParam numVfsParam = pf == null ? null : pf.param("num_vfs");
    int numVfs = -1;
    if (numVfsParam != null) {
      Span at = numVfsParam.member().value().span();
      if (numVfsParam.value() instanceof TypedValue.Num n) {
        numVfs = (int) (n.value() & 0xFFFF);
        if (numVfs == 0)
          r.add(ValidateDiagnostics.numVfsZero(at, n.value(), ConfigTree.findDevice(r.tree)));
      } else {
        r.add(ValidateDiagnostics.BadSchema.numVfsNotNumber(at));
        return null;
      }
    } else if (!r.hasError() && !r.refused("PF", "num_vfs")) {
      // Not required by this (odd) schema and not written: nvlist_get_number aborts.
      r.add(ValidateDiagnostics.RequiredMissing.numVfsUnset(pfSpan));
    }
    if (numVfs > 0) {
      if (vfRequired(r, numVfs, sections, numVfsParam))
        leftoverVfs(r, numVfs, sections, numVfsParam);
    }
    return new Validated(numVfs, numVfsParam);
  }

  /** Step 1: the PF's required DRIVER then IOV parameters. Emits IOV208 and IOV006. */
  private static void pfRequired(CheckRun r, ConfigSection s, Span at) {
    for (Schema.Subsystem sub : ORDER) {
      for (Schema.Param p : r.schema.params(Schema.Device.PF, sub)) {
        if (!schemaParamUsable(r, p, at)) return;
        if (!p.required()) continue;
        List<ConfigParam> have =
            s == null ? List.of() : sub == Schema.Subsystem.IOV ? s.iov() : s.driver();
        if (find(have, p.name()) == null && !r.refused("PF", p.name())) {
          String guess;
          if (Ascii.equalsIgnoreCase(p.name(), "num_vfs"))
            guess = Integer.toString(Fixes.vfCountGuess(r.tree));
          else if (Ascii.equalsIgnoreCase(p.name(), "device"))
            guess = Fixes.deviceGuess(r.src, r.schema);
          else guess = null;
          r.add(
              ValidateDiagnostics.RequiredMissing.inSection(
                  r.src, at, "PF", p.name(), s == null ? null : s.member(), guess));
        }
      }
    }
  }

  /**
   * Step 4: each VF's required DRIVER then IOV parameters, after DEFAULT is folded in; one finding
   * per parameter for all the VFs that lack it. False when iovctl aborts on the schema. Emits
   * IOV208 and IOV006.
   */
  private static boolean vfRequired(
      CheckRun r, int numVfs, ParseConfigFile.Sections sections, ConfigParam numVfsParam) {
    Span numSpan = numVfsParam.member().value().span();
    ConfigSection defaults = sections.defaults();
    for (Schema.Subsystem sub : ORDER) {
      for (Schema.Param p : r.schema.params(Schema.Device.VF, sub)) {
        if (!schemaParamUsable(r, p, numSpan)) return false;
        if (!p.required()) continue;
        if (defaults != null
            && find(sub == Schema.Subsystem.IOV ? defaults.iov() : defaults.driver(), p.name())
                != null) continue;
        if (r.refused("DEFAULT", p.name())) continue;
        List<Integer> missing = new ArrayList<>();
        List<Span> labels = new ArrayList<>();
        for (int i = 0; i < numVfs; i++) {
          ConfigSection vf = sections.vf(i);
          if (vf == null
              || find(sub == Schema.Subsystem.IOV ? vf.iov() : vf.driver(), p.name()) == null
                  && !r.refused(vf.name(), p.name())) {
            missing.add(i);
            if (vf != null && labels.size() < 8) labels.add(vf.member().key().span());
          }
        }
        if (missing.isEmpty()) continue;
        r.add(
            ValidateDiagnostics.RequiredMissing.inVfs(
                numSpan, p.name(), p.type(), defaults != null, missing, labels));
      }
    }
    return true;
  }

  /**
   * Step 5: VF sections iovctl never took: the number above 65535 (IOV308, digits saturating to
   * ULONG_MAX like strtoul) or not below num_vfs (IOV307).
   */
  private static void leftoverVfs(
      CheckRun r, int numVfs, ParseConfigFile.Sections sections, ConfigParam numVfsParam) {
    Span numSpan = numVfsParam.member().value().span();
    BigInteger ulongMax = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    for (ConfigSection s : sections.all()) {
      if (s.kind() != ConfigSection.Kind.VF) continue;
      String digits = ConfigTree.vfDigits(s.name());
      if (digits == null) continue;
      BigInteger n = new BigInteger(digits);
      if (n.compareTo(ulongMax) > 0) n = ulongMax;
      Span at = s.member().key().span();
      if (n.compareTo(BigInteger.valueOf(65535)) > 0) {
        r.add(ValidateDiagnostics.vfNumberTooLarge(at, s.name(), n));
      } else if (n.intValue() >= numVfs) {
        r.add(ValidateDiagnostics.vfOutOfBounds(at, s.name(), n.intValue(), numVfs, numSpan));
      }
    }
  }

  /** A schema entry iovctl can validate against; emits IOV006 (and iovctl aborts) otherwise. */
  private static boolean schemaParamUsable(CheckRun r, Schema.Param p, Span at) {
    if (p.list() == null || p.requiredFlag() == null) {
      r.crash();
      r.add(ValidateDiagnostics.BadSchema.malformed(at, p.name()));
      return false;
    }
    return true;
  }

  private static ConfigParam find(List<ConfigParam> list, String name) {
    for (ConfigParam p : list) {
      if (Ascii.equalsIgnoreCase(p.name(), name)) return p;
    }
    return null;
  }
}
