package io.iovc.apply.linux;

import io.iovc.apply.ApplyRequest;
import io.iovc.apply.ApplyResult;
import io.iovc.apply.Backend;
import io.iovc.check.CheckedConfig;
import io.iovc.check.ConfigTree;
import io.iovc.diag.Codes;
import io.iovc.diag.Diagnostic;
import io.iovc.kernel.Outcome;
import io.iovc.kernel.linux.LinuxBackend;
import io.iovc.kernel.linux.LinuxHost;
import io.iovc.kernel.linux.LiveState;
import io.iovc.kernel.linux.LiveState.Bus;
import io.iovc.kernel.linux.LiveState.Pf;
import io.iovc.kernel.linux.LiveState.PfException;
import io.iovc.kernel.linux.LiveState.Snapshot;
import io.iovc.kernel.linux.Plan;
import io.iovc.kernel.linux.Planner;
import io.iovc.kernel.linux.Sysfs.SysfsException;
import io.iovc.kernel.linux.Target;
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
 * Applies an iovctl.conf on Linux (spec/linux-sriov.md §7): the file is analysed through the front
 * door against the PF it names (the schema may be chosen by the PF's Linux driver), lowered to a
 * {@link Target} ({@link Desired}), checked against the live device, and the target handed to the
 * kernel layer's {@link LinuxBackend}, which changes the PF under its lock and rolls back on a
 * failure.
 *
 * <p>The same preparation serves {@code iovc plan} (the steps, nothing changed), {@code iovc diff}
 * (live vs file) and the language server's code lens.
 */
public final class LinuxApply implements Backend {
  private final LinuxBackend kernel;

  public LinuxApply() {
    this(new LinuxBackend());
  }

  public LinuxApply(LinuxHost host) {
    this(new LinuxBackend(host));
  }

  public LinuxApply(LinuxBackend kernel) {
    this.kernel = kernel;
  }

  private LinuxHost host() {
    return kernel.host();
  }

  @Override
  public String name() {
    return "linux";
  }

  /**
   * A file prepared against the live PF.
   *
   * @param status {@code OK} when {@link #plan} is usable; else {@code REFUSED} (a file or device
   *     problem) or {@code UNAVAILABLE} (the live state is unreadable)
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
      Outcome status,
      String problem) {
    public Prepared {
      diagnostics = List.copyOf(diagnostics);
    }

    public boolean ok() {
      return status == Outcome.OK;
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
    PfLookup lookup = new PfLookup(h);
    // the schema: --schema/--driver, the modeline, the PF's Linux driver, PF.device, or generic
    SchemaRequest request =
        SchemaRequest.of(registry)
            .withExplicit(explicit)
            .withHost(lookup)
            .withGeneric()
            .withMaxSize(maxSize)
            .withPlatform(Platform.LINUX);
    Analysis a = Pipeline.analyze(source, Ucl.fileVariables(path), request);
    SyntaxTree tree = a.tree();
    String device = ConfigTree.findDevice(tree);
    Pf pf = device == null ? null : lookup.pf(device);
    List<Diagnostic> diags = new ArrayList<>();
    Schema schema = a.schema();
    if (a.schemaProblem() != null) {
      // a modeline naming no plugin
      diags.addAll(a.diagnostics());
      return new Prepared(
          fileName, diags, pf, null, a.why(), null, null, null, Outcome.REFUSED, null);
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
          Diagnostic.of(Codes.LINUX_NO_PF, deviceSpan(tree), "PF.device: " + lookup.problem)
              .label("not a PF here")
              .help(
                  "on Linux, PF.device is the PF's interface name (see `ip link`) or its PCI address (e.g. 0000:05:00.0)")
              .build());
      return new Prepared(
          fileName, diags, null, schema, how, null, null, null, Outcome.REFUSED, null);
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
      return new Prepared(
          fileName, diags, pf, schema, how, null, null, null, Outcome.REFUSED, null);
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
    target = liveChecks(config, pf, want, h, diags, deviceSpan, numVfsSpan, notes);
    if (diags.stream().anyMatch(Diagnostic::isError))
      return new Prepared(
          fileName, diags, pf, schema, how, target, null, null, Outcome.REFUSED, null);

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
          Outcome.UNAVAILABLE,
          "cannot read the state of " + pf.label() + ": " + e.getMessage());
    }
    try {
      // only a file that sets the eswitch mode pays for a devlink process
      if (target.eswitch() != null) live = LiveState.withEswitch(live, h.devlink());
    } catch (IOException e) {
      return new Prepared(
          fileName,
          diags,
          pf,
          schema,
          how,
          target,
          null,
          null,
          Outcome.UNAVAILABLE,
          "cannot read the eswitch mode of "
              + pf.label()
              + " (devlink dev eswitch show "
              + pf.devlinkHandle()
              + "): "
              + e.getMessage());
    }
    Plan plan = Planner.plan(target, live);
    String journal = LinuxBackend.journalNotice(h, pf);
    if (journal != null) notes.add(0, journal);
    if (!notes.isEmpty()) {
      List<String> all = new ArrayList<>(notes);
      all.addAll(plan.notes());
      plan = new Plan(plan.pf(), plan.steps(), plan.differences(), all);
    }
    return new Prepared(fileName, diags, pf, schema, how, target, live, plan, Outcome.OK, null);
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
      Desired.Result want,
      LinuxHost h,
      List<Diagnostic> diags,
      Span deviceSpan,
      Span numVfsSpan,
      List<String> notes) {
    Target target = want.target();
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
          Span written = want.span(vt.index(), "binding");
          Span at = written != null ? written : deviceSpan;
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
            Span written = want.span(vt.index(), attr);
            Span at = written != null ? written : deviceSpan;
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
      Span s = null;
      for (VfTarget vt : target.vfs()) {
        if (vt.binding() instanceof Binding.Passthrough
            && want.span(vt.index(), "binding") != null) {
          s = want.span(vt.index(), "binding");
          break;
        }
      }
      diags.add(
          Diagnostic.of(
                  Codes.LINUX_UNSUPPORTED,
                  s != null ? s : deviceSpan,
                  "passthrough needs the vfio-pci driver, which is not loaded")
              .label("vfio-pci")
              .help(
                  "`modprobe vfio-pci` (and list it in /etc/modules-load.d/ for boot), then apply again")
              .build());
    }
    return target.withVfs(vfs);
  }

  // ------------------------------------------------------------------ apply

  @Override
  public ApplyResult apply(ApplyRequest request) {
    Prepared p =
        prepare(
            request.path(),
            request.source(),
            request.registry(),
            request.explicitSchema(),
            request.maxSize(),
            request.replace());
    if (!p.ok()) {
      String said = p.problem() != null ? p.problem() : p.fileName() + ": nothing applied";
      return new ApplyResult(p.status(), p.diagnostics(), List.of(said))
          .on(p.pf() == null ? null : LinuxBackend.deviceName(p.pf()));
    }
    return ApplyResult.of(
        kernel.apply(
            p.pf(), p.target(), p.fileName(), request.rollbackInterrupted(), request.out()),
        p.diagnostics(),
        List.of());
  }

  /**
   * {@code iovc delete} on Linux: the kernel layer's delete ({@link LinuxBackend#delete}), with no
   * file behind it.
   */
  public ApplyResult delete(String device, boolean ifExists, PrintStream out) {
    return ApplyResult.of(kernel.delete(device, ifExists, out));
  }

  /**
   * The PF named by PF.device, looked up once, and the schema table's view of it (its bound Linux
   * driver). A class rather than lambdas: the first lambda of a run sets up the JVM's lambda
   * machinery, milliseconds of every plan and apply.
   */
  private static final class PfLookup implements Function<String, SchemaRequest.HostPf> {
    private final LinuxHost host;
    private boolean looked;
    private Pf found;
    String problem;

    PfLookup(LinuxHost host) {
      this.host = host;
    }

    Pf pf(String dev) {
      if (!looked) {
        looked = true;
        try {
          found = LiveState.findPf(host.sysfs(), dev);
        } catch (PfException e) {
          problem = e.getMessage();
        }
      }
      return found;
    }

    @Override
    public SchemaRequest.HostPf apply(String dev) {
      Pf p = pf(dev);
      return p == null ? null : new SchemaRequest.HostPf(p.driver());
    }
  }
}
