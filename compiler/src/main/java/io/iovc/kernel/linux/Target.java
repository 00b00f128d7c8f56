package io.iovc.kernel.linux;

import io.iovc.kernel.linux.Netlink.VfLink;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state a PF should end up in: from a checked file (the apply layer's {@code Desired}) or from
 * a snapshot (for a rollback). Every VF attribute is optional: null means "leave it as it is".
 *
 * @param numVfs the VF count
 * @param vfs one entry per VF, index order
 * @param recreate destroy and create the VFs even when the count already matches ({@code
 *     --replace})
 * @param autoprobe the final {@code sriov_drivers_autoprobe}, or null for "as found"
 * @param eswitch the PF's eswitch mode (devlink), or null for "as found"
 */
public record Target(
    int numVfs, List<VfTarget> vfs, boolean recreate, Boolean autoprobe, Eswitch eswitch) {
  public Target {
    vfs = List.copyOf(vfs);
  }

  public Target(int numVfs, List<VfTarget> vfs, boolean recreate, Boolean autoprobe) {
    this(numVfs, vfs, recreate, autoprobe, null);
  }

  /**
   * The PF's eswitch mode ({@code devlink dev eswitch set DEV mode M}).
   *
   * @param mode {@code legacy} or {@code switchdev}
   * @param withoutVfs the driver changes the mode only while the PF has no VFs (ice): a change
   *     removes the VFs and creates them again
   * @param source the file's parameter, for plans and messages
   */
  public record Eswitch(String mode, boolean withoutVfs, Source source) {}

  /** This target with another VF list (the PF's own settings kept). */
  public Target withVfs(List<VfTarget> vfs) {
    return new Target(numVfs, vfs, recreate, autoprobe, eswitch);
  }

  /** Attribute keys, in the order they are applied to a VF. */
  public static final List<String> ATTRIBUTES =
      List.of("mac", "vlan", "spoofchk", "trust", "state", "rate", "query_rss");

  /** A port VLAN: id 0 clears it; qos 0..7; protocol 802.1Q or 802.1ad. */
  public record Vlan(int id, int qos, String proto) {
    public static final Vlan NONE = new Vlan(0, 0, "802.1Q");

    /** What {@code ip link set … vf N} takes; qos and proto only when not the defaults. */
    public List<String> args() {
      List<String> a = new ArrayList<>(List.of("vlan", Integer.toString(id)));
      if (qos != 0) a.addAll(List.of("qos", Integer.toString(qos)));
      if (!"802.1Q".equalsIgnoreCase(proto)) a.addAll(List.of("proto", proto));
      return a;
    }

    public String display() {
      return id == 0 && qos == 0
          ? "none"
          : id
              + (qos != 0 ? " qos " + qos : "")
              + ("802.1Q".equalsIgnoreCase(proto) ? "" : " " + proto);
    }

    public boolean sameAs(VfLink l) {
      if (id == 0 && l.vlan() == 0 && qos == 0 && l.qos() == 0) return true;
      return id == l.vlan() && qos == l.qos() && proto.equalsIgnoreCase(l.vlanProto());
    }
  }

  /** Transmit rate limits in Mbit/s (0 = none). */
  public record Rate(long min, long max) {}

  /** Which driver a VF should be bound to. */
  public sealed interface Binding {
    /** {@code passthrough = true}: vfio-pci through driver_override. */
    record Passthrough() implements Binding {}

    /** {@code passthrough = false}: no override; the VF's own driver, if one matches. */
    record Native() implements Binding {}

    /** As a snapshot found it: exactly this override and this driver (null = unbound). */
    record Exact(String override, String driver) implements Binding {}
  }

  /**
   * Where a value comes from, for plans and messages.
   *
   * @param param the file's parameter name(s), e.g. {@code mac-anti-spoof}
   * @param why the value as the plan shows it, e.g. {@code mac-anti-spoof = true (schema default)}
   * @param explicit written in the file (in the VF's section or DEFAULT), not a schema default
   */
  public record Source(String param, String why, boolean explicit) {}

  /**
   * One VF's wanted state.
   *
   * @param mac administrative MAC (lower case), or null to leave it to the driver and the VF
   */
  public record VfTarget(
      int index,
      String mac,
      Vlan vlan,
      Boolean spoofchk,
      Boolean trust,
      String linkState,
      Rate rate,
      Boolean queryRss,
      Binding binding,
      Map<String, Source> sources) {
    public VfTarget {
      sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
    }

    public boolean hasNetlink() {
      return mac != null
          || vlan != null
          || spoofchk != null
          || trust != null
          || linkState != null
          || rate != null
          || queryRss != null;
    }

    public Source source(String attribute) {
      return sources.get(attribute);
    }

    /** This VF without its netlink attributes (for a PF without a netdev). */
    public VfTarget withoutNetlink() {
      Map<String, Source> s = new LinkedHashMap<>(sources);
      s.keySet().retainAll(List.of("binding"));
      return new VfTarget(index, null, null, null, null, null, null, null, binding, s);
    }

    /** The rollback target for a VF as a snapshot saw it. */
    public static VfTarget of(int index, VfLink l, LiveState.Vf vf, boolean pci) {
      Map<String, Source> s = new LinkedHashMap<>();
      for (String a : ATTRIBUTES) s.put(a, new Source(a, "as before the apply", false));
      s.put("binding", new Source("driver", "as before the apply", false));
      Binding b =
          pci && vf != null && vf.bdf() != null
              ? new Binding.Exact(vf.override(), vf.driver())
              : null;
      if (l == null) return new VfTarget(index, null, null, null, null, null, null, null, b, s);
      return new VfTarget(
          index,
          l.mac(),
          new Vlan(l.vlan(), l.qos(), l.vlanProto()),
          l.spoofchk(),
          l.trust(),
          l.linkState(),
          new Rate(l.minTxRate(), l.maxTxRate()),
          l.queryRss(),
          b,
          s);
    }
  }

  /** What a snapshot shows, as a target: the state a rollback restores. */
  public static Target of(LiveState.Snapshot snap) {
    return of(snap, false);
  }

  /**
   * What a snapshot shows, as a target; {@code eswitchWithoutVfs}: the driver's ordering quirk for
   * the eswitch mode (from the apply's own target, see {@link Eswitch#withoutVfs()}).
   */
  public static Target of(LiveState.Snapshot snap, boolean eswitchWithoutVfs) {
    List<VfTarget> vfs = new ArrayList<>();
    boolean pci = snap.pf().bus() == LiveState.Bus.PCI;
    for (int i = 0; i < snap.numVfs(); i++) vfs.add(VfTarget.of(i, snap.link(i), snap.vf(i), pci));
    Eswitch e =
        snap.eswitchMode() == null
            ? null
            : new Eswitch(
                snap.eswitchMode(),
                eswitchWithoutVfs,
                new Source("eswitch-mode", "as before the apply", false));
    return new Target(snap.numVfs(), vfs, false, snap.pf().autoprobe(), e);
  }
}
