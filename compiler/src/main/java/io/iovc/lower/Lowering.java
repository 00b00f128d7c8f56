package io.iovc.lower;

import io.iovc.check.CheckedConfig;
import io.iovc.check.ConfigParam;
import io.iovc.check.ConfigSection;
import io.iovc.check.TypedValue;
import io.iovc.nvlist.NvList;
import io.iovc.nvlist.NvValue;
import java.util.List;

/**
 * Builds the nvlist iovctl hands to the kernel (spec §4.2), from a configuration the checker
 * accepted: {@code PF}, then {@code VF-0} … {@code VF-(num_vfs-1)} (every VF, written or not), each
 * {@code {DRIVER, IOV}}; a VF's own parameters in file order, then the DEFAULT ones it lacks, in
 * DEFAULT's order and spelling; DEFAULT itself never sent; every list IGNORE_CASE. Schema defaults
 * are left to the kernel.
 */
public final class Lowering {
  private Lowering() {}

  public static NvList lower(CheckedConfig c) {
    NvList root = new NvList(NvList.IGNORE_CASE);
    ConfigSection pf = c.pf();
    root.add("PF", new NvValue.Nested(device(pf.driver(), pf.iov(), List.of(), List.of())));
    ConfigSection defaults = c.defaults();
    List<ConfigParam> defDriver = defaults == null ? List.of() : defaults.driver();
    List<ConfigParam> defIov = defaults == null ? List.of() : defaults.iov();
    java.util.Map<String, ConfigSection> vfs = new java.util.HashMap<>();
    for (ConfigSection s : c.sections()) {
      if (s.kind() == ConfigSection.Kind.VF) vfs.put(io.iovc.syntax.Ascii.toLower(s.name()), s);
    }
    for (int i = 0; i < c.numVfs(); i++) {
      ConfigSection vf = vfs.get("vf-" + i);
      List<ConfigParam> driver = vf == null ? List.of() : vf.driver();
      List<ConfigParam> iov = vf == null ? List.of() : vf.iov();
      root.add("VF-" + i, new NvValue.Nested(device(driver, iov, defDriver, defIov)));
    }
    return root;
  }

  private static NvList device(
      List<ConfigParam> driver,
      List<ConfigParam> iov,
      List<ConfigParam> defDriver,
      List<ConfigParam> defIov) {
    NvList dev = new NvList(NvList.IGNORE_CASE);
    dev.add("DRIVER", new NvValue.Nested(subsystem(driver, defDriver)));
    dev.add("IOV", new NvValue.Nested(subsystem(iov, defIov)));
    return dev;
  }

  private static NvList subsystem(List<ConfigParam> own, List<ConfigParam> defaults) {
    NvList l = new NvList(NvList.IGNORE_CASE);
    for (ConfigParam p : own) l.add(p.name(), value(p.value()));
    for (ConfigParam p : defaults) {
      if (!l.contains(p.name())) l.add(p.name(), value(p.value()));
    }
    return l;
  }

  static NvValue value(TypedValue v) {
    if (v instanceof TypedValue.Bool b) return new NvValue.Bool(b.value());
    if (v instanceof TypedValue.Num n) return new NvValue.Number(n.value());
    if (v instanceof TypedValue.Str s) return new NvValue.Str(s.value());
    return new NvValue.Binary(((TypedValue.Mac) v).bytes());
  }
}
