package io.iovc.kernel;

import java.util.List;
import java.util.Locale;

/**
 * What a host says about its SR-IOV devices, as data: each PF, each VF and who uses that VF. Both
 * backends produce these records; the front end chooses text or JSON (the JSON field names are the
 * public contract of {@code iovc status --format json}, see {@code
 * io/iovc/ops/status.schema.json}).
 */
public final class SriovStatus {
  private SriovStatus() {}

  /** Who holds a VF. */
  public enum Kind {
    /** bound to a driver in the host (Linux: its netdev in the host's namespace; FreeBSD: ifN). */
    HOST,
    /** Linux: its netdev lives in another network namespace (named, or a container's). */
    NETNS,
    /** Linux: bound to vfio-pci and a process (a VM) holds its /dev/vfio group open. */
    VFIO,
    /** FreeBSD: a vnet jail holds its interface. */
    JAIL,
    /** FreeBSD: a bhyve process passes it through. */
    BHYVE;

    /** The contract's spelling: host, netns, vfio, jail, bhyve. */
    public String json() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The user of a VF.
   *
   * @param name the netdev (host), namespace or VM or jail name, or null when unknown
   * @param pid a process in the namespace, the VM's process, or null
   * @param jid the jail's id (FreeBSD jails), else null
   */
  public record Consumer(Kind kind, String name, Long pid, Integer jid) {
    public static Consumer host(String netdev) {
      return new Consumer(Kind.HOST, netdev, null, null);
    }

    /** For people: {@code jail desk (jid 3)}, {@code netns blue}, {@code vfio qemu (pid 812)}. */
    public String display() {
      StringBuilder sb = new StringBuilder(kind.json());
      if (name != null) sb.append(' ').append(name);
      if (jid != null) sb.append(" (jid ").append(jid).append(')');
      else if (pid != null) sb.append(" (pid ").append(pid).append(')');
      return sb.toString();
    }
  }

  /**
   * One VF. Fields the OS cannot read are null.
   *
   * @param pci its PCI address as the OS spells it ({@code 0000:05:10.0}, {@code pci0:1:0:16})
   * @param driver the driver bound ({@code iavf}, {@code ppt}, {@code vfio-pci}), or null
   * @param netdev its network interface ({@code iavf0}, {@code ens5f0v1}), or null
   * @param passthru FreeBSD: bhyve's {@code B/S/F} selector ({@code 1/0/17}), else null
   * @param consumer who uses it, or null when nobody does (or nobody can be found)
   */
  public record Vf(
      int index,
      String pci,
      String driver,
      String netdev,
      String mac,
      Integer vlan,
      Boolean spoofchk,
      Boolean trust,
      String passthru,
      Consumer consumer) {}

  /**
   * One PF.
   *
   * @param device its name ({@code ixl0}, {@code enp5s0f0}, or the PCI address without a netdev)
   * @param notes what could not be read, for people (never fatal)
   */
  public record Pf(
      String device,
      String pci,
      String driver,
      int numVfs,
      Integer totalVfs,
      List<Vf> vfs,
      List<String> notes) {
    public Pf {
      vfs = List.copyOf(vfs);
      notes = List.copyOf(notes);
    }
  }
}
