package io.iovc.kernel.linux;

import io.iovc.kernel.DeviceResult;
import io.iovc.kernel.Outcome;
import io.iovc.kernel.linux.LiveState.Pf;
import io.iovc.kernel.linux.LiveState.PfException;
import io.iovc.kernel.linux.LiveState.Snapshot;
import io.iovc.kernel.linux.Sysfs.SysfsException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A PF on Linux brought to a {@link Target} through sysfs and rtnetlink (spec/linux-sriov.md §7),
 * under its lock ({@code /run/iovc}): snapshot → VF count → per-VF settings, one per request → read
 * back → drivers → autoprobe restored; any failure after the first change restores the snapshot.
 * Re-applying a reached target changes nothing. The target comes from the apply layer (which reads
 * the file); this class knows no files, schemas or diagnostics and answers with a {@link
 * DeviceResult}.
 */
public final class LinuxBackend {
  private final LinuxHost fixedHost;

  public LinuxBackend() {
    this(null);
  }

  public LinuxBackend(LinuxHost host) {
    this.fixedHost = host;
  }

  /** The host: the one given, else the running system's. */
  public LinuxHost host() {
    return fixedHost != null ? fixedHost : LinuxHost.current();
  }

  // ------------------------------------------------------------------ apply

  /**
   * Brings {@code pf} to {@code target} (or, with {@code rollbackInterrupted}, back to the state an
   * interrupted apply recorded before its first step).
   *
   * @param fileName the file the target comes from, for the journal and progress lines
   * @param out progress for the user, or null
   */
  @SuppressWarnings("try") // the lock is held for the body, never referenced
  public DeviceResult apply(
      Pf pf, Target target, String fileName, boolean rollbackInterrupted, PrintStream out) {
    LinuxHost h = host();
    List<String> messages = new ArrayList<>();
    String name = deviceName(pf);
    try (PfLock lock = PfLock.acquire(h.lockDir(), pf.lockName(), h.lockWait(), out)) {
      // Under the lock a journal is always a dead apply's: its process let go of the lock.
      Journal.Entry interrupted;
      try {
        interrupted = Journal.read(h.journalDir(), pf);
      } catch (IOException e) {
        messages.add(e.getMessage());
        return new DeviceResult(Outcome.UNAVAILABLE, messages).on(name);
      }
      if (interrupted != null) {
        String said = pf.label() + ": " + interrupted.describe();
        if (out != null) out.println(said);
        messages.add(said);
      }
      if (rollbackInterrupted)
        return restoreInterrupted(h, out, pf, interrupted, messages).on(name);
      // the state may have changed while we waited: plan again under the lock
      Snapshot before;
      try {
        before = LiveState.snapshot(h.sysfs(), h.netlink(), LiveState.refresh(h.sysfs(), pf));
      } catch (PfException | SysfsException | IOException e) {
        messages.add("cannot read the state of " + pf.label() + ": " + e.getMessage());
        return new DeviceResult(Outcome.UNAVAILABLE, messages).on(name);
      }
      if (target.eswitch() != null) {
        // the mode to restore on failure, and whether it differs
        try {
          before = LiveState.withEswitch(before, h.devlink());
        } catch (IOException e) {
          messages.add(
              "cannot read the eswitch mode of "
                  + pf.label()
                  + " (devlink dev eswitch show "
                  + pf.devlinkHandle()
                  + "): "
                  + e.getMessage()
                  + "; nothing applied");
          return new DeviceResult(Outcome.UNAVAILABLE, messages).on(name);
        }
      }
      Plan plan = Planner.plan(target, before);
      if (plan.isEmpty()) {
        if (interrupted != null) {
          Journal.delete(h.journalDir(), pf);
          messages.add("the interrupted apply is settled: " + pf.label() + " matches the file");
        }
        if (out != null)
          out.println(
              "no changes: "
                  + pf.label()
                  + " already matches "
                  + fileName
                  + " ("
                  + Planner.plural(target.numVfs(), "VF")
                  + ")");
        // the plan is computed from what was just read: the PF is verified as it is
        return new DeviceResult(Outcome.OK, messages).with(name, false, true, false);
      }
      if (out != null)
        out.println(
            pf.label()
                + ": applying "
                + Planner.plural(plan.steps().size(), "change")
                + " from "
                + fileName);
      // The journal keeps the oldest state: converging after an interrupted apply still lets
      // --rollback-interrupted go back to where the first one started.
      Journal journal;
      try {
        journal =
            Journal.begin(
                h.journalDir(),
                pf,
                fileName,
                plan.steps().size(),
                interrupted != null ? interrupted.before() : before,
                bootId(h),
                java.time.Instant.now());
      } catch (IOException e) {
        messages.add(
            "cannot write the apply journal in "
                + h.journalDir()
                + ": "
                + e.getMessage()
                + "; nothing applied");
        return new DeviceResult(
                e instanceof java.nio.file.AccessDeniedException
                    ? Outcome.NO_PERMISSION
                    : Outcome.CANT_CREATE,
                messages)
            .on(name);
      }
      Applier.Outcome o = new Applier(h, out).apply(plan, target, before, journal);
      try {
        // finished, and said how (a failed rollback is reported below, with what differs)
        journal.finish();
      } catch (IOException e) {
        messages.add("cannot delete the apply journal: " + e.getMessage());
      }
      if (o.ok()) {
        if (out != null)
          out.println(
              "verified: "
                  + pf.label()
                  + " matches "
                  + fileName
                  + " ("
                  + Planner.plural(target.numVfs(), "VF")
                  + ")");
        if (out != null) for (String n : plan.notes()) out.println("note: " + n);
        return new DeviceResult(Outcome.OK, messages).with(name, true, true, false);
      }
      return failed("apply", o, pf, messages);
    } catch (PfLock.BusyException e) {
      messages.add(e.getMessage());
      return new DeviceResult(Outcome.BUSY, messages).on(name);
    } catch (IOException e) {
      messages.add("cannot take the lock in " + h.lockDir() + ": " + e.getMessage());
      return new DeviceResult(
              e instanceof java.nio.file.AccessDeniedException
                  ? Outcome.NO_PERMISSION
                  : Outcome.OS_ERROR,
              messages)
          .on(name);
    }
  }

  /** {@code --rollback-interrupted}: restore the journal's snapshot instead of the file. */
  private DeviceResult restoreInterrupted(
      LinuxHost h, PrintStream out, Pf pf, Journal.Entry interrupted, List<String> messages) {
    if (interrupted == null) {
      messages.add(
          "no interrupted apply on " + pf.label() + ": nothing to roll back, nothing applied");
      return new DeviceResult(Outcome.OK, messages);
    }
    List<String> report = new ArrayList<>();
    boolean restored = new Applier(h, out).rollback(interrupted.before(), report);
    for (String line : report) messages.add("  " + line);
    if (!restored) {
      messages.add(
          "ROLLBACK INCOMPLETE: "
              + pf.label()
              + " differs from its state before "
              + interrupted.what()
              + "; the journal stays in "
              + Journal.path(h.journalDir(), pf));
      return new DeviceResult(Outcome.OS_ERROR, messages);
    }
    try {
      Journal.delete(h.journalDir(), pf);
    } catch (IOException e) {
      messages.add("cannot delete the apply journal: " + e.getMessage());
    }
    messages.add(
        "rolled back: "
            + pf.label()
            + " is as it was before the interrupted "
            + interrupted.what().substring(interrupted.what().indexOf(' ') + 1));
    return new DeviceResult(Outcome.OK, messages);
  }

  /** The kernel's boot id: a journal from another boot is never a running apply. */
  public static String bootId(LinuxHost h) {
    try {
      String b = h.sysfs().read("/proc/sys/kernel/random/boot_id");
      return b == null ? null : b.strip();
    } catch (SysfsException e) {
      return null;
    }
  }

  /**
   * What a PF's journal says to a command that does not apply (plan, diff, status), or null: an
   * interrupted apply or delete, or one still running.
   */
  public static String journalNotice(LinuxHost h, Pf pf) {
    Journal.Entry e;
    try {
      e = Journal.read(h.journalDir(), pf);
    } catch (IOException x) {
      return x.getMessage();
    }
    if (e == null) return null;
    if (e.stillRunning(bootId(h)))
      return e.what()
          + " is running (pid "
          + e.pid()
          + ", step "
          + e.reached()
          + " of "
          + e.steps()
          + ")";
    return e.describe()
        + (e.delete() ? "; `iovc delete " + e.file() + "` finishes it," : ";")
        + " `iovc compile --apply FILE` converges, `--rollback-interrupted` restores the state"
        + " before it";
  }

  /** The PF as its users name it: its interface, else its PCI address or netdevsim id. */
  public static String deviceName(Pf pf) {
    return pf.netdev() != null ? pf.netdev() : pf.id();
  }

  /** A failed run of a plan: what failed, the rollback, and what the PF is left with. */
  private static DeviceResult failed(String what, Applier.Outcome o, Pf pf, List<String> messages) {
    messages.add(what + " failed: " + o.failure());
    boolean attempted = !(o.rollback().isEmpty() && o.restored());
    if (!attempted) {
      messages.add("nothing was changed");
    } else {
      messages.add(
          (o.restored()
                  ? "rolled back: " + pf.label() + " is as it was before the apply"
                  : "ROLLBACK INCOMPLETE: "
                      + pf.label()
                      + " differs from its state before the apply")
              + " ("
              + Planner.plural(o.executed(), "step")
              + " had run)");
      for (String line : o.rollback()) messages.add("  " + line);
    }
    if (o.permission())
      messages.add(
          "run iovc as root (writing sysfs and setting VF attributes needs CAP_NET_ADMIN and CAP_SYS_ADMIN)");
    return new DeviceResult(o.permission() ? Outcome.NO_PERMISSION : Outcome.OS_ERROR, messages)
        .with(
            deviceName(pf),
            attempted && !o.restored(),
            attempted ? Boolean.FALSE : null,
            attempted && o.restored());
  }

  // ------------------------------------------------------------------ delete

  /**
   * {@code iovc delete} on Linux: {@code sriov_numvfs} 0 under the PF's lock, read back, and on a
   * failure the snapshot taken before restored (the VF count and each VF's settings, drivers and
   * overrides), as {@link #apply} does; with a {@link Journal} as apply's, so a delete killed
   * halfway is reported by the next iovc and {@code --rollback-interrupted} restores the VFs.
   * Whether a VF is in use is the caller's question (it asks {@link LinuxStatus}); this removes
   * them.
   *
   * @param ifExists a PF without VFs is success (as on FreeBSD, where IOV_DELETE answers ECHILD)
   */
  @SuppressWarnings("try") // the lock is held for the body, never referenced
  public DeviceResult delete(String device, boolean ifExists, PrintStream out) {
    LinuxHost h = host();
    List<String> messages = new ArrayList<>();
    Pf pf;
    try {
      pf = LiveState.findPf(h.sysfs(), device);
    } catch (PfException e) {
      messages.add(e.getMessage());
      return new DeviceResult(Outcome.UNAVAILABLE, messages).on(device);
    }
    String name = deviceName(pf);
    if (pf.numVfs() == null) {
      messages.add(pf.label() + " cannot have VFs: it has no sriov_numvfs");
      return new DeviceResult(Outcome.UNAVAILABLE, messages).on(name);
    }
    try (PfLock lock = PfLock.acquire(h.lockDir(), pf.lockName(), h.lockWait(), out)) {
      // Under the lock a journal is always a dead apply's or delete's
      Journal.Entry interrupted;
      try {
        interrupted = Journal.read(h.journalDir(), pf);
      } catch (IOException e) {
        messages.add(e.getMessage());
        return new DeviceResult(Outcome.UNAVAILABLE, messages).on(name);
      }
      if (interrupted != null) {
        String said = pf.label() + ": " + interrupted.describe();
        if (out != null) out.println(said);
        messages.add(said);
      }
      Snapshot before;
      try {
        before = LiveState.snapshot(h.sysfs(), h.netlink(), LiveState.refresh(h.sysfs(), pf));
      } catch (PfException | SysfsException | IOException e) {
        messages.add("cannot read the state of " + pf.label() + ": " + e.getMessage());
        return new DeviceResult(Outcome.UNAVAILABLE, messages).on(name);
      }
      if (before.numVfs() == 0) {
        if (interrupted != null) {
          // what the interrupted run left is what a delete asks for
          Journal.delete(h.journalDir(), pf);
          messages.add(
              "the interrupted "
                  + (interrupted.delete() ? "delete" : "apply")
                  + " is settled: "
                  + pf.label()
                  + " has no VFs");
          return new DeviceResult(Outcome.OK, messages).with(name, false, true, false);
        }
        messages.add(
            pf.label()
                + " has no VFs; nothing to delete"
                + (ifExists ? "" : " (--if-exists makes this a success)"));
        // just read: the PF has no VFs, which is what a delete asks for
        return new DeviceResult(ifExists ? Outcome.OK : Outcome.OS_ERROR, messages)
            .with(name, false, true, false);
      }
      Pf live = before.pf();
      Plan plan =
          new Plan(
              live,
              List.of(
                  new Plan.Step(
                      new Plan.Action.Write(live.numVfsPath(), "0"),
                      "echo 0 > " + live.numVfsPath(),
                      "remove the " + Planner.plural(before.numVfs(), "VF"),
                      null,
                      "num_vfs")),
              List.of(new Plan.Difference(null, "num_vfs", "0", Integer.toString(before.numVfs()))),
              List.of());
      Target none = new Target(0, List.of(), false, null);
      if (out != null)
        out.println(pf.label() + ": deleting " + Planner.plural(before.numVfs(), "VF"));
      // as apply's: the oldest snapshot stays, so --rollback-interrupted can still go back to it
      Journal journal;
      try {
        journal =
            Journal.begin(
                h.journalDir(),
                pf,
                true,
                device,
                plan.steps().size(),
                interrupted != null ? interrupted.before() : before,
                bootId(h),
                java.time.Instant.now());
      } catch (IOException e) {
        messages.add(
            "cannot write the journal in "
                + h.journalDir()
                + ": "
                + e.getMessage()
                + "; nothing deleted");
        return new DeviceResult(
                e instanceof java.nio.file.AccessDeniedException
                    ? Outcome.NO_PERMISSION
                    : Outcome.CANT_CREATE,
                messages)
            .on(name);
      }
      Applier.Outcome o = new Applier(h, out).apply(plan, none, before, journal);
      try {
        journal.finish();
      } catch (IOException e) {
        messages.add("cannot delete the journal: " + e.getMessage());
      }
      if (o.ok()) {
        if (out != null)
          out.println(
              "verified: "
                  + pf.label()
                  + " has no VFs (deleted "
                  + Planner.plural(before.numVfs(), "VF")
                  + ")");
        return new DeviceResult(Outcome.OK, messages).with(name, true, true, false);
      }
      return failed("delete", o, pf, messages);
    } catch (PfLock.BusyException e) {
      messages.add(e.getMessage());
      return new DeviceResult(Outcome.BUSY, messages).on(name);
    } catch (IOException e) {
      messages.add("cannot take the lock in " + h.lockDir() + ": " + e.getMessage());
      return new DeviceResult(
              e instanceof java.nio.file.AccessDeniedException
                  ? Outcome.NO_PERMISSION
                  : Outcome.OS_ERROR,
              messages)
          .on(name);
    }
  }
}
