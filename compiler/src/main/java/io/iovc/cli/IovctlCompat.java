package io.iovc.cli;

import io.iovc.apply.ApplyRequest;
import io.iovc.apply.ApplyResult;
import io.iovc.apply.freebsd.FreeBsdApply;
import io.iovc.check.ConfigTree;
import io.iovc.diag.Diagnostic;
import io.iovc.diag.render.HumanRenderer;
import io.iovc.kernel.Outcome;
import io.iovc.kernel.freebsd.DeviceName;
import io.iovc.kernel.freebsd.KernelError;
import io.iovc.pipeline.Pipeline;
import io.iovc.schema.SchemaException;
import io.iovc.syntax.SyntaxTree;
import io.iovc.syntax.Ucl;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * iovctl's own command line, so {@code iovc} can stand in for {@code iovctl} in scripts and rc.d:
 * {@code iovc -C -f FILE [-n]}, {@code -D [-d DEV | -f FILE] [-n]}, {@code -S [-d DEV | -f FILE]},
 * {@code -L …}. The options are parsed with iovctl's getopt string {@code Cd:Df:LnS} by FreeBSD's
 * getopt(3) rules (clusters, attached arguments, {@code --}, stop at the first operand, operands
 * ignored), checked in iovctl's order with iovctl's exact messages after an {@code iovc: } prefix
 * (spec §1.3), and every failure exits 1 as iovctl does. The work itself is iovc's: the file is
 * checked against the live schema with full diagnostics, and kernel errors print iovctl's line
 * followed by iovc's explanation.
 */
final class IovctlCompat {
  /** iovctl's getopt string (2026, with {@code -L}). */
  static final String OPTSTRING = "Cd:Df:LnS";

  static final String[] USAGE = {
    "Usage: iovctl -C -f <config file> [-n]",
    "       iovctl -D [-d <PF device> | -f <config file>] [-n]",
    "       iovctl -L [-d <PF device> | -f <config file>]",
    "       iovctl -S [-d <PF device> | -f <config file>]"
  };

  private enum Action {
    NONE,
    CONFIG,
    DELETE,
    PRINT_STATUS,
    PRINT_SCHEMA
  }

  /** Thrown to end the run with iovctl's status 1 after the messages were printed. */
  private static final class Exit extends Exception {
    private static final long serialVersionUID = 1L;

    Exit() {
      super(null, null, false, false);
    }
  }

  private final String[] args;
  private int optind;
  private String place = "";
  private int pos;
  private char optopt;
  private String optarg;

  private IovctlCompat(String[] args) {
    this.args = args;
  }

  /**
   * True when the command line is iovctl's: it starts with one of iovctl's options ({@code -C},
   * {@code -D}, {@code -S}, {@code -L}, {@code -d}, {@code -f}, {@code -n}).
   */
  static boolean applies(String[] args) {
    if (args.length == 0) return false;
    String a = args[0];
    return a.length() >= 2 && a.charAt(0) == '-' && "CDSLdfn".indexOf(a.charAt(1)) >= 0;
  }

  /** Runs iovctl's main(); returns the exit status (0 or 1). */
  static int run(String[] args) {
    try {
      return new IovctlCompat(args).main();
    } catch (Exit e) {
      Output.flush();
      return 1;
    }
  }

  // ------------------------------------------------------------------ getopt(3), FreeBSD's rules

  /** The next option letter, '?' for an error (after getopt's own message), or -1 at the end. */
  int getopt() {
    if (pos >= place.length()) {
      if (optind >= args.length || args[optind].isEmpty() || args[optind].charAt(0) != '-') {
        place = "";
        pos = 0;
        return -1;
      }
      place = args[optind];
      pos = 1;
      optopt = pos < place.length() ? place.charAt(pos++) : 0;
      if (optopt == '-' && pos >= place.length()) {
        optind++;
        place = "";
        pos = 0;
        return -1;
      }
      if (optopt == 0) {
        place = "";
        pos = 0;
        return -1;
      }
    } else {
      optopt = place.charAt(pos++);
    }
    int oli = optopt == ':' ? -1 : OPTSTRING.indexOf(optopt);
    if (oli < 0) {
      if (pos >= place.length()) optind++;
      warnx("illegal option -- " + optopt);
      return '?';
    }
    if (oli + 1 >= OPTSTRING.length() || OPTSTRING.charAt(oli + 1) != ':') {
      optarg = null;
      if (pos >= place.length()) optind++;
    } else {
      if (pos < place.length()) {
        optarg = place.substring(pos);
      } else if (args.length > ++optind) {
        optarg = args[optind];
      } else {
        place = "";
        pos = 0;
        warnx("option requires an argument -- " + optopt);
        return '?';
      }
      place = "";
      pos = 0;
      optind++;
    }
    return optopt;
  }

  private static void warnx(String msg) {
    Output.err.println("iovc: " + msg);
  }

  private static Exit usage() {
    for (String line : USAGE) warnx(line);
    return new Exit();
  }

  // ------------------------------------------------------------------ iovctl's main()

  private int main() throws Exit {
    String device = null;
    String filename = null;
    boolean dryrun = false;
    Action action = Action.NONE;
    int ch;
    while ((ch = getopt()) != -1) {
      switch (ch) {
        case 'C', 'D', 'L', 'S' -> {
          if (action != Action.NONE) {
            warnx("Only one action may be specified");
            throw usage();
          }
          action =
              switch (ch) {
                case 'C' -> Action.CONFIG;
                case 'D' -> Action.DELETE;
                case 'L' -> Action.PRINT_STATUS;
                default -> Action.PRINT_SCHEMA;
              };
        }
        case 'd' -> device = optarg;
        case 'f' -> filename = optarg;
        case 'n' -> dryrun = true;
        default -> {
          warnx("Unrecognized argument '-" + optopt + "'\n");
          throw usage();
        }
      }
    }
    if (device != null && filename != null) {
      warnx("Only one of the -d and -f flags may be specified");
      throw usage();
    }
    if (device == null && filename == null && action != Action.CONFIG) {
      warnx("Either the -d or -f flag must be specified");
      throw usage();
    }
    switch (action) {
      case CONFIG -> {
        if (device != null) {
          warnx("-d flag cannot be used with the -C flag");
          throw usage();
        }
        if (filename == null) {
          warnx("The -f flag must be specified");
          throw usage();
        }
        return Kernel.config(filename, dryrun);
      }
      case DELETE -> {
        return Kernel.delete(device, filename, dryrun);
      }
      case PRINT_SCHEMA -> {
        if (dryrun) {
          warnx("-n flag cannot be used with the -S flag");
          throw usage();
        }
        return Kernel.printSchema(device, filename);
      }
      case PRINT_STATUS -> {
        if (dryrun) {
          warnx("-n flag cannot be used with the -L flag");
          throw usage();
        }
        return Kernel.printStatus(device, filename);
      }
      default -> throw usage();
    }
  }

  // ------------------------------------------------------------------ actions

  /**
   * The actions, which reach the kernel backend. A separate class so that parsing iovctl's options
   * (and every other iovc command, which passes through {@link #applies}) loads nothing of the
   * kernel packages.
   */
  private static final class Kernel {
    private Kernel() {}

    static int delete(String device, String filename, boolean dryrun) throws Exit {
      DeviceName.Target t = device != null ? target(device) : findDevice(filename);
      return finish(
          new FreeBsdApply().delete(t, false, dryrun, FreeBsdApply.Style.IOVCTL, Output.out), null);
    }

    /**
     * {@code -L}: iovctl's {@code print_status} layout (usr.sbin/iovctl/iovctl.c of the 2026 tree
     * that adds {@code -L}), filled from {@code pciconf -lc} instead of {@code IOV_GET_STATUS},
     * whose request code and keys are in no source iovc could read (spec/operations.md §1.1). What
     * pciconf shows is what the kernel's status carries: the PF's name and selector, the VF count
     * and TotalVFs, each VF's selector and driver. {@code enabled} is the VF Enable bit, which
     * {@code pci_iov_config} (sys/dev/pci/pci_iov.c) sets exactly when it creates VFs, so it is
     * {@code yes} when VFs exist; {@code passthrough} is {@code yes} for a VF attached as {@code
     * ppt} ({@code pci_iov_enumerate_vfs} fixes passthrough VFs to the ppt devclass), {@code no}
     * for one attached to another driver, and {@code unknown} for an unattached VF, which pciconf
     * cannot tell apart. A note on stderr says where the facts came from.
     */
    static int printStatus(String device, String filename) throws Exit {
      DeviceName.Target t = device != null ? target(device) : findDevice(filename);
      java.util.List<io.iovc.kernel.SriovStatus.Pf> pfs;
      try {
        pfs =
            io.iovc.kernel.freebsd.FreeBsdStatus.read(
                StatusCommand.Seams.freebsd(), java.util.List.of(t.name()));
      } catch (io.iovc.kernel.freebsd.FreeBsdStatus.StatusException e) {
        warnx(
            "-L: "
                + e.getMessage()
                + " (iovc reads the SR-IOV status from pciconf: the IOV_GET_STATUS ABI is not in"
                + " any source iovc was built from)");
        throw new Exit();
      }
      StringBuilder sb = new StringBuilder();
      boolean unknown = false;
      for (io.iovc.kernel.SriovStatus.Pf pf : pfs) {
        sb.append(pf.device()).append(":\n");
        sb.append("\tidentity: pci-location=").append(pf.pci()).append('\n');
        sb.append("\tsriov: enabled=")
            .append(pf.numVfs() > 0 ? "yes" : "no")
            .append(" vfs=")
            .append(pf.numVfs())
            .append('/')
            .append(pf.totalVfs() == null ? "?" : pf.totalVfs().toString())
            .append('\n');
        for (io.iovc.kernel.SriovStatus.Vf v : pf.vfs()) {
          sb.append(
              String.format("\t\tvf %3d:%n", v.index()).replace(System.lineSeparator(), "\n"));
          sb.append("\t\t\tidentity: pci-location=").append(v.pci()).append('\n');
          sb.append("\t\t\thost: attached=").append(v.driver() != null ? "yes" : "no");
          if (v.driver() != null) sb.append(" driver=").append(v.driver());
          String pass = v.driver() == null ? "unknown" : v.driver().equals("ppt") ? "yes" : "no";
          unknown |= v.driver() == null;
          sb.append(" passthrough=").append(pass).append('\n');
        }
      }
      Output.out.print(sb);
      Output.flush();
      warnx(
          "note: read from `pciconf -lc`, not IOV_GET_STATUS"
              + (unknown
                  ? "; passthrough=unknown: pciconf cannot tell for a VF no driver attached"
                  : ""));
      return 0;
    }

    static int printSchema(String device, String filename) throws Exit {
      return printSchema(device != null ? target(device) : findDevice(filename));
    }

    /**
     * {@code -d DEV}: a name under /dev/iov or an absolute path, as iovctl's open_device takes it.
     */
    private static DeviceName.Target target(String device) throws Exit {
      try {
        return DeviceName.fromOption(device);
      } catch (IllegalArgumentException e) {
        warnx(e.getMessage());
        throw new Exit();
      }
    }

    /** iovctl's find_device: PF.device of the file, under /dev/iov. */
    private static DeviceName.Target findDevice(String filename) throws Exit {
      Inputs.Input in = readConfig(filename);
      SyntaxTree tree = Ucl.parse(in.source(), Ucl.fileVariables(in.path()));
      String device = ConfigTree.findDevice(tree);
      if (device == null) {
        HumanRenderer r = new HumanRenderer(Output.colorFor("auto", true));
        for (Diagnostic d : tree.diagnostics()) {
          if (d.isError()) Output.err.print(r.render(in.source(), d));
        }
        warnx("Config file does not specify device");
        throw new Exit();
      }
      try {
        return DeviceName.fromConfig(device);
      } catch (IllegalArgumentException e) {
        warnx(
            "Could not open device '/dev/iov/"
                + io.iovc.syntax.Ascii.display(device)
                + "': "
                + e.getMessage());
        throw new Exit();
      }
    }

    private static Inputs.Input readConfig(String filename) throws Exit {
      Path p = Path.of(filename);
      String why = null;
      if (!Files.exists(p)) why = "No such file or directory";
      else if (Files.isDirectory(p)) why = "Is a directory";
      else if (!Files.isReadable(p)) why = "Permission denied";
      Inputs.Input in = why == null ? Inputs.read(filename, p, Inputs.DEFAULT_MAX_INPUT) : null;
      if (in != null && in.problem() != null) why = in.problem().message();
      if (why != null) {
        warnx("Could not open '" + filename + "' for reading: " + why);
        throw new Exit();
      }
      return in;
    }

    private static int config(String filename, boolean dryrun) throws Exit {
      Inputs.Input in = readConfig(filename);
      SchemaOptions opts = new SchemaOptions();
      ApplyRequest req =
          new ApplyRequest(
              in.path(),
              in.source(),
              opts.registry(),
              null,
              Pipeline.DEFAULT_MAX_CONFIG,
              false,
              Output.out);
      return finish(new FreeBsdApply().configure(req, dryrun, FreeBsdApply.Style.IOVCTL), in);
    }

    private static int printSchema(DeviceName.Target t) throws Exit {
      FreeBsdApply.LiveSchema live;
      try {
        live = new FreeBsdApply().fetchSchema(t);
      } catch (KernelError e) {
        warnx(e.iovctlMessage());
        warnx(e.explain(KernelError.Context.none()));
        throw new Exit();
      }
      try {
        Output.rawOut(live.schema().toIovctlText());
      } catch (SchemaException e) {
        Output.rawOut(e.partialOutput());
        Output.flush();
        warnx(e.getMessage());
        throw new Exit();
      }
      Output.flush();
      return 0;
    }

    private static int finish(ApplyResult r, Inputs.Input in) throws Exit {
      Output.flush();
      if (in != null && !r.diagnostics().isEmpty()) {
        HumanRenderer hr = new HumanRenderer(Output.colorFor("auto", true));
        for (Diagnostic d : r.diagnostics()) {
          Output.err.print(hr.render(in.source(), d));
          Output.err.println();
        }
      }
      for (String m : r.messages()) warnx(m);
      Output.flush();
      if (r.outcome() != Outcome.OK) throw new Exit();
      return 0;
    }
  }
}
