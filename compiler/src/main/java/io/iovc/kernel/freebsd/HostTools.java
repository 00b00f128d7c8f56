package io.iovc.kernel.freebsd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What iovc can learn about a PF from FreeBSD's own tools, read-only: {@code pciconf -lc} (the
 * SR-IOV capability's TotalVFs, NumVFs, VF RID offset and stride, and every PCI function present)
 * and {@code sysctl -n hw.pci.iov_max_config}. The ioctl cannot tell that a driver refused one VF
 * (the kernel deletes that VF and still returns 0, spec §5.6 step 9.5), so after an apply iovc
 * computes each VF's PCI address from the capability and checks that pciconf lists it.
 *
 * <p>{@code IOVC_TOOLS_DIR} names a directory holding {@code pciconf} and {@code sysctl} to use
 * instead of {@code /usr/sbin/pciconf} and {@code /sbin/sysctl} (the test seam).
 */
public final class HostTools {
  private static final Pattern HEADER =
      Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*?[0-9]+)@pci([0-9]+):([0-9]+):([0-9]+):([0-9]+):.*");
  private static final Pattern COUNTS =
      Pattern.compile("([0-9]+) VFs configured out of ([0-9]+) supported");
  private static final Pattern RID =
      Pattern.compile("First VF RID Offset 0x([0-9a-fA-F]+), VF RID Stride 0x([0-9a-fA-F]+)");

  private final Path pciconf;
  private final Path sysctl;

  HostTools(Path pciconf, Path sysctl) {
    this.pciconf = pciconf;
    this.sysctl = sysctl;
  }

  static HostTools fromEnv() {
    String dir = System.getenv("IOVC_TOOLS_DIR");
    if (dir != null && !dir.isBlank())
      return new HostTools(Path.of(dir, "pciconf"), Path.of(dir, "sysctl"));
    return new HostTools(Path.of("/usr/sbin/pciconf"), Path.of("/sbin/sysctl"));
  }

  /** A PCI function as pciconf lists it. */
  record Function(String name, int domain, int bus, int slot, int func, List<String> lines) {
    String selector() {
      return "pci" + domain + ":" + bus + ":" + slot + ":" + func;
    }

    int rid() {
      return bus << 8 | slot << 3 | func;
    }
  }

  /** The SR-IOV capability of a PF. */
  record Sriov(Function pf, int numVfs, int totalVfs, int offset, int stride) {
    /** The routing ID of VF {@code i}: PF RID + offset + i * stride. */
    int vfRid(int i) {
      return pf.rid() + offset + i * stride;
    }
  }

  /** What pciconf said, or why it could not be asked. */
  record Listing(Map<String, Function> bySelector, Map<String, Function> byName, String problem) {}

  Listing listing() {
    String out;
    try {
      out = run(pciconf, "-lc");
    } catch (IOException e) {
      return new Listing(Map.of(), Map.of(), e.getMessage());
    }
    Listing l = parse(out);
    if (l.bySelector().isEmpty())
      return new Listing(l.bySelector(), l.byName(), pciconf + " -lc listed no PCI functions");
    return l;
  }

  /** Parses {@code pciconf -l} text (with or without {@code -c}/{@code -v} detail lines). */
  static Listing parse(String out) {
    Map<String, Function> bySel = new LinkedHashMap<>();
    Map<String, Function> byName = new LinkedHashMap<>();
    Function cur = null;
    for (String line : out.split("\n")) {
      Matcher m = HEADER.matcher(line);
      if (m.matches()) {
        cur =
            new Function(
                m.group(1),
                Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)),
                Integer.parseInt(m.group(4)),
                Integer.parseInt(m.group(5)),
                new ArrayList<>());
        bySel.put(cur.selector(), cur);
        byName.putIfAbsent(cur.name(), cur);
      } else if (cur != null) {
        cur.lines().add(line);
      }
    }
    return new Listing(bySel, byName, null);
  }

  /**
   * The function at routing ID {@code rid} in {@code domain}, or null. By RID, not by selector:
   * with ARI (an X710's VFs) pciconf names function 16 of bus 1 {@code pci0:1:0:16}, without ARI
   * the same RID is {@code pci0:1:2:0}; bus << 8 | slot << 3 | func is the RID either way.
   */
  static Function byRid(Listing l, int domain, int rid) {
    for (Function f : l.bySelector().values()) {
      if (f.domain() == domain && f.rid() == rid) return f;
    }
    return null;
  }

  /** The SR-IOV capability of {@code device}, or null when pciconf does not show one. */
  static Sriov sriov(Listing l, String device) {
    Function f = l.byName().get(device);
    if (f == null) return null;
    int num = -1;
    int total = -1;
    int off = -1;
    int stride = -1;
    for (String line : f.lines()) {
      Matcher c = COUNTS.matcher(line);
      if (c.find()) {
        num = Integer.parseInt(c.group(1));
        total = Integer.parseInt(c.group(2));
      }
      Matcher r = RID.matcher(line);
      if (r.find()) {
        off = Integer.parseInt(r.group(1), 16);
        stride = Integer.parseInt(r.group(2), 16);
      }
    }
    if (total < 0 || off < 0) return null;
    return new Sriov(f, num, total, off, stride);
  }

  /** TotalVFs of {@code device}, or -1 when unknown. */
  int totalVfs(String device) {
    Listing l = listing();
    if (l.problem() != null) return -1;
    Sriov s = sriov(l, device);
    return s == null ? -1 : s.totalVfs();
  }

  /** What the kernel created: info lines, and warnings when fewer VFs exist than requested. */
  public record Readback(int found, List<String> info, List<String> warnings) {}

  /** Counts the VFs of {@code device} that pciconf lists, against {@code requested}. */
  Readback readBack(String device, int requested) {
    List<String> info = new ArrayList<>();
    List<String> warn = new ArrayList<>();
    Listing l = listing();
    if (l.problem() != null) {
      warn.add(
          "could not check which VFs the kernel created: "
              + l.problem()
              + " (run `pciconf -lc` to see them)");
      return new Readback(-1, info, warn);
    }
    Sriov s = sriov(l, device);
    if (s == null) {
      warn.add(
          "could not check which VFs the kernel created: `pciconf -lc` shows no SR-IOV capability for "
              + device
              + (l.byName().containsKey(device)
                  ? ""
                  : " (a Chelsio port's PF is listed as t4iov/t5iov/t6iov)"));
      return new Readback(-1, info, warn);
    }
    List<String> present = new ArrayList<>();
    List<Integer> missing = new ArrayList<>();
    for (int i = 0; i < requested; i++) {
      Function vf = byRid(l, s.pf().domain(), s.vfRid(i));
      if (vf == null) missing.add(i);
      else present.add(vf.name() + " (VF-" + i + ", " + vf.selector() + ")");
    }
    if (s.numVfs() != requested) {
      warn.add(
          device
              + "'s SR-IOV capability says "
              + s.numVfs()
              + " VFs are configured, not "
              + requested);
    }
    if (missing.isEmpty()) {
      info.add(
          device
              + ": "
              + present.size()
              + " VF"
              + (present.size() == 1 ? "" : "s")
              + " present: "
              + String.join(", ", present));
    } else {
      StringBuilder which = new StringBuilder();
      for (int i : missing) which.append(which.length() == 0 ? "" : ", ").append("VF-").append(i);
      warn.add(
          device
              + ": only "
              + present.size()
              + " of "
              + requested
              + " VFs exist; missing "
              + which
              + ". The driver refused them (the kernel logs `"
              + device
              + ": Failed to add VF <n>` and deletes that VF, yet the ioctl succeeds); see `dmesg`, fix the VF's settings, then re-apply with --replace");
    }
    return new Readback(present.size(), info, warn);
  }

  /** {@code hw.pci.iov_max_config}, or -1 when it cannot be read. */
  long maxConfig() {
    try {
      String out = run(sysctl, "-n", "hw.pci.iov_max_config").strip();
      return Long.parseLong(out);
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
  }

  static String run(Path program, String... args) throws IOException {
    if (!Files.isExecutable(program)) throw new IOException(program + " is not available");
    List<String> argv = new ArrayList<>();
    argv.add(program.toString());
    argv.addAll(List.of(args));
    Path out = Files.createTempFile("iovc-", ".out");
    try {
      Process p =
          new ProcessBuilder(argv)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .redirectOutput(out.toFile())
              .start();
      try {
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new IOException(program + " did not finish within 20 seconds");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
        throw new IOException(program + " was interrupted");
      }
      if (p.exitValue() != 0)
        throw new IOException(
            program + " " + String.join(" ", args) + " failed (exit " + p.exitValue() + ")");
      if (Files.size(out) > (16 << 20))
        throw new IOException(program + " printed more than 16 MiB");
      return Files.readString(out, StandardCharsets.ISO_8859_1);
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
