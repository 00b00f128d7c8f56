package io.iovc.kernel.linux;

import io.iovc.kernel.linux.LiveState.Pf;
import io.iovc.kernel.linux.LiveState.PfException;
import io.iovc.kernel.linux.LiveState.Snapshot;
import io.iovc.kernel.linux.Plan.Action;
import io.iovc.kernel.linux.Plan.Difference;
import io.iovc.kernel.linux.Plan.Step;
import io.iovc.kernel.linux.Sysfs.SysfsException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a plan, reads the result back, and on any failure after the first change restores the
 * snapshot taken before it: the VF count (and with it the VFs), the PF's eswitch mode (when the
 * snapshot has it), each VF's netlink attributes, drivers and overrides, and {@code
 * sriov_drivers_autoprobe}. Every step that ran and every step of the rollback is reported.
 */
final class Applier {
  private final LinuxHost host;
  private final PrintStream progress;

  Applier(LinuxHost host, PrintStream progress) {
    this.host = host;
    this.progress = progress;
  }

  /**
   * How it went.
   *
   * @param ok the plan ran and the read-back matches the target
   * @param executed how many steps ran
   * @param failure what failed (names the VF and the parameter), or null
   * @param permission the failure was a permission problem
   * @param rollback the rollback's steps and problems, in order (empty when nothing was rolled
   *     back)
   * @param restored the rollback left the PF exactly as the snapshot saw it
   */
  record Outcome(
      boolean ok,
      int executed,
      String failure,
      boolean permission,
      List<String> rollback,
      boolean restored) {}

  /** A step failed: the message names the VF and the parameter. */
  static final class StepFailure extends Exception {
    private static final long serialVersionUID = 1L;
    final boolean permission;

    StepFailure(String message, boolean permission) {
      super(message);
      this.permission = permission;
    }
  }

  Outcome apply(Plan plan, Target target, Snapshot before) {
    return apply(plan, target, before, null);
  }

  /**
   * Runs the plan; with a journal, records each step before it runs and the rollback before it
   * starts, so a process that dies leaves the step it reached.
   */
  Outcome apply(Plan plan, Target target, Snapshot before, Journal journal) {
    int executed = 0;
    boolean attempted = false;
    LinuxHost.Injection inj = host.injection();
    List<Step> steps = plan.steps();
    try {
      int firstOfInjectedVf = -1;
      if (inj.vf() >= 0) {
        List<Integer> of = plan.stepsOfVf(inj.vf());
        firstOfInjectedVf = of.isEmpty() ? -1 : of.get(0);
      }
      for (int i = 0; i < steps.size(); i++) {
        Step s = steps.get(i);
        int end = batchEnd(steps, i, inj, firstOfInjectedVf);
        if (end - i > 1) {
          // steps i+1..end are netlink requests on one PF netdev: one `ip -batch -`. The journal
          // records the batch's last step before it starts: any of them may have run when the
          // process dies, and the next apply plans from what the kernel shows either way.
          if (journal != null) journal(journal, end);
          attempted = true;
          try {
            runBatch(steps.subList(i, end), i);
          } finally {
            executed += batchDone;
          }
          i = end - 1;
          continue;
        }
        if (inj.step() == i + 1 || firstOfInjectedVf == i) {
          throw new StepFailure(
              s.subject()
                  + ": injected failure before step "
                  + (i + 1)
                  + " `"
                  + s.display()
                  + "` (IOVC_INJECT_FAILURE="
                  + inj.describe()
                  + ")",
              false);
        }
        if (journal != null) journal(journal, i + 1);
        if (inj.kill() == i + 1) {
          if (progress != null) progress.flush();
          Runtime.getRuntime().halt(137); // as SIGKILL: no finally, no hooks (IOVC_INJECT_FAILURE)
        }
        if (progress != null) progress.printf("%4d  %s%n", i + 1, s.display());
        attempted =
            true; // a refused write may still have changed something (a driver that made fewer VFs)
        run(host, s);
        executed++;
      }
      if (journal != null) {
        try {
          journal.verifying();
        } catch (IOException e) {
          throw new StepFailure(
              "cannot record the read-back in the journal: " + e.getMessage(), false);
        }
      }
      if (inj.kill() > steps.size()) {
        if (progress != null) progress.flush();
        Runtime.getRuntime().halt(137); // IOVC_INJECT_FAILURE=kill:verify: every step ran
      }
      if (inj.verify())
        throw new StepFailure(
            "read-back: injected failure after " + executed + " steps (IOVC_INJECT_FAILURE=verify)",
            false);
      List<String> mismatches = verify(target, plan.pf());
      if (!mismatches.isEmpty()) {
        throw new StepFailure(
            "read-back differs from the file after every step succeeded: "
                + String.join("; ", mismatches),
            false);
      }
      return new Outcome(true, executed, null, false, List.of(), true);
    } catch (StepFailure f) {
      if (!attempted) return new Outcome(false, 0, f.getMessage(), f.permission, List.of(), true);
      List<String> report = new ArrayList<>();
      if (journal != null) {
        try {
          journal.rollingBack();
        } catch (IOException e) {
          report.add("could not record the rollback in the journal: " + e.getMessage());
        }
      }
      boolean restored =
          rollback(before, target.eswitch() != null && target.eswitch().withoutVfs(), report);
      return new Outcome(false, executed, f.getMessage(), f.permission, report, restored);
    }
  }

  /**
   * The end (exclusive) of the run of netlink steps on one PF netdev that starts at {@code i}; at
   * most {@code i + 1} when step {@code i} is not one or an injected failure or kill falls there (a
   * step an injection names runs on its own, so the failure and the journal hit exactly it).
   */
  private static int batchEnd(
      List<Step> steps, int i, LinuxHost.Injection inj, int firstOfInjectedVf) {
    if (!(steps.get(i).action() instanceof Action.SetVf first)
        || injected(i, inj, firstOfInjectedVf)) return i + 1;
    int end = i + 1;
    while (end < steps.size()
        && steps.get(end).action() instanceof Action.SetVf v
        && v.netdev().equals(first.netdev())
        && !injected(end, inj, firstOfInjectedVf)) end++;
    return end;
  }

  private static boolean injected(int i, LinuxHost.Injection inj, int firstOfInjectedVf) {
    return inj.step() == i + 1 || inj.kill() == i + 1 || firstOfInjectedVf == i;
  }

  /** How many steps of the last batch were done (all, or those before the refused one). */
  private int batchDone;

  /**
   * Netlink steps on one PF through one request batch; prints each step that ran (and the refused
   * one) as single steps are printed. A refused request is mapped back to its step, so the failure
   * names the VF and the parameter as a single step's would.
   */
  private void runBatch(List<Step> batch, int firstIndex) throws StepFailure {
    batchDone = 0;
    String netdev = ((Action.SetVf) batch.get(0).action()).netdev();
    List<Netlink.VfRequest> requests = new ArrayList<>();
    for (Step s : batch) {
      Action.SetVf v = (Action.SetVf) s.action();
      requests.add(new Netlink.VfRequest(v.vf(), v.args()));
    }
    try {
      host.netlink().setAll(netdev, requests);
    } catch (Netlink.BatchFailure f) {
      int failed = Math.min(Math.max(f.failed(), 0), batch.size() - 1);
      if (progress != null)
        for (int k = 0; k <= failed; k++)
          progress.printf("%4d  %s%n", firstIndex + k + 1, batch.get(k).display());
      batchDone = failed;
      Step s = batch.get(failed);
      String m = f.getMessage() == null ? "refused" : f.getMessage();
      throw new StepFailure(
          s.subject() + ": `" + s.display() + "` failed: " + m,
          m.contains("Operation not permitted"));
    }
    if (progress != null)
      for (int k = 0; k < batch.size(); k++)
        progress.printf("%4d  %s%n", firstIndex + k + 1, batch.get(k).display());
    batchDone = batch.size();
  }

  /** Records step {@code n}; an apply does not go on unrecorded. */
  private static void journal(Journal j, int n) throws StepFailure {
    try {
      j.reached(n);
    } catch (IOException e) {
      throw new StepFailure(
          "cannot record step " + n + " in the journal: " + e.getMessage(), false);
    }
  }

  /** What still differs from the target, read from the kernel. */
  List<String> verify(Target target, Pf pf) throws StepFailure {
    Snapshot after;
    try {
      after = read(pf, target.eswitch() != null);
    } catch (PfException | SysfsException | IOException e) {
      throw new StepFailure("read-back: " + e.getMessage(), false);
    }
    Plan rest =
        Planner.plan(
            new Target(target.numVfs(), target.vfs(), false, target.autoprobe(), target.eswitch()),
            after);
    List<String> out = new ArrayList<>();
    for (Difference d : rest.differences()) out.add(d.render());
    if (out.isEmpty()) {
      for (Step s : rest.steps()) out.add(s.subject() + " still needs `" + s.display() + "`");
    }
    return out;
  }

  /** The PF as the kernel shows it now; with {@code eswitch}, its eswitch mode too (devlink). */
  private Snapshot read(Pf pf, boolean eswitch) throws PfException, SysfsException, IOException {
    Snapshot s =
        LiveState.snapshot(host.sysfs(), host.netlink(), LiveState.refresh(host.sysfs(), pf));
    return eswitch ? LiveState.withEswitch(s, host.devlink()) : s;
  }

  /** Performs one step; a refusal names the VF and the parameter. */
  static void run(LinuxHost host, Step s) throws StepFailure {
    try {
      if (s.action() instanceof Action.Write w) {
        host.sysfs().write(w.path(), w.value());
        if (w.path().endsWith("/sriov_numvfs")) {
          Integer now = host.sysfs().readInt(w.path());
          if (now == null || now != Integer.parseInt(w.value())) {
            throw new StepFailure(
                s.subject() + ": wrote " + w.value() + " to " + w.path() + " but it reads " + now,
                false);
          }
        }
      } else if (s.action() instanceof Action.VfFile f) {
        String bdf = host.sysfs().linkName(f.pfDir() + "/virtfn" + f.vf());
        if (bdf == null)
          throw new StepFailure(
              s.subject()
                  + ": VF-"
                  + f.vf()
                  + " has no PCI function ("
                  + f.pfDir()
                  + "/virtfn"
                  + f.vf()
                  + " is missing)",
              false);
        String dev = "/sys/bus/pci/devices/" + bdf;
        if (f.file() != null) {
          host.sysfs().write(dev + "/" + f.file(), f.value());
        } else {
          if (f.busFile().endsWith("/unbind")) {
            String drv =
                f.busFile()
                    .substring(
                        "/sys/bus/pci/drivers/".length(),
                        f.busFile().length() - "/unbind".length());
            if (!drv.equals(host.sysfs().linkName(dev + "/driver")))
              return; // already gone (e.g. its probe failed)
          }
          host.sysfs().write(f.busFile(), bdf);
        }
      } else if (s.action() instanceof Action.SetVf v) {
        host.netlink().set(v.netdev(), v.vf(), v.args());
      } else if (s.action() instanceof Action.SetEswitch e) {
        String now;
        try {
          now = host.devlink().eswitchMode(e.handle());
        } catch (IOException unreadable) {
          now = null; // the set says why, if it fails too
        }
        if (!e.mode().equals(now)) host.devlink().setEswitchMode(e.handle(), e.mode());
      }
    } catch (SysfsException e) {
      throw new StepFailure(
          s.subject() + ": `" + s.display() + "` failed: " + e.errno(), e.permissionDenied());
    } catch (IOException e) {
      String m = e.getMessage() == null ? e.toString() : e.getMessage();
      throw new StepFailure(
          s.subject() + ": `" + s.display() + "` failed: " + m,
          m.contains("Operation not permitted"));
    }
  }

  /**
   * Puts the PF back as {@code before} saw it. First the VF count (autoprobe off, 0, then the old
   * count), then whatever still differs, planned against a fresh read: netlink attributes, drivers,
   * autoprobe. Continues past errors; returns whether the final read-back matches.
   */
  boolean rollback(Snapshot before, List<String> report) {
    return rollback(before, false, report);
  }

  /**
   * As {@link #rollback(Snapshot, List)}; the eswitch mode the snapshot has is restored too ({@code
   * eswitchWithoutVfs}: the driver's ordering quirk, from the apply's target).
   */
  boolean rollback(Snapshot before, boolean eswitchWithoutVfs, List<String> report) {
    Target target = Target.of(before, eswitchWithoutVfs);
    Pf pf = before.pf();
    boolean esw = before.eswitchMode() != null;
    try {
      Snapshot now = read(pf, esw);
      if (now.numVfs() != before.numVfs()) {
        List<Step> count = new ArrayList<>();
        Pf p = now.pf();
        if (p.bus() == LiveState.Bus.PCI && Boolean.TRUE.equals(p.autoprobe())) {
          count.add(
              new Step(
                  new Action.Write(p.autoprobePath(), "0"),
                  "echo 0 > " + p.autoprobePath(),
                  "",
                  null,
                  "num_vfs"));
        }
        if (now.numVfs() > 0)
          count.add(
              new Step(
                  new Action.Write(p.numVfsPath(), "0"),
                  "echo 0 > " + p.numVfsPath(),
                  "",
                  null,
                  "num_vfs"));
        if (before.numVfs() > 0) {
          count.add(
              new Step(
                  new Action.Write(p.numVfsPath(), Integer.toString(before.numVfs())),
                  "echo " + before.numVfs() + " > " + p.numVfsPath(),
                  "",
                  null,
                  "num_vfs"));
        }
        runAll(count, report);
        now = read(pf, esw);
      }
      runAll(Planner.plan(target, now).steps(), report);
      Snapshot after = read(pf, esw);
      Plan rest = Planner.plan(target, after);
      if (rest.isEmpty()) return true;
      for (Difference d : rest.differences()) report.add("still different: " + d.render());
      for (Step s : rest.steps())
        report.add("not restored: " + s.subject() + " (`" + s.display() + "`)");
      return false;
    } catch (PfException | SysfsException | IOException e) {
      report.add("rollback stopped: " + e.getMessage());
      return false;
    }
  }

  private void runAll(List<Step> steps, List<String> report) {
    for (Step s : steps) {
      try {
        run(host, s);
        report.add("restored: " + s.display());
      } catch (StepFailure f) {
        report.add("could not restore: " + f.getMessage());
      }
    }
  }
}
