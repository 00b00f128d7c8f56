package io.iovc.kernel.linux;

import io.iovc.check.CheckedConfig;
import io.iovc.check.ConfigTree;
import io.iovc.diag.Codes;
import io.iovc.diag.Diagnostic;
import io.iovc.kernel.ApplyRequest;
import io.iovc.kernel.ApplyResult;
import io.iovc.kernel.Backend;
import io.iovc.kernel.linux.LiveState.Bus;
import io.iovc.kernel.linux.LiveState.Pf;
import io.iovc.kernel.linux.LiveState.PfException;
import io.iovc.kernel.linux.LiveState.Snapshot;
import io.iovc.kernel.linux.Sysfs.SysfsException;
import io.iovc.kernel.linux.Target.Binding;
import io.iovc.kernel.linux.Target.Source;
import io.iovc.kernel.linux.Target.VfTarget;
import io.iovc.pipeline.Analysis;
import io.iovc.pipeline.Pipeline;
import io.iovc.pipeline.SchemaChoice;
import io.iovc.pipeline.SchemaRequest;
import io.iovc.schema.Platform;
import io.iovc.schema.PluginRegistry;
import io.iovc.schema.Schema;
import io.iovc.source.SourceText;
import io.iovc.source.Span;
import io.iovc.syntax.SyntaxTree;
import io.iovc.syntax.UValue;
import io.iovc.syntax.Ucl;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Applies an iovctl.conf on Linux through sysfs and rtnetlink (spec/linux-sriov.md §7): snapshot →
 * checks against the live device → VF count → per-VF settings, one per request → read back →
 * drivers → autoprobe restored; any failure after the first change restores the snapshot.
 * Re-applying an applied file changes nothing. One apply at a time per PF ({@code /run/iovc}).
 *
 * <p>The same preparation serves {@code iovc plan} (the steps, nothing changed) and {@code iovc
 * diff} (live vs file).
 */
public final class LinuxBackend implements Backend {
  private final LinuxHost fixedHost;

  public LinuxBackend() {
    this(null);
  }

  public LinuxBackend(LinuxHost host) {
    this.fixedHost = host;
  }

  private LinuxHost host() {
    return fixedHost != null ? fixedHost : LinuxHost.current();
  }

  @Override
  public String name() {
    return "linux";
  }

  /**
   * A file prepared against the live PF.
   *
   * @param status 0 when {@link #plan} is usable; else the exit status (1 file or device problem,
   *     69 live state unreadable)
   * @param problem a plain message when there is no diagnostic for it, or null
   * @param how which plugin and why, for headers
   */
  public record Prepared(
      String fileName,
      List<Diagnostic> diagnostics,
      Pf pf,
      Schema schema,
      String how,
      Target target,
      Snapshot live,
      Plan plan,
      int status,
      String problem) {
    public Prepared {
      diagnostics = List.copyOf(diagnostics);
    }

    public boolean ok() {
      return status == 0;
    }
  }

  // ------------------------------------------------------------------ preparation

  public Prepared prepare(
      Path path,
      SourceText source,
      PluginRegistry registry,
      Schema explicit,
      long maxSize,
      boolean replace) {
    LinuxHost h = host();
    String fileName = path == null ? source.name() : path.toString();
    // the PF named by PF.device, looked up at most once (the schema table may ask for its driver)
    Pf[] found = new Pf[1];
    String[] pfProblem = new String[1];
    boolean[] looked = new boolean[1];
    Function<String, Pf> lookup =
        dev -> {
          if (!looked[0]) {
            looked[0] = true;
            try {
              found[0] = LiveState.findPf(h.sysfs(), dev);
            } catch (PfException e) {
              pfProblem[0] = e.getMessage();
            }
          }
          return found[0];
        };
    // the schema: --schema/--driver, the modeline, the PF's Linux driver, PF.device, or generic
    SchemaRequest request =
        SchemaRequest.of(registry)
            .withExplicit(explicit)
            .withHost(
                dev -> {
                  Pf p = lookup.apply(dev);
                  return p == null ? null : new SchemaRequest.HostPf(p.driver());
                })
            .withGeneric()
            .withMaxSize(maxSize)
            .withPlatform(Platform.LINUX);
    Analysis a = Pipeline.analyze(source, Ucl.fileVariables(path), request);
    SyntaxTree tree = a.tree();
    String device = ConfigTree.findDevice(tree);
    Pf pf = device == null ? null : lookup.apply(device);
    List<Diagnostic> diags = new ArrayList<>();
    Schema schema = a.schema();
    if (a.schemaProblem() != null) {
      // a modeline naming no plugin
      diags.addAll(a.diagnostics());
      return new Prepared(fileName, diags, pf, null, a.why(), null, null, null, 1, null);
    }
    String how = how(a, pf);
    boolean forced =
        switch (a.chosenBy()) {
          case EXPLICIT, DRIVER_OPTION, MODELINE -> true;
          default -> false;
        };

    if (pf == null && device != null) {
      // nothing can be planned without the PF; still check the file when its schema is known
      diags.addAll(a.diagnostics());
      diags.add(
          Diagnostic.of(Codes.LINUX_NO_PF, deviceSpan(tree), "PF.device: " + pfProblem[0])
              .label("not a PF here")
              .help(
                  "on Linux, PF.device is the PF's interface name (see `ip link`) or its PCI address (e.g. 0000:05:00.0)")
              .build());
      return new Prepared(fileName, diags, null, schema, how, null, null, null, 1, null);
    }
    if (a.chosenBy() == SchemaChoice.Source.GENERIC && pf != null && a.hasErrors()) {
      diags.add(
          Diagnostic.of(
                  Codes.NO_SCHEMA,
                  deviceSpan(tree),
                  "no driver plugin knows the Linux driver of "
                      + pf.label()
                      + " ("
                      + (pf.driver() == null ? "none bound" : pf.driver())
                      + "), so the file is checked against the generic schema: num_vfs and passthrough only")
              .label(pf.driver() == null ? "no driver" : "driver " + pf.driver())
              .help(
                  "if the file is for another card, name its plugin: --driver NAME or a comment `# iovc: driver=NAME`; see `iovc drivers`")
              .build());
    }
    diags.addAll(a.diagnostics());
    if (a.hasErrors() || a.config() == null)
      return new Prepared(fileName, diags, pf, schema, how, null, null, null, 1, null);
    CheckedConfig config = a.config();
    Span deviceSpan = config.pf().param("device").member().value().span();
    Span numVfsSpan = config.pf().param("num_vfs").member().value().span();

    final Pf live0 = pf;
    Desired.Result want = Desired.from(config, schema, pf.driver(), replace);
    diags.addAll(want.diagnostics());
    Target target = want.target();
    if (forced
        && schema.plugin() != null
        && pf.driver() != null
        && schema.plugin().linuxDrivers().stream()
            .noneMatch(d -> d.equalsIgnoreCase(live0.driver()))) {
      diags.add(
          Diagnostic.of(
                  Codes.LINUX_DRIVER_MISMATCH,
                  deviceSpan,
                  pf.label()
                      + " is bound to the Linux driver "
                      + pf.driver()
                      + ", not to one the "
                      + schema.plugin().name()
                      + " plugin serves")
              .label("driver " + pf.driver())
              .note(
                  "the "
                      + schema.plugin().name()
                      + " plugin serves "
                      + (schema.plugin().linuxDrivers().isEmpty()
                          ? "no Linux driver"
                          : String.join(", ", schema.plugin().linuxDrivers())))
              .help(
                  "check that this file is meant for this PF, or drop --driver / the `iovc: driver=` comment")
              .build());
    }
    List<String> notes = new ArrayList<>();
    target = liveChecks(config, pf, target, h, diags, deviceSpan, numVfsSpan, notes);
    if (diags.stream().anyMatch(Diagnostic::isError))
      return new Prepared(fileName, diags, pf, schema, how, target, null, null, 1, null);

    Snapshot live;
    try {
      live = LiveState.snapshot(h.sysfs(), h.netlink(), pf);
    } catch (SysfsException | IOException e) {
      return new Prepared(
          fileName,
          diags,
          pf,
          schema,
          how,
          target,
          null,
          null,
          69,
          "cannot read the state of " + pf.label() + ": " + e.getMessage());
    }
    Plan plan = Planner.plan(target, live);
    String journal = journalNotice(h, pf);
    if (journal != null) notes.add(0, journal);
    if (!notes.isEmpty()) {
      List<String> all = new ArrayList<>(notes);
      all.addAll(plan.notes());
      plan = new Plan(plan.pf(), plan.steps(), plan.differences(), all);
    }
    return new Prepared(fileName, diags, pf, schema, how, target, live, plan, 0, null);
  }

  /**
   * Where PF.device's value is written (for messages before the file is checked), else the start.
   */
  static Span deviceSpan(SyntaxTree tree) {
    if (tree.root() instanceof UValue.UObject root) {
      for (UValue.UEntry e : root.entries()) {
        if (!(e instanceof UValue.UMember m) || !m.key().name().equalsIgnoreCase("PF")) continue;
        if (!(m.value() instanceof UValue.UObject pf)) break;
        for (UValue.UEntry pe : pf.entries()) {
          if (pe instanceof UValue.UMember d && d.key().name().equalsIgnoreCase("device"))
            return d.value().span();
        }
        break;
      }
    }
    return Span.at(0);
  }

  /** Which plugin and why, for the plan's header. */
  private static String how(Analysis a, Pf pf) {
    Schema s = a.schema();
    if (s == null || a.chosenBy() == SchemaChoice.Source.GENERIC)
      return "the generic SR-IOV schema (num_vfs, passthrough)"
          + (pf != null && pf.driver() != null
              ? ": no driver plugin knows the Linux driver " + pf.driver()
              : "");
    String label = s.plugin() != null ? "plugin " + s.plugin().name() : s.origin();
    return switch (a.chosenBy()) {
      case LINUX_DRIVER -> label + " (for " + a.why() + ")";
      case PF_DEVICE -> label + " (" + a.why() + ")";
      default -> label + " (named by " + a.why() + ")";
    };
  }

  /** Checks against the live device; returns the target, trimmed of what this PF cannot carry. */
  private static Target liveChecks(
      CheckedConfig config,
      Pf pf,
      Target target,
      LinuxHost h,
      List<Diagnostic> diags,
      Span deviceSpan,
      Span numVfsSpan,
      List<String> notes) {
    if (pf.numVfs() == null) {
      diags.add(
          Diagnostic.of(
                  Codes.LINUX_NO_SRIOV,
                  deviceSpan,
                  pf.label() + " cannot create VFs: it has no sriov_numvfs")
              .label("no SR-IOV here")
              .note(
                  "the device lacks the SR-IOV capability, or its driver ("
                      + (pf.driver() == null ? "none bound" : pf.driver())
                      + ") does not implement sriov_configure")
              .help(
                  "check `lspci -vvv -s "
                      + pf.id()
                      + "` for \"Single Root I/O Virtualization\" and enable SR-IOV in the firmware setup")
              .build());
      return target;
    }
    if (pf.driver() == null) {
      diags.add(
          Diagnostic.of(
                  Codes.LINUX_NO_SRIOV,
                  deviceSpan,
                  "no driver is bound to "
                      + pf.label()
                      + ", so the kernel cannot create VFs (ENOENT)")
              .label("no driver")
              .help("load the PF's driver (e.g. `modprobe i40e`) or bind it, then apply again")
              .build());
      return target;
    }
    if (pf.totalVfs() != null && config.numVfs() > pf.totalVfs()) {
      String what =
          pf.bus() == Bus.PCI ? "sriov_totalvfs" : "debugfs netdevsim/" + pf.id() + "/max_vfs";
      diags.add(
          Diagnostic.of(
                  Codes.TOO_MANY_VFS_FOR_CARD,
                  numVfsSpan,
                  "num_vfs = "
                      + config.numVfs()
                      + " but "
                      + pf.label()
                      + " supports at most "
                      + pf.totalVfs()
                      + " VFs")
              .label("more than " + pf.totalVfs())
              .note(
                  what
                      + " is "
                      + pf.totalVfs()
                      + "; the kernel would refuse the write ("
                      + (pf.bus() == Bus.PCI ? "ERANGE" : "ENOMEM")
                      + ")")
              .help("use num_vfs = " + pf.totalVfs() + " or less")
              .build());
    }
    List<VfTarget> vfs = new ArrayList<>();
    Set<Span> reported = new HashSet<>();
    boolean wantsVfio = false;
    boolean droppedDefaults = false;
    for (VfTarget vt : target.vfs()) {
      if (vt.binding() instanceof Binding.Passthrough) {
        wantsVfio = true;
        if (pf.bus() != Bus.PCI) {
          Source s = vt.source("binding");
          Span at = s.span() != null ? s.span() : deviceSpan;
          if (reported.add(at)) {
            diags.add(
                Diagnostic.of(
                        Codes.LINUX_UNSUPPORTED,
                        at,
                        "passthrough cannot be applied: the VFs of "
                            + pf.label()
                            + " are not PCI functions")
                    .label("VF-" + vt.index())
                    .note(
                        "netdevsim VFs exist only inside the driver; there is nothing to bind to vfio-pci")
                    .help("remove passthrough = true for this PF")
                    .build());
          }
        }
      }
      if (pf.netdev() == null && vt.hasNetlink()) {
        for (String attr : Target.ATTRIBUTES) {
          Source s = vt.source(attr);
          if (s == null || Planner.args(vt, attr) == null) continue;
          if (s.explicit()) {
            Span at = s.span() != null ? s.span() : deviceSpan;
            if (reported.add(at)) {
              diags.add(
                  Diagnostic.of(
                          Codes.LINUX_UNSUPPORTED,
                          at,
                          s.param()
                              + " cannot be applied: "
                              + pf.label()
                              + " has no network interface")
                      .label("VF-" + vt.index())
                      .note(
                          "VF MAC, VLAN, spoof checking and trust are set through the PF's netdev (rtnetlink)")
                      .help("remove it, or name the PF by its interface")
                      .build());
            }
          } else {
            droppedDefaults = true;
          }
        }
        vfs.add(vt.withoutNetlink());
      } else {
        vfs.add(vt);
      }
    }
    if (droppedDefaults)
      notes.add(
          pf.id()
              + " has no network interface: the schema defaults for VF network settings are not applied");
    if (wantsVfio && pf.bus() == Bus.PCI && !h.sysfs().exists("/sys/bus/pci/drivers/vfio-pci")) {
      Source s = null;
      for (VfTarget vt : target.vfs()) {
        if (vt.binding() instanceof Binding.Passthrough && vt.source("binding").span() != null) {
          s = vt.source("binding");
          break;
        }
      }
      diags.add(
          Diagnostic.of(
                  Codes.LINUX_UNSUPPORTED,
                  s != null ? s.span() : deviceSpan,
                  "passthrough needs the vfio-pci driver, which is not loaded")
              .label("vfio-pci")
              .help(
                  "`modprobe vfio-pci` (and list it in /etc/modules-load.d/ for boot), then apply again")
              .build());
    }
    return new Target(target.numVfs(), vfs, target.recreate(), target.autoprobe());
  }

  // ------------------------------------------------------------------ apply

  @Override
  @SuppressWarnings("try") // the lock is held for the body, never referenced
  public ApplyResult apply(ApplyRequest request) {
    LinuxHost h = host();
    PrintStream out = request.out();
    Prepared p =
        prepare(
            request.path(),
            request.source(),
            request.registry(),
            request.explicitSchema(),
            request.maxSize(),
            request.replace());
    List<String> messages = new ArrayList<>();
    if (!p.ok()) {
      if (p.problem() != null) messages.add(p.problem());
      else messages.add(p.fileName() + ": nothing applied");
      return new ApplyResult(p.status(), p.diagnostics(), messages)
          .on(p.pf() == null ? null : deviceName(p.pf()));
    }
    Pf pf = p.pf();
    String name = deviceName(pf);
    try (PfLock lock = PfLock.acquire(h.lockDir(), pf.lockName(), h.lockWait(), out)) {
      // Under the lock a journal is always a dead apply's: its process let go of the lock.
      Journal.Entry interrupted;
      try {
        interrupted = Journal.read(h.journalDir(), pf);
      } catch (IOException e) {
        messages.add(e.getMessage());
        return new ApplyResult(69, p.diagnostics(), messages).on(name);
      }
      if (interrupted != null) {
        String said = pf.label() + ": " + interrupted.describe();
        if (out != null) out.println(said);
        messages.add(said);
      }
      if (request.rollbackInterrupted())
        return restoreInterrupted(h, out, pf, interrupted, p.diagnostics(), messages).on(name);
      // the state may have changed while we waited: plan again under the lock
      Snapshot before;
      try {
        before = LiveState.snapshot(h.sysfs(), h.netlink(), LiveState.refresh(h.sysfs(), pf));
      } catch (PfException | SysfsException | IOException e) {
        messages.add("cannot read the state of " + pf.label() + ": " + e.getMessage());
        return new ApplyResult(69, p.diagnostics(), messages).on(name);
      }
      Plan plan = Planner.plan(p.target(), before);
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
                  + p.fileName()
                  + " ("
                  + Planner.plural(p.target().numVfs(), "VF")
                  + ")");
        // the plan is computed from what was just read: the PF is verified as it is
        return new ApplyResult(0, p.diagnostics(), messages).with(name, false, true, false);
      }
      if (out != null)
        out.println(
            pf.label()
                + ": applying "
                + Planner.plural(plan.steps().size(), "change")
                + " from "
                + p.fileName());
      // The journal keeps the oldest state: converging after an interrupted apply still lets
      // --rollback-interrupted go back to where the first one started.
      Journal journal;
      try {
        journal =
            Journal.begin(
                h.journalDir(),
                pf,
                p.fileName(),
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
        return new ApplyResult(
                e instanceof java.nio.file.AccessDeniedException ? 77 : 73,
                p.diagnostics(),
                messages)
            .on(name);
      }
      Applier.Outcome o = new Applier(h, out).apply(plan, p.target(), before, journal);
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
                  + p.fileName()
                  + " ("
                  + Planner.plural(p.target().numVfs(), "VF")
                  + ")");
        if (out != null) for (String n : plan.notes()) out.println("note: " + n);
        return new ApplyResult(0, p.diagnostics(), messages).with(name, true, true, false);
      }
      return failed("apply", o, pf, p.diagnostics(), messages);
    } catch (PfLock.BusyException e) {
      messages.add(e.getMessage());
      return new ApplyResult(75, p.diagnostics(), messages).on(name);
    } catch (IOException e) {
      messages.add("cannot take the lock in " + h.lockDir() + ": " + e.getMessage());
      return new ApplyResult(
              e instanceof java.nio.file.AccessDeniedException ? 77 : 71, p.diagnostics(), messages)
          .on(name);
    }
  }

  /** {@code --rollback-interrupted}: restore the journal's snapshot instead of the file. */
  private ApplyResult restoreInterrupted(
      LinuxHost h,
      PrintStream out,
      Pf pf,
      Journal.Entry interrupted,
      List<Diagnostic> diagnostics,
      List<String> messages) {
    if (interrupted == null) {
      messages.add(
          "no interrupted apply on " + pf.label() + ": nothing to roll back, nothing applied");
      return new ApplyResult(0, diagnostics, messages);
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
      return new ApplyResult(71, diagnostics, messages);
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
    return new ApplyResult(0, diagnostics, messages);
  }

  /** The kernel's boot id: a journal from another boot is never a running apply. */
  static String bootId(LinuxHost h) {
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
  static String deviceName(Pf pf) {
    return pf.netdev() != null ? pf.netdev() : pf.id();
  }

  /** A failed run of a plan: what failed, the rollback, and what the PF is left with. */
  private static ApplyResult failed(
      String what, Applier.Outcome o, Pf pf, List<Diagnostic> diagnostics, List<String> messages) {
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
    return new ApplyResult(o.permission() ? 77 : 71, diagnostics, messages)
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
  public ApplyResult delete(String device, boolean ifExists, PrintStream out) {
    LinuxHost h = host();
    List<String> messages = new ArrayList<>();
    Pf pf;
    try {
      pf = LiveState.findPf(h.sysfs(), device);
    } catch (PfException e) {
      messages.add(e.getMessage());
      return new ApplyResult(69, List.of(), messages).on(device);
    }
    String name = deviceName(pf);
    if (pf.numVfs() == null) {
      messages.add(pf.label() + " cannot have VFs: it has no sriov_numvfs");
      return new ApplyResult(69, List.of(), messages).on(name);
    }
    try (PfLock lock = PfLock.acquire(h.lockDir(), pf.lockName(), h.lockWait(), out)) {
      // Under the lock a journal is always a dead apply's or delete's
      Journal.Entry interrupted;
      try {
        interrupted = Journal.read(h.journalDir(), pf);
      } catch (IOException e) {
        messages.add(e.getMessage());
        return new ApplyResult(69, List.of(), messages).on(name);
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
        return new ApplyResult(69, List.of(), messages).on(name);
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
          return new ApplyResult(0, List.of(), messages).with(name, false, true, false);
        }
        messages.add(
            pf.label()
                + " has no VFs; nothing to delete"
                + (ifExists ? "" : " (--if-exists makes this a success)"));
        // just read: the PF has no VFs, which is what a delete asks for
        return new ApplyResult(ifExists ? 0 : 71, List.of(), messages)
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
        return new ApplyResult(
                e instanceof java.nio.file.AccessDeniedException ? 77 : 73, List.of(), messages)
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
        return new ApplyResult(0, List.of(), messages).with(name, true, true, false);
      }
      return failed("delete", o, pf, List.of(), messages);
    } catch (PfLock.BusyException e) {
      messages.add(e.getMessage());
      return new ApplyResult(75, List.of(), messages).on(name);
    } catch (IOException e) {
      messages.add("cannot take the lock in " + h.lockDir() + ": " + e.getMessage());
      return new ApplyResult(
              e instanceof java.nio.file.AccessDeniedException ? 77 : 71, List.of(), messages)
          .on(name);
    }
  }
}
