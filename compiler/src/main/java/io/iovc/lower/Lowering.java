package io.iovc.lower;

import io.iovc.check.CheckedConfig;
import io.iovc.check.ConfigParam;
import io.iovc.check.ConfigSection;
import io.iovc.check.EffectiveValues;
import io.iovc.check.TypedValue;
import io.iovc.nvlist.NvList;
import io.iovc.nvlist.NvValue;
import io.iovc.schema.Schema;
import java.util.List;

/**
 * Builds the nvlist iovctl hands to the kernel (spec §4.2), from a configuration the checker
 * accepted: {@code PF}, then {@code VF-0} … {@code VF-(num_vfs-1)} (every VF, written or not), each
 * {@code {DRIVER, IOV}} with what {@link EffectiveValues#sent} says the VF gets (its own parameters
 * in file order, then the DEFAULT ones it lacks); DEFAULT itself never sent; every list
 * IGNORE_CASE. Schema defaults are left to the kernel.
 */
public final class Lowering {
  private Lowering() {}

  public static NvList lower(CheckedConfig c) {
    NvList root = new NvList(NvList.IGNORE_CASE);
    ConfigSection pf = c.pf();
    root.add("PF", new NvValue.Nested(device(pf.driver(), pf.iov())));
    EffectiveValues values = EffectiveValues.of(c);
    for (int i = 0; i < c.numVfs(); i++) {
      root.add(
          "VF-" + i,
          new NvValue.Nested(
              device(
                  values.sent(i, Schema.Subsystem.DRIVER), values.sent(i, Schema.Subsystem.IOV))));
    }
    return root;
  }

  private static NvList device(List<ConfigParam> driver, List<ConfigParam> iov) {
    NvList dev = new NvList(NvList.IGNORE_CASE);
    dev.add("DRIVER", new NvValue.Nested(subsystem(driver)));
    dev.add("IOV", new NvValue.Nested(subsystem(iov)));
    return dev;
  }

  private static NvList subsystem(List<ConfigParam> params) {
    NvList l = new NvList(NvList.IGNORE_CASE);
    for (ConfigParam p : params) l.add(p.name(), value(p.value()));
    return l;
  }

  static NvValue value(TypedValue v) {
    if (v instanceof TypedValue.Bool b) return new NvValue.Bool(b.value());
    if (v instanceof TypedValue.Num n) return new NvValue.Number(n.value());
    if (v instanceof TypedValue.Str s) return new NvValue.Str(s.value());
    return new NvValue.Binary(((TypedValue.Mac) v).bytes());
  }
}
