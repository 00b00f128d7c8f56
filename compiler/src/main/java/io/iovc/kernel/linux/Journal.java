package io.iovc.kernel.linux;

import io.iovc.kernel.linux.LiveState.Bus;
import io.iovc.kernel.linux.LiveState.Pf;
import io.iovc.kernel.linux.LiveState.Snapshot;
import io.iovc.kernel.linux.LiveState.Vf;
import io.iovc.kernel.linux.Netlink.VfLink;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The record an apply keeps while it runs, beside its lock ({@code <pf>.journal} next to {@code
 * <pf>.lock}): which file, when, how many steps, the snapshot taken before step 1, and then one
 * line per step as it starts. A finished apply (verified, or failed and rolled back) deletes it;
 * one that was killed or lost its power leaves it, and the next iovc on that PF says "an apply of
 * FILE was interrupted at step N of M at TIME". {@code --apply} then converges to its file (the
 * plan starts from what the kernel shows), or with {@code --rollback-interrupted} restores the
 * journal's snapshot. Like NetworkManager's checkpoints behind nmstate: the state to go back to
 * outlives the client that took it. {@code iovc delete} keeps one too ({@code op delete}): "a
 * delete of the VFs of DEVICE was interrupted at step 1 of 1".
 *
 * <p>Text, one record per line, fields separated by spaces and URL-encoded ({@code !} is null):
 * header lines first, written to a temporary file, synced and renamed into place; then {@code step
 * N} lines appended and synced (a torn last line is ignored), {@code verify} when every step ran
 * and the read-back starts, {@code rollback} when the apply's own rollback starts.
 */
final class Journal implements AutoCloseable {
  static final String MAGIC = "iovc-journal 1";
  private static final String NULL = "!";

  private final Path path;
  private final FileChannel channel;

  private Journal(Path path, FileChannel channel) {
    this.path = path;
    this.channel = channel;
  }

  /**
   * What a journal says.
   *
   * @param file the applied file, as named on the command line
   * @param started when the apply began
   * @param pid the applying process
   * @param bootId the kernel's boot id then ({@code /proc/sys/kernel/random/boot_id}), or null
   * @param steps how many steps its plan had
   * @param reached the last step it started (0: none yet)
   * @param rollingBack it had started its own rollback
   * @param verifying every step had run and it was reading the PF back
   * @param delete it was an {@code iovc delete} ({@code file} is then the device as named)
   * @param before the PF as it was before the apply
   */
  record Entry(
      String file,
      Instant started,
      long pid,
      String bootId,
      int steps,
      int reached,
      boolean rollingBack,
      boolean verifying,
      boolean delete,
      Snapshot before) {
    /**
     * "an apply of FILE was interrupted at step N of M at TIME" ("a delete of the VFs of DEVICE
     * …").
     */
    String describe() {
      return what()
          + " was interrupted "
          + (reached == 0 ? "before step 1" : "at step " + reached)
          + " of "
          + steps
          + (rollingBack
              ? " (during its rollback)"
              : verifying ? " (every step had run; during its read-back)" : "")
          + " at "
          + TIME.format(started);
    }

    /** "an apply of FILE" or "a delete of the VFs of DEVICE". */
    String what() {
      return delete ? "a delete of the VFs of " + file : "an apply of " + file;
    }

    /** The process that wrote it still runs (same boot, same pid, not us). */
    boolean stillRunning(String currentBootId) {
      if (bootId != null && currentBootId != null && !bootId.equals(currentBootId)) return false;
      if (pid == ProcessHandle.current().pid()) return false;
      return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
  }

  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx").withZone(ZoneId.systemDefault());

  static Path path(Path dir, Pf pf) {
    return dir.resolve(pf.lockName().replace('/', '_') + ".journal");
  }

  /** Starts an apply's journal: the header and the snapshot, durable before the first step runs. */
  static Journal begin(
      Path dir, Pf pf, String file, int steps, Snapshot before, String bootId, Instant now)
      throws IOException {
    return begin(dir, pf, false, file, steps, before, bootId, now);
  }

  /**
   * Starts a journal for an apply, or with {@code delete} for {@code iovc delete} of the VFs of the
   * device named {@code file}.
   */
  static Journal begin(
      Path dir,
      Pf pf,
      boolean delete,
      String file,
      int steps,
      Snapshot before,
      String bootId,
      Instant now)
      throws IOException {
    Files.createDirectories(dir);
    Path p = path(dir, pf);
    StringBuilder sb = new StringBuilder(MAGIC).append('\n');
    if (delete) line(sb, "op", "delete");
    line(sb, "file", file);
    line(sb, "started", now.toString());
    line(sb, "pid", Long.toString(ProcessHandle.current().pid()));
    line(sb, "boot", bootId);
    line(sb, "steps", Integer.toString(steps));
    if (before.eswitchMode() != null) line(sb, "eswitch", before.eswitchMode());
    Pf f = before.pf();
    line(
        sb,
        "pf",
        f.id(),
        f.bus().name(),
        f.dir(),
        f.netdev(),
        f.driver(),
        str(f.totalVfs()),
        str(f.numVfs()),
        str(f.autoprobe()),
        str(f.vfOffset()),
        str(f.vfStride()));
    for (Vf v : before.vfs()) {
      List<String> a =
          new ArrayList<>(
              Arrays.asList(Integer.toString(v.index()), v.bdf(), v.driver(), v.override()));
      a.addAll(v.netdevs());
      line(sb, "vf", a.toArray(new String[0]));
    }
    for (VfLink l : new TreeMap<>(before.links()).values()) {
      line(
          sb,
          "link",
          Integer.toString(l.vf()),
          l.mac(),
          Integer.toString(l.vlan()),
          Integer.toString(l.qos()),
          l.vlanProto(),
          str(l.spoofchk()),
          str(l.trust()),
          l.linkState(),
          Long.toString(l.minTxRate()),
          Long.toString(l.maxTxRate()),
          str(l.queryRss()));
    }
    sb.append("begin\n");
    Path tmp = dir.resolve(p.getFileName() + ".tmp");
    try (FileChannel c =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      c.write(ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8)));
      c.force(true);
    }
    Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return new Journal(p, FileChannel.open(p, StandardOpenOption.APPEND));
  }

  /** Step {@code n} (1-based) is about to run. */
  void reached(int n) throws IOException {
    append("step " + n + "\n");
  }

  /** The apply's own rollback is about to run. */
  void rollingBack() throws IOException {
    append("rollback\n");
  }

  /** Every step ran; the read-back is about to start. */
  void verifying() throws IOException {
    append("verify\n");
  }

  private void append(String s) throws IOException {
    channel.write(ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII)));
    channel.force(false);
  }

  /** The apply ended and said how: the journal goes. */
  void finish() throws IOException {
    channel.close();
    Files.deleteIfExists(path);
  }

  /** Leaves the file (an abandoned apply); closes the channel. */
  @Override
  public void close() throws IOException {
    channel.close();
  }

  static void delete(Path dir, Pf pf) throws IOException {
    Files.deleteIfExists(path(dir, pf));
  }

  /** The journal of {@code pf}, or null when there is none. */
  static Entry read(Path dir, Pf pf) throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(path(dir, pf), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return null;
    } catch (java.nio.charset.MalformedInputException e) {
      throw new IOException(path(dir, pf) + " is not an iovc journal");
    }
    if (lines.isEmpty() || !lines.get(0).equals(MAGIC))
      throw new IOException(path(dir, pf) + " is not an iovc journal");
    Map<String, String[]> head = new TreeMap<>();
    Pf p = null;
    List<Vf> vfs = new ArrayList<>();
    Map<Integer, VfLink> links = new TreeMap<>();
    int reached = 0;
    boolean rolling = false;
    boolean verifying = false;
    boolean begun = false;
    try {
      for (String raw : lines.subList(1, lines.size())) {
        String[] w = raw.split(" ", -1);
        String[] a = Arrays.copyOfRange(w, 1, w.length);
        for (int i = 0; i < a.length; i++) a[i] = dec(a[i]);
        switch (w[0]) {
          case "pf" ->
              p =
                  new Pf(
                      a[0],
                      Bus.valueOf(a[1]),
                      a[2],
                      a[3],
                      a[4],
                      integer(a[5]),
                      integer(a[6]),
                      bool(a[7]),
                      integer(a[8]),
                      integer(a[9]));
          case "vf" ->
              vfs.add(
                  new Vf(
                      Integer.parseInt(a[0]),
                      a[1],
                      a[2],
                      a[3],
                      List.of(Arrays.copyOfRange(a, 4, a.length))));
          case "link" ->
              links.put(
                  Integer.parseInt(a[0]),
                  new VfLink(
                      Integer.parseInt(a[0]),
                      a[1],
                      Integer.parseInt(a[2]),
                      Integer.parseInt(a[3]),
                      a[4],
                      bool(a[5]),
                      bool(a[6]),
                      a[7],
                      Long.parseLong(a[8]),
                      Long.parseLong(a[9]),
                      bool(a[10])));
          case "begin" -> begun = true;
          case "step" -> reached = Math.max(reached, Integer.parseInt(a[0]));
          case "rollback" -> rolling = true;
          case "verify" -> verifying = true;
          case "" -> {}
          default -> head.put(w[0], a);
        }
      }
      if (!begun || p == null) throw new IOException("incomplete");
      return new Entry(
          head.get("file")[0],
          Instant.parse(head.get("started")[0]),
          Long.parseLong(head.get("pid")[0]),
          head.get("boot")[0],
          Integer.parseInt(head.get("steps")[0]),
          reached,
          rolling,
          verifying,
          head.containsKey("op") && "delete".equals(head.get("op")[0]),
          new Snapshot(p, vfs, links, head.containsKey("eswitch") ? head.get("eswitch")[0] : null));
    } catch (RuntimeException | IOException e) {
      throw new IOException(
          path(dir, pf) + " is damaged (" + e.getMessage() + "); delete it to go on");
    }
  }

  private static void line(StringBuilder sb, String key, String... fields) {
    sb.append(key);
    for (String f : fields) sb.append(' ').append(enc(f));
    sb.append('\n');
  }

  private static String enc(String s) {
    return s == null ? NULL : URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String dec(String s) {
    return s.equals(NULL) ? null : URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static String str(Object o) {
    return o == null ? null : o.toString();
  }

  private static Integer integer(String s) {
    return s == null ? null : Integer.valueOf(s);
  }

  private static Boolean bool(String s) {
    return s == null ? null : Boolean.valueOf(s);
  }
}
