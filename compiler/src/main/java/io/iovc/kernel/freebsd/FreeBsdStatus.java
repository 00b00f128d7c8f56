package io.iovc.kernel.freebsd;

import io.iovc.kernel.SriovStatus;
import io.iovc.kernel.SriovStatus.Consumer;
import io.iovc.kernel.SriovStatus.Kind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code iovc status} on FreeBSD, read from the base system's tools, never from an ioctl whose ABI
 * no readable source gives (spec/operations.md §1.1: the request code of {@code IOV_GET_STATUS} and
 * its key strings are unknown here). The commands, all read-only:
 *
 * <ul>
 *   <li>{@code pciconf -lc}: every function ({@code iavf0@pci0:1:0:16:}, {@code ppt0@…}, {@code
 *       none3@…}) and each PF's SR-IOV capability (NumVFs, TotalVFs, VF RID offset and stride);
 *   <li>{@code ifconfig -l}: the interfaces in the host's own network stack;
 *   <li>{@code jls -n jid name vnet}: the jails; for each {@code vnet=new} jail, {@code jexec JID
 *       ifconfig -l}: the interfaces it holds ({@code vnet.interface = "iavf0"} moves iavf0 there);
 *   <li>{@code ps -axww -o pid,command}: bhyve processes passing a device through ({@code -s
 *       5:0,passthru,1/0/17}); vm-bhyve names the VM in the last argument.
 * </ul>
 *
 * <p>A running bhyve rewrites its process title to the VM name once its devices are set up ({@code
 * setproctitle("%s", vmname)} in usr.sbin/bhyve/bhyverun.c), so {@code ps} shows {@code bhyve: NAME
 * (bhyve)} and no longer the {@code -s} arguments. A ppt VF that no argument list names is then
 * reported without a consumer, and a note names the VMs that could hold it.
 *
 * <p>Test seam: {@link Commands}; the command line uses {@link Commands#system()}, which honours
 * {@code IOVC_TOOLS_DIR} like {@link HostTools}.
 */
public final class FreeBsdStatus {
  private FreeBsdStatus() {}

  /** Runs one host command and returns its standard output. */
  public interface Commands {
    String run(String tool, String... args) throws IOException;

    /** The base system's tools, or those in {@code $IOVC_TOOLS_DIR} when set. */
    static Commands system() {
      String dir = System.getenv("IOVC_TOOLS_DIR");
      Map<String, String> base =
          Map.of(
              "pciconf", "/usr/sbin/pciconf",
              "ifconfig", "/sbin/ifconfig",
              "jls", "/usr/sbin/jls",
              "jexec", "/usr/sbin/jexec",
              "ps", "/bin/ps");
      return (tool, args) -> {
        String path = base.get(tool);
        if (path == null) throw new IOException("unknown tool " + tool);
        Path p = dir != null && !dir.isBlank() ? Path.of(dir, tool) : Path.of(path);
        return HostTools.run(p, args);
      };
    }
  }

  /** A PF that cannot be shown, or a host whose PCI functions cannot be listed. */
  public static final class StatusException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean unreadable;

    StatusException(String message, boolean unreadable) {
      super(message);
      this.unreadable = unreadable;
    }

    /** True when the host could not be read at all (exit 69), false for a wrong PF (exit 1). */
    public boolean unreadable() {
      return unreadable;
    }
  }

  private static final Pattern UNIT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*?)([0-9]+)");
  private static final Pattern ARI = Pattern.compile("SR-IOV .*ARI enabled");

  /** A jail as {@code jls -n jid name vnet} prints it. */
  record Jail(int jid, String name, boolean vnet) {}

  /** A bhyve process and the devices its arguments pass through ({@code 1/0/17}, {@code ppt0}). */
  record Bhyve(long pid, String vm, Set<String> passthru, boolean titled) {}

  /**
   * The PFs named (device names like {@code ixl0}, or selectors like {@code pci0:1:0:0}), or every
   * PF with an SR-IOV capability when {@code devices} is empty.
   */
  public static List<SriovStatus.Pf> read(Commands c, List<String> devices) throws StatusException {
    String text;
    try {
      text = c.run("pciconf", "-lc");
    } catch (IOException e) {
      throw new StatusException("cannot list PCI functions: " + e.getMessage(), true);
    }
    HostTools.Listing l = HostTools.parse(text);
    if (l.bySelector().isEmpty())
      throw new StatusException("`pciconf -lc` listed no PCI functions", true);
    List<HostTools.Sriov> pfs = new ArrayList<>();
    if (devices.isEmpty()) {
      for (HostTools.Function f : l.bySelector().values()) {
        HostTools.Sriov s = HostTools.sriov(l, f.name());
        if (s != null && s.pf() == f) pfs.add(s);
      }
    } else {
      for (String d : devices) pfs.add(find(l, d));
    }
    Host host = new Host(c);
    List<SriovStatus.Pf> out = new ArrayList<>();
    for (HostTools.Sriov s : pfs) out.add(pf(l, s, host));
    return out;
  }

  private static HostTools.Sriov find(HostTools.Listing l, String device) throws StatusException {
    String d = device.startsWith("/dev/iov/") ? device.substring("/dev/iov/".length()) : device;
    HostTools.Function f =
        d.startsWith("pci") && d.indexOf(':') > 0 ? l.bySelector().get(d) : l.byName().get(d);
    if (f == null)
      throw new StatusException(
          "`pciconf -lc` lists no device called `" + device + "` on this host", false);
    HostTools.Sriov s = HostTools.sriov(l, f.name());
    if (s == null || s.pf() != f)
      throw new StatusException(
          device
              + " ("
              + f.selector()
              + ") has no SR-IOV capability in `pciconf -lc`"
              + (f.name().startsWith("cxl") || f.name().startsWith("cc")
                  ? " (a Chelsio port's PF is listed as t4iov/t5iov/t6iov)"
                  : ""),
          false);
    return s;
  }

  /** What the other tools say, each read once and only when a VF needs it. */
  private static final class Host {
    final Commands c;
    final List<String> notes = new ArrayList<>();
    Set<String> ifaces;
    Map<Jail, Set<String>> jails;
    List<Bhyve> bhyves;

    Host(Commands c) {
      this.c = c;
    }

    Set<String> ifaces() {
      if (ifaces == null) {
        try {
          ifaces = words(c.run("ifconfig", "-l"));
        } catch (IOException e) {
          ifaces = Set.of();
          notes.add("cannot list the host's interfaces (`ifconfig -l`): " + e.getMessage());
        }
      }
      return ifaces;
    }

    Map<Jail, Set<String>> jails() {
      if (jails == null) {
        jails = new LinkedHashMap<>();
        List<Jail> list;
        try {
          list = parseJls(c.run("jls", "-n", "jid", "name", "vnet"));
        } catch (IOException e) {
          notes.add("cannot list jails (`jls -n jid name vnet`): " + e.getMessage());
          list = List.of();
        }
        for (Jail j : list) {
          if (!j.vnet()) continue; // a jail without its own stack cannot hold an interface
          try {
            jails.put(j, words(c.run("jexec", Integer.toString(j.jid()), "ifconfig", "-l")));
          } catch (IOException e) {
            notes.add(
                "cannot list the interfaces of jail "
                    + j.name()
                    + " (`jexec "
                    + j.jid()
                    + " ifconfig -l`): "
                    + e.getMessage());
          }
        }
      }
      return jails;
    }

    List<Bhyve> bhyves() {
      if (bhyves == null) {
        try {
          bhyves = parsePs(c.run("ps", "-axww", "-o", "pid,command"));
        } catch (IOException e) {
          notes.add("cannot list processes (`ps -axww -o pid,command`): " + e.getMessage());
          bhyves = List.of();
        }
      }
      return bhyves;
    }
  }

  private static SriovStatus.Pf pf(HostTools.Listing l, HostTools.Sriov s, Host host) {
    boolean ari = s.pf().lines().stream().anyMatch(x -> ARI.matcher(x).find());
    List<SriovStatus.Vf> vfs = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    boolean unclaimedPpt = false;
    for (int i = 0; i < Math.max(0, s.numVfs()); i++) {
      int rid = s.vfRid(i);
      HostTools.Function f = HostTools.byRid(l, s.pf().domain(), rid);
      int bus = rid >> 8;
      int slot = ari ? 0 : (rid >> 3) & 0x1f;
      int func = ari ? rid & 0xff : rid & 7;
      if (f != null) {
        bus = f.bus();
        slot = f.slot();
        func = f.func();
      }
      String pci = "pci" + s.pf().domain() + ":" + bus + ":" + slot + ":" + func;
      String passthru = bus + "/" + slot + "/" + func;
      if (f == null) {
        notes.add("VF-" + i + ": `pciconf -lc` lists no function at " + pci);
        vfs.add(new SriovStatus.Vf(i, pci, null, null, null, null, null, null, passthru, null));
        continue;
      }
      String driver = driverOf(f.name());
      String netdev = null;
      Consumer consumer = null;
      if ("ppt".equals(driver)) {
        consumer = bhyveHolding(host.bhyves(), passthru, f.name());
        if (consumer == null) unclaimedPpt = true;
      } else if (driver != null) {
        for (Map.Entry<Jail, Set<String>> j : host.jails().entrySet()) {
          if (j.getValue().contains(f.name())) {
            Jail jail = j.getKey();
            consumer = new Consumer(Kind.JAIL, jail.name(), null, jail.jid());
            netdev = f.name();
          }
        }
        if (consumer == null && host.ifaces().contains(f.name())) {
          consumer = Consumer.host(f.name());
          netdev = f.name();
        }
      }
      vfs.add(
          new SriovStatus.Vf(i, pci, driver, netdev, null, null, null, null, passthru, consumer));
    }
    if (unclaimedPpt) {
      for (Bhyve b : host.bhyves()) {
        if (b.titled())
          notes.add(
              "bhyve VM "
                  + b.vm()
                  + " (pid "
                  + b.pid()
                  + ") shows only its name in `ps`, not its devices; it may hold a ppt VF");
      }
    }
    notes.addAll(0, host.notes);
    host.notes.clear();
    return new SriovStatus.Pf(
        s.pf().name(),
        s.pf().selector(),
        driverOf(s.pf().name()),
        Math.max(0, s.numVfs()),
        s.totalVfs(),
        vfs,
        notes);
  }

  private static Consumer bhyveHolding(List<Bhyve> bhyves, String bsf, String ppt) {
    for (Bhyve b : bhyves) {
      if (b.passthru().contains(bsf) || b.passthru().contains(ppt))
        return new Consumer(Kind.BHYVE, b.vm(), b.pid(), null);
    }
    return null;
  }

  /** {@code iavf0} → iavf, {@code ppt0} → ppt, {@code none3} (nothing attached) → null. */
  static String driverOf(String unit) {
    Matcher m = UNIT.matcher(unit);
    String d = m.matches() ? m.group(1) : unit;
    return d.equals("none") ? null : d;
  }

  private static Set<String> words(String s) {
    Set<String> out = new LinkedHashSet<>();
    for (String w : s.strip().split("\\s+")) if (!w.isEmpty()) out.add(w);
    return out;
  }

  /**
   * {@code jls -n jid name vnet}: one jail a line, {@code name=value} pairs ({@code jid=3 name=desk
   * vnet=new}); a value with blanks is quoted. {@code vnet} is {@code new} for a jail with its own
   * network stack, {@code inherit} otherwise.
   */
  static List<Jail> parseJls(String text) {
    List<Jail> out = new ArrayList<>();
    for (String line : text.split("\\n")) {
      Map<String, String> kv = pairs(line);
      String jid = kv.get("jid");
      if (jid == null || !jid.matches("[0-9]+")) continue;
      String name = kv.getOrDefault("name", jid);
      String vnet = kv.getOrDefault("vnet", "");
      out.add(new Jail(Integer.parseInt(jid), name, vnet.equals("new") || vnet.equals("1")));
    }
    return out;
  }

  private static Map<String, String> pairs(String line) {
    Map<String, String> kv = new LinkedHashMap<>();
    int i = 0;
    int n = line.length();
    while (i < n) {
      while (i < n && Character.isWhitespace(line.charAt(i))) i++;
      int start = i;
      while (i < n && line.charAt(i) != '=' && !Character.isWhitespace(line.charAt(i))) i++;
      String key = line.substring(start, i);
      String value = "";
      if (i < n && line.charAt(i) == '=') {
        i++;
        StringBuilder v = new StringBuilder();
        if (i < n && line.charAt(i) == '"') {
          i++;
          while (i < n && line.charAt(i) != '"') {
            if (line.charAt(i) == '\\' && i + 1 < n) i++;
            v.append(line.charAt(i++));
          }
          i++;
        } else {
          while (i < n && !Character.isWhitespace(line.charAt(i))) v.append(line.charAt(i++));
        }
        value = v.toString();
      }
      if (!key.isEmpty()) kv.put(key, value);
    }
    return kv;
  }

  /**
   * {@code ps -axww -o pid,command}: the bhyve processes. Passed-through devices come from each
   * {@code -s SLOT,passthru,B/S/F} (also {@code host=B/S/F} or a {@code pptN} name); the VM is the
   * last argument. A process titled {@code bhyve: NAME} is a running VM whose arguments are gone.
   */
  static List<Bhyve> parsePs(String text) {
    List<Bhyve> out = new ArrayList<>();
    for (String line : text.split("\\n")) {
      String t = line.strip();
      int sp = t.indexOf(' ');
      if (sp < 0 || !t.substring(0, sp).matches("[0-9]+")) continue;
      long pid = Long.parseLong(t.substring(0, sp));
      String[] argv = t.substring(sp + 1).strip().split("\\s+");
      if (argv.length == 0) continue;
      if (argv[0].equals("bhyve:") && argv.length > 1) {
        out.add(new Bhyve(pid, argv[1], Set.of(), true));
        continue;
      }
      String prog = argv[0].substring(argv[0].lastIndexOf('/') + 1);
      if (!prog.equals("bhyve")) continue;
      Set<String> devs = new LinkedHashSet<>();
      for (int a = 1; a < argv.length; a++) {
        String slot = null;
        if (argv[a].equals("-s") && a + 1 < argv.length) slot = argv[++a];
        else if (argv[a].startsWith("-s") && argv[a].length() > 2) slot = argv[a].substring(2);
        if (slot == null) continue;
        String[] parts = slot.split(",");
        for (int p = 0; p + 1 < parts.length; p++) {
          if (!parts[p].equals("passthru")) continue;
          String d = parts[p + 1];
          if (d.startsWith("host=")) d = d.substring(5);
          devs.add(d);
        }
      }
      if (devs.isEmpty()) continue;
      out.add(new Bhyve(pid, argv[argv.length - 1], devs, false));
    }
    return out;
  }
}
