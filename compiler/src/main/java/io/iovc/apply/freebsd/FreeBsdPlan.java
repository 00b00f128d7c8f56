package io.iovc.apply.freebsd;

import io.iovc.check.CheckedConfig;
import io.iovc.check.ConfigParam;
import io.iovc.check.EffectiveValues;
import io.iovc.check.TypedValue;
import io.iovc.kernel.SriovStatus;
import io.iovc.kernel.freebsd.FreeBsdStatus;
import io.iovc.schema.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code iovc plan} and {@code iovc diff} on FreeBSD: the file compared with what FreeBSD's tools
 * can really report, never with a guessed ABI (spec/operations.md §1.1: the request code and keys
 * of {@code IOV_GET_STATUS} are in no readable source; §1.2: the format of ifconfig's VF lines is
 * unverified). What {@code pciconf -lc} reports ({@link FreeBsdStatus}) is compared:
 *
 * <ul>
 *   <li>{@code num_vfs}: the SR-IOV capability's "N VFs configured";
 *   <li>{@code passthrough} of each VF: pci_iov.c attaches a VF whose {@code passthrough} is true
 *       to {@code ppt} (reserved for bhyve) and lets any other driver probe the others, so {@code
 *       ppt0@…} means true and {@code iavf0@…} false; a VF with nothing attached ({@code none3@…})
 *       says neither.
 * </ul>
 *
 * Every other parameter the file sets (MAC, VLAN, anti-spoof, the driver's own) is listed as not
 * readable on FreeBSD: not compared and never reported as drift.
 *
 * <p>The plan states iovctl's real steps. FreeBSD configures VFs only when it creates them: {@code
 * IOV_CONFIG} answers EBUSY while the PF has VFs (pci_iov.c), so a PF with VFs must first lose them
 * ({@code IOV_DELETE}, {@code iovctl -D}) — which {@code iovc compile --apply} does only with
 * {@code --replace} — and each VF somebody uses (a vnet jail, a bhyve VM) is named in a warning.
 */
public final class FreeBsdPlan {
  private FreeBsdPlan() {}

  /** A parameter as the file sets it (its own section or DEFAULT), for the not-readable list. */
  public record Param(Integer vf, String name, String value) {}

  /**
   * What the file asks for.
   *
   * @param passthrough each VF's effective {@code passthrough} (its own, DEFAULT's, or false)
   * @param unreadable every other parameter the file sets, which FreeBSD cannot report
   */
  public record Wanted(
      String device, String file, int numVfs, List<Boolean> passthrough, List<Param> unreadable) {
    public Wanted {
      passthrough = List.copyOf(passthrough);
      unreadable = List.copyOf(unreadable);
    }
  }

  /**
   * What an accepted configuration asks for: each VF's effective passthrough (its own, DEFAULT's,
   * else the schema's default) and every other parameter it sets (PF parameters but the device and
   * num_vfs; each VF's own and DEFAULT's).
   */
  public static Wanted wanted(String fileName, CheckedConfig cfg, Schema schema) {
    EffectiveValues ev = EffectiveValues.of(cfg);
    Schema.Param pt = schema == null ? null : schema.find(Schema.Device.VF, "passthrough");
    List<Boolean> passthrough = new ArrayList<>();
    List<Param> unreadable = new ArrayList<>();
    if (cfg.pf() != null) {
      for (List<ConfigParam> ps : List.of(cfg.pf().iov(), cfg.pf().driver())) {
        for (ConfigParam p : ps) {
          String n = p.name();
          if (n.equalsIgnoreCase("device") || n.equalsIgnoreCase("num_vfs")) continue;
          unreadable.add(new Param(null, n, display(p.value())));
        }
      }
    }
    for (int i = 0; i < cfg.numVfs(); i++) {
      EffectiveValues.Value v = ev.of(i, "passthrough", pt);
      passthrough.add(v != null && v.value() instanceof TypedValue.Bool b && b.value());
      for (EffectiveValues.Value w : ev.all(i, null)) {
        if (w.name().equalsIgnoreCase("passthrough")) continue;
        unreadable.add(new Param(i, w.name(), display(w.value())));
      }
    }
    return new Wanted(cfg.device(), fileName, cfg.numVfs(), passthrough, unreadable);
  }

  private static String display(TypedValue v) {
    return v == null ? "?" : v.display();
  }

  /**
   * After EBUSY from a second IOV_CONFIG: the PF's VFs and their users read with the same read-only
   * tools as {@code iovc status} ({@link FreeBsdStatus}, honouring {@code IOVC_TOOLS_DIR}), worded
   * by {@link #busy(SriovStatus.Pf, String)}; null when they cannot be read or the PF shows no VFs
   * (the kernel's answer, already explained, stands alone then).
   */
  public static String busy(String device, String file) {
    try {
      List<SriovStatus.Pf> pfs =
          FreeBsdStatus.read(FreeBsdStatus.Commands.system(), List.of(device));
      if (pfs.isEmpty() || pfs.get(0).numVfs() == 0) return null;
      return busy(pfs.get(0), file);
    } catch (FreeBsdStatus.StatusException e) {
      return null;
    }
  }

  /** A readable fact that differs: {@code vf} null for the PF. */
  public record Difference(Integer vf, String parameter, String file, String live) {}

  /** One step, as the shell command that does the same and why. */
  public record Step(Integer vf, String parameter, String command, String comment) {}

  /**
   * The comparison.
   *
   * @param differences the readable facts that differ (drift)
   * @param changes whether an apply would change anything iovc can see (with {@code replace},
   *     always)
   * @param steps iovctl's steps, in order; empty without changes
   * @param warnings VFs the steps would take from their users
   * @param notes what could not be told, and how to re-send what cannot be read
   * @param notReadable the file's parameters FreeBSD cannot report: not compared, never drift
   */
  public record Result(
      SriovStatus.Pf live,
      List<Difference> differences,
      List<Param> notReadable,
      boolean changes,
      List<Step> steps,
      List<String> warnings,
      List<String> notes) {
    public boolean inSync() {
      return differences.isEmpty();
    }
  }

  /**
   * Compares {@code wanted} with the PF {@code live} as {@link FreeBsdStatus} read it.
   *
   * @param replace plan as {@code compile --apply --replace} (delete and recreate in any case)
   */
  public static Result compare(SriovStatus.Pf live, Wanted wanted, boolean replace) {
    List<Difference> diffs = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    String d = live.device();
    if (live.numVfs() != wanted.numVfs())
      diffs.add(
          new Difference(
              null, "num_vfs", Integer.toString(wanted.numVfs()), Integer.toString(live.numVfs())));
    int both = Math.min(live.numVfs(), wanted.numVfs());
    for (int i = 0; i < both && i < live.vfs().size(); i++) {
      SriovStatus.Vf v = live.vfs().get(i);
      boolean want = i < wanted.passthrough().size() && wanted.passthrough().get(i);
      if (v.driver() == null) {
        notes.add(
            "VF-"
                + i
                + " ("
                + v.pci()
                + ") has no driver attached (`pciconf -l` lists it as none), so whether it is reserved for passthrough cannot be told");
        continue;
      }
      boolean ppt = v.driver().equals("ppt");
      if (ppt != want)
        diffs.add(new Difference(i, "passthrough", Boolean.toString(want), Boolean.toString(ppt)));
    }
    boolean changes = replace ? live.numVfs() > 0 || wanted.numVfs() > 0 : !diffs.isEmpty();
    List<Step> steps = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    if (changes) {
      if (live.numVfs() > 0) {
        StringBuilder which = new StringBuilder();
        for (SriovStatus.Vf v : live.vfs()) {
          which.append(which.length() == 0 ? "" : ", ").append("VF-").append(v.index());
          which.append(" (").append(describe(v)).append(')');
          if (v.consumer() != null && v.consumer().kind() != SriovStatus.Kind.HOST)
            warnings.add(
                "VF-"
                    + v.index()
                    + " is used by "
                    + v.consumer().display()
                    + "; the apply deletes it (iovc status "
                    + d
                    + ")");
        }
        steps.add(
            new Step(
                null,
                "num_vfs",
                "iovctl -D -d " + d,
                "IOV_DELETE on /dev/iov/" + d + ": destroys " + which));
        if (!replace)
          notes.add(
              "FreeBSD configures VFs only when it creates them: IOV_CONFIG answers EBUSY while "
                  + d
                  + " has VFs, so `iovc compile --apply` is refused; `iovc compile --apply --replace` runs both steps, or `iovc delete -d "
                  + d
                  + "` runs the first");
      }
      if (wanted.numVfs() > 0)
        steps.add(
            new Step(
                null,
                "num_vfs",
                "iovctl -C -f " + wanted.file(),
                "IOV_CONFIG on /dev/iov/"
                    + d
                    + ": creates "
                    + wanted.numVfs()
                    + " VF"
                    + (wanted.numVfs() == 1 ? "" : "s")
                    + " with every parameter of the file"));
    } else if (live.numVfs() > 0) {
      notes.add(
          "FreeBSD cannot report the other VF parameters; to send them again: `iovc compile --apply --replace "
              + wanted.file()
              + "` (IOV_DELETE, then IOV_CONFIG)");
    }
    return new Result(live, diffs, wanted.unreadable(), changes, steps, warnings, notes);
  }

  /** {@code iavf0 at pci0:1:0:16}, {@code ppt at pci0:1:0:17}: its interface, else its driver. */
  static String describe(SriovStatus.Vf v) {
    String unit = v.netdev() != null ? v.netdev() : v.driver() != null ? v.driver() : "no driver";
    return unit + " at " + v.pci();
  }

  /**
   * Why a second {@code IOV_CONFIG} failed with EBUSY, for people: the PF's VFs as pciconf lists
   * them with their users, and the way out ({@code iovc delete}, or {@code --replace}).
   */
  public static String busy(SriovStatus.Pf pf, String file) {
    StringBuilder sb = new StringBuilder(pf.device()).append(" has ");
    sb.append(pf.numVfs()).append(pf.numVfs() == 1 ? " VF" : " VFs").append(" (`pciconf -lc`)");
    String sep = ": ";
    for (SriovStatus.Vf v : pf.vfs()) {
      sb.append(sep).append("VF-").append(v.index()).append(" (").append(describe(v)).append(')');
      if (v.consumer() != null && v.consumer().kind() != SriovStatus.Kind.HOST)
        sb.append(" used by ").append(v.consumer().display());
      sep = ", ";
    }
    return sb.append("; FreeBSD configures VFs only when it creates them: `iovc delete -d ")
        .append(pf.device())
        .append(
            "` (refused while a VF is in use, unless --force) and apply again, or `iovc compile --apply --replace ")
        .append(file)
        .append("`; `iovc diff ")
        .append(file)
        .append("` shows whether the VF count and passthrough already match")
        .toString();
  }
}
