package io.iovc.kernel.linux;

import io.iovc.kernel.linux.LiveState.Bus;
import io.iovc.kernel.linux.LiveState.Pf;
import io.iovc.kernel.linux.LiveState.Snapshot;
import io.iovc.kernel.linux.Netlink.VfLink;
import io.iovc.kernel.linux.Plan.Action;
import io.iovc.kernel.linux.Plan.Difference;
import io.iovc.kernel.linux.Plan.Step;
import io.iovc.kernel.linux.Target.Binding;
import io.iovc.kernel.linux.Target.Rate;
import io.iovc.kernel.linux.Target.Source;
import io.iovc.kernel.linux.Target.VfTarget;
import io.iovc.kernel.linux.Target.Vlan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Compares a {@link Target} with a {@link Snapshot} and orders the changes as spec §7 says:
 *
 * <ol>
 *   <li>VF count, when it changes: {@code sriov_drivers_autoprobe=0} (no driver grabs a VF before
 *       it is configured), {@code sriov_numvfs=0} when VFs exist, then {@code N}. The PF's eswitch
 *       mode, when the file sets one, is set between the two, while the PF has no VFs (ice changes
 *       it only then, some mlx5 firmware wants it before the VFs, netdevsim falls back to legacy
 *       when its VFs are removed); when the VFs stay, it comes first, before their settings, unless
 *       the driver changes it only without VFs, which makes the VFs be created again;
 *   <li>per VF, one netlink attribute per request: MAC, VLAN, spoofchk, trust (and, when restoring,
 *       link state, rate, query_rss). New VFs get every value written explicitly; existing ones
 *       only what differs;
 *   <li>per VF, the driver: passthrough → {@code driver_override=vfio-pci} and {@code
 *       drivers_probe}, while autoprobe is still off; otherwise the override cleared and the native
 *       driver probed;
 *   <li>{@code sriov_drivers_autoprobe} back to what it was; when iovc had turned it off, the
 *       native probes come only after it: a VF without driver_override probes only while autoprobe
 *       is on ({@code pci_device_can_probe}). When it stays off, no probe is written.
 * </ol>
 *
 * A pure function: it reads nothing and changes nothing.
 */
public final class Planner {
  static final String VFIO = "vfio-pci";

  private Planner() {}

  public static Plan plan(Target t, Snapshot live) {
    Pf pf = live.pf();
    List<Step> steps = new ArrayList<>();
    List<Difference> diffs = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    boolean pci = pf.bus() == Bus.PCI;
    int have = live.numVfs();
    boolean recreate = have != t.numVfs() || t.recreate();
    Boolean autoprobe = pf.autoprobe();

    // 0. the eswitch mode (devlink): a difference, and for a driver that changes it only while the
    // PF has no VFs, a reason to create them again
    Target.Eswitch esw = t.eswitch();
    boolean modeChanges = esw != null && !esw.mode().equals(live.eswitchMode());
    if (modeChanges)
      diffs.add(
          new Difference(
              null,
              esw.source().param(),
              esw.mode(),
              live.eswitchMode() == null ? "unknown" : live.eswitchMode()));
    boolean recreateForMode = modeChanges && esw.withoutVfs() && have > 0 && !recreate;
    if (recreateForMode) {
      recreate = true;
      notes.add(
          pf.label()
              + ": its driver changes the eswitch mode only while the PF has no VFs, so the "
              + plural(have, "VF")
              + " are removed and created again");
    }

    // 1. the VF count
    if (have != t.numVfs())
      diffs.add(
          new Difference(null, "num_vfs", Integer.toString(t.numVfs()), Integer.toString(have)));
    if (recreate) {
      if (pci && Boolean.TRUE.equals(autoprobe)) {
        steps.add(
            new Step(
                new Action.Write(pf.autoprobePath(), "0"),
                "echo 0 > " + pf.autoprobePath(),
                "no driver binds the new VFs before they are configured",
                null,
                "num_vfs"));
        autoprobe = false;
      }
      if (have > 0) {
        steps.add(
            new Step(
                new Action.Write(pf.numVfsPath(), "0"),
                "echo 0 > " + pf.numVfsPath(),
                recreateForMode
                    ? "remove the " + plural(have, "VF") + " (the eswitch mode changes)"
                    : t.recreate() && have == t.numVfs()
                        ? "remove the " + have + " VFs (--replace)"
                        : "remove the " + plural(have, "VF") + " (the count changes)",
                null,
                "num_vfs"));
      }
      // while the PF has no VFs; the step checks the mode again when it runs
      if (esw != null) steps.add(eswitchStep(pf, esw));
      if (t.numVfs() > 0) {
        steps.add(
            new Step(
                new Action.Write(pf.numVfsPath(), Integer.toString(t.numVfs())),
                "echo " + t.numVfs() + " > " + pf.numVfsPath(),
                "create " + plural(t.numVfs(), "VF"),
                null,
                "num_vfs"));
      }
    } else if (modeChanges) steps.add(eswitchStep(pf, esw));

    // 2. netlink attributes, VF by VF
    Set<Integer> newMac = new HashSet<>();
    for (VfTarget vt : t.vfs()) {
      if (vt.index() >= t.numVfs()) continue;
      VfLink l = live.link(vt.index());
      boolean exists = vt.index() < have;
      if (exists && l != null) diffs.addAll(differences(vt, l));
      if (!vt.hasNetlink()) continue;
      if (pf.netdev() == null) continue; // the caller refuses explicit settings on such a PF
      VfLink base = recreate ? null : l;
      for (String attr : Target.ATTRIBUTES) {
        List<String> args = args(vt, attr);
        if (args == null) continue;
        if (base != null && same(vt, attr, base)) continue;
        if (attr.equals("mac") && !recreate) newMac.add(vt.index());
        Source src = vt.source(attr);
        String param = src == null ? attr : src.param();
        String comment = "VF-" + vt.index() + ": " + (src == null ? attr : src.why());
        steps.add(
            new Step(
                new Action.SetVf(pf.netdev(), vt.index(), args),
                "ip link set dev "
                    + shellWord(pf.netdev())
                    + " vf "
                    + vt.index()
                    + " "
                    + String.join(" ", args),
                comment,
                vt.index(),
                param));
      }
    }

    // 3. drivers, and autoprobe as it was (or as the target says). A VF without driver_override
    // probes only while autoprobe is on (pci_device_can_probe), and autoprobe has no other effect
    // on VFs that exist. So: the VFs that get an override (vfio-pci) are bound while it is still
    // off (a late udev `modprobe` of the VF driver cannot grab them), then autoprobe is restored,
    // then the VFs without an override are probed. Probing those under autoprobe=0 would leave
    // them without a driver.
    Boolean wanted = t.autoprobe() != null ? t.autoprobe() : pf.autoprobe();
    boolean probeable = !Boolean.FALSE.equals(wanted != null ? wanted : autoprobe);
    // only when iovc turned autoprobe off are the native probes held back until it is on again;
    // otherwise each VF's steps stay together
    boolean defer = Boolean.FALSE.equals(autoprobe) && Boolean.TRUE.equals(wanted);
    List<Step> late = new ArrayList<>();
    for (VfTarget vt : t.vfs()) {
      if (vt.index() >= t.numVfs() || vt.binding() == null) continue;
      if (!pci) continue; // netdevsim VFs have no PCI function; the caller refuses passthrough
      LiveState.Vf v = recreate ? null : live.vf(vt.index());
      if (!recreate && v != null && v.bdf() != null) diffs.addAll(bindingDifferences(vt, v));
      List<Step> mine = new ArrayList<>();
      bind(mine, pf, vt, v, recreate, probeable);
      for (Step s : mine) (defer && isProbe(s) && !getsOverride(vt) ? late : steps).add(s);
      if (mine.isEmpty() && newMac.contains(vt.index()))
        rebindForMac(
            defer ? late : steps,
            notes,
            pf,
            vt,
            v,
            probeable || (v != null && !v.override().isEmpty()));
    }
    if (pci && wanted != null && autoprobe != null && !wanted.equals(autoprobe)) {
      String v = wanted ? "1" : "0";
      steps.add(
          new Step(
              new Action.Write(pf.autoprobePath(), v),
              "echo " + v + " > " + pf.autoprobePath(),
              "restore sriov_drivers_autoprobe",
              null,
              "num_vfs"));
    }
    steps.addAll(late);

    if (!pci && t.vfs().stream().anyMatch(v -> v.binding() instanceof Binding.Passthrough)) {
      notes.add(pf.id() + " is a netdevsim device: its VFs have no PCI function to pass through");
    }
    return new Plan(pf, steps, diffs, notes);
  }

  private static Step eswitchStep(Pf pf, Target.Eswitch esw) {
    String handle = pf.devlinkHandle();
    return new Step(
        new Action.SetEswitch(handle, esw.mode()),
        "devlink dev eswitch set " + shellWord(handle) + " mode " + esw.mode(),
        esw.source().why(),
        null,
        esw.source().param());
  }

  private static void bind(
      List<Step> steps, Pf pf, VfTarget vt, LiveState.Vf v, boolean fresh, boolean autoprobe) {
    int i = vt.index();
    String bdf = v != null && v.bdf() != null ? v.bdf() : pf.predictedVfAddress(i);
    String shown = bdf != null ? "/sys/bus/pci/devices/" + bdf : pf.dir() + "/virtfn" + i;
    String addr = bdf != null ? bdf : "$(basename $(readlink " + pf.dir() + "/virtfn" + i + "))";
    String driver = v == null ? null : v.driver();
    String override = v == null ? "" : v.override();
    String why = "VF-" + i + ": " + vt.source("binding").why();
    String param = vt.source("binding").param();
    if (vt.binding() instanceof Binding.Passthrough) {
      boolean overrideOk = VFIO.equals(override);
      boolean boundOk = VFIO.equals(driver);
      if (!overrideOk && driver != null && !boundOk)
        steps.add(unbind(pf, i, driver, addr, why, param));
      if (!overrideOk) steps.add(override(pf, i, VFIO, shown, why, param));
      if (!boundOk) steps.add(probe(pf, i, addr, why, param));
    } else if (vt.binding() instanceof Binding.Native) {
      boolean unbind =
          driver != null
              && (VFIO.equals(driver) || (!override.isEmpty() && driver.equals(override)));
      if (unbind) steps.add(unbind(pf, i, driver, addr, why, param));
      if (!override.isEmpty()) steps.add(override(pf, i, "", shown, why, param));
      // without autoprobe and without an override the kernel binds no driver to a VF
      if (autoprobe && (driver == null || unbind) && (fresh || unbind || !override.isEmpty()))
        steps.add(probe(pf, i, addr, why, param));
    } else if (vt.binding() instanceof Binding.Exact e) {
      String wantOverride = e.override() == null ? "" : e.override();
      boolean driverOk = Objects.equals(driver, e.driver());
      boolean overrideOk = override.equals(wantOverride);
      if (driverOk && overrideOk) return;
      if (driver != null && !driverOk)
        steps.add(unbind(pf, i, driver, addr, "VF-" + i + ": restore its driver", "driver"));
      if (!overrideOk)
        steps.add(
            override(
                pf, i, wantOverride, shown, "VF-" + i + ": restore driver_override", "driver"));
      if (e.driver() != null && !driverOk)
        steps.add(probe(pf, i, addr, "VF-" + i + ": rebind " + e.driver(), "driver"));
    }
  }

  /**
   * A VF driver with a netdev (igbvf, iavf, ixgbevf, …) reads its MAC from the PF when it binds: a
   * new administrative MAC reaches the VF's own interface only when the driver is bound again (igb:
   * "Reload the VF driver to make this change effective"). Re-bind it, unless one of its interfaces
   * is in use (up or enslaved): then say so and leave it.
   */
  private static void rebindForMac(
      List<Step> out, List<String> notes, Pf pf, VfTarget vt, LiveState.Vf v, boolean probeable) {
    if (v == null || v.bdf() == null || v.driver() == null || VFIO.equals(v.driver())) return;
    if (v.netdevs().isEmpty()) return;
    int i = vt.index();
    String again =
        "echo "
            + v.bdf()
            + " > /sys/bus/pci/drivers/"
            + v.driver()
            + "/unbind; echo "
            + v.bdf()
            + " > /sys/bus/pci/drivers_probe";
    if (!v.busy().isEmpty()) {
      notes.add(
          "VF-"
              + i
              + ": its interface "
              + String.join(", ", v.busy())
              + " is in use (up or enslaved), so iovc does not re-bind "
              + v.driver()
              + ": the interface keeps its old MAC until the driver is bound again (`"
              + again
              + "`)");
      return;
    }
    if (!probeable) {
      notes.add(
          "VF-"
              + i
              + ": "
              + v.driver()
              + " takes the new MAC only when it is bound again, and with"
              + " sriov_drivers_autoprobe = 0 the kernel would not bind it again: iovc leaves it");
      return;
    }
    Source src = vt.source("mac");
    String param = src == null ? "mac" : src.param();
    String why = "VF-" + i + ": " + v.driver() + " takes the new MAC when it is bound again";
    out.add(unbind(pf, i, v.driver(), v.bdf(), why, param));
    out.add(probe(pf, i, v.bdf(), why, param));
  }

  private static boolean isProbe(Step s) {
    return s.action() instanceof Action.VfFile f
        && "/sys/bus/pci/drivers_probe".equals(f.busFile());
  }

  /** The VF ends up with a driver_override, so it may probe while autoprobe is off. */
  private static boolean getsOverride(VfTarget vt) {
    return vt.binding() instanceof Binding.Passthrough
        || (vt.binding() instanceof Binding.Exact e
            && e.override() != null
            && !e.override().isEmpty());
  }

  private static Step unbind(Pf pf, int i, String driver, String addr, String why, String param) {
    String file = "/sys/bus/pci/drivers/" + driver + "/unbind";
    return new Step(
        new Action.VfFile(pf.dir(), i, null, null, file),
        "echo " + addr + " > " + file,
        why,
        i,
        param);
  }

  /**
   * A word as a POSIX shell reads it back: as is when it holds only characters no shell treats
   * specially, else in single quotes ({@code '} as {@code '\''}), so a pasted plan line runs what
   * it shows. Interface names may hold {@code ; $ ( ) > |} and quotes (the kernel refuses only
   * {@code /}, {@code :} and white space, dev_valid_name in net/core/dev.c).
   */
  static String shellWord(String w) {
    if (!w.isEmpty() && w.matches("[A-Za-z0-9_@%+=,./:-]+")) return w;
    return "'" + w.replace("'", "'\\''") + "'";
  }

  private static Step override(
      Pf pf, int i, String value, String shownDir, String why, String param) {
    String display =
        value.isEmpty()
            ? "echo > " + shownDir + "/driver_override"
            : "echo " + value + " > " + shownDir + "/driver_override";
    return new Step(
        new Action.VfFile(pf.dir(), i, "driver_override", value.isEmpty() ? "\n" : value, null),
        display,
        why,
        i,
        param);
  }

  private static Step probe(Pf pf, int i, String addr, String why, String param) {
    String file = "/sys/bus/pci/drivers_probe";
    return new Step(
        new Action.VfFile(pf.dir(), i, null, null, file),
        "echo " + addr + " > " + file,
        why,
        i,
        param);
  }

  /** The {@code ip link set … vf N} arguments for one attribute, or null when not wanted. */
  public static List<String> args(VfTarget vt, String attr) {
    return switch (attr) {
      case "mac" -> vt.mac() == null ? null : List.of("mac", vt.mac());
      case "vlan" -> vt.vlan() == null ? null : vt.vlan().args();
      case "spoofchk" -> vt.spoofchk() == null ? null : List.of("spoofchk", onOff(vt.spoofchk()));
      case "trust" -> vt.trust() == null ? null : List.of("trust", onOff(vt.trust()));
      case "state" -> vt.linkState() == null ? null : List.of("state", vt.linkState());
      case "rate" ->
          vt.rate() == null
              ? null
              : List.of(
                  "min_tx_rate",
                  Long.toString(vt.rate().min()),
                  "max_tx_rate",
                  Long.toString(vt.rate().max()));
      case "query_rss" -> vt.queryRss() == null ? null : List.of("query_rss", onOff(vt.queryRss()));
      default -> null;
    };
  }

  /** Whether the live VF already has the wanted value of one attribute. */
  static boolean same(VfTarget vt, String attr, VfLink l) {
    return switch (attr) {
      case "mac" -> vt.mac() == null || vt.mac().equalsIgnoreCase(String.valueOf(l.mac()));
      case "vlan" -> vt.vlan() == null || vt.vlan().sameAs(l);
      case "spoofchk" -> vt.spoofchk() == null || vt.spoofchk().equals(l.spoofchk());
      case "trust" -> vt.trust() == null || vt.trust().equals(l.trust());
      case "state" -> vt.linkState() == null || vt.linkState().equals(l.linkState());
      case "rate" ->
          vt.rate() == null
              || (vt.rate().min() == l.minTxRate() && vt.rate().max() == l.maxTxRate());
      case "query_rss" ->
          vt.queryRss() == null || l.queryRss() == null || vt.queryRss().equals(l.queryRss());
      default -> true;
    };
  }

  static List<Difference> differences(VfTarget vt, VfLink l) {
    List<Difference> out = new ArrayList<>();
    for (String attr : Target.ATTRIBUTES) {
      if (args(vt, attr) == null || same(vt, attr, l)) continue;
      Source src = vt.source(attr);
      out.add(
          new Difference(
              vt.index(), src == null ? attr : src.param(), wanted(vt, attr), live(l, attr)));
    }
    return out;
  }

  static List<Difference> bindingDifferences(VfTarget vt, LiveState.Vf v) {
    String live = driverText(v.driver(), v.override());
    String param = vt.source("binding") == null ? "driver" : vt.source("binding").param();
    if (vt.binding() instanceof Binding.Passthrough) {
      if (!VFIO.equals(v.driver()) || !VFIO.equals(v.override()))
        return List.of(new Difference(vt.index(), param, "true (vfio-pci)", live));
    } else if (vt.binding() instanceof Binding.Native) {
      if (VFIO.equals(v.driver()) || !v.override().isEmpty())
        return List.of(new Difference(vt.index(), param, "false (native driver)", live));
    } else if (vt.binding() instanceof Binding.Exact e) {
      if (!Objects.equals(e.driver(), v.driver())
          || !Objects.equals(e.override() == null ? "" : e.override(), v.override())) {
        return List.of(
            new Difference(vt.index(), "driver", driverText(e.driver(), e.override()), live));
      }
    }
    return List.of();
  }

  static String driverText(String driver, String override) {
    String d = driver == null ? "no driver" : "driver " + driver;
    return override == null || override.isEmpty() ? d : d + ", driver_override " + override;
  }

  private static String wanted(VfTarget vt, String attr) {
    return switch (attr) {
      case "mac" -> vt.mac();
      case "vlan" -> vt.vlan().display();
      case "spoofchk" -> "spoofchk " + onOff(vt.spoofchk());
      case "trust" -> "trust " + onOff(vt.trust());
      case "state" -> "link-state " + vt.linkState();
      case "rate" -> rate(vt.rate());
      case "query_rss" -> "query_rss " + onOff(vt.queryRss());
      default -> "?";
    };
  }

  private static String live(VfLink l, String attr) {
    return switch (attr) {
      case "mac" -> l.mac();
      case "vlan" -> new Vlan(l.vlan(), l.qos(), l.vlanProto()).display();
      case "spoofchk" -> "spoofchk " + (l.spoofchk() == null ? "unknown" : onOff(l.spoofchk()));
      case "trust" -> "trust " + (l.trust() == null ? "unknown" : onOff(l.trust()));
      case "state" -> "link-state " + l.linkState();
      case "rate" -> rate(new Rate(l.minTxRate(), l.maxTxRate()));
      case "query_rss" -> "query_rss " + (l.queryRss() == null ? "unknown" : onOff(l.queryRss()));
      default -> "?";
    };
  }

  private static String rate(Rate r) {
    return "min_tx_rate " + r.min() + " max_tx_rate " + r.max();
  }

  static String onOff(boolean b) {
    return b ? "on" : "off";
  }

  static String plural(int n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
