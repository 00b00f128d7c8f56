package io.iovc.kernel.linux;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link Netlink} through iproute2: reads {@code ip -json -details link show dev PF} (machine
 * output, never the human text) and sets one attribute per {@code ip link set dev PF vf N …}
 * request, a run of them through one {@code ip -batch -} ({@link #setAll}). The binary is {@code
 * $IOVC_IP}, else the first of /usr/sbin/ip, /sbin/ip, /usr/bin/ip, /bin/ip.
 */
public final class IpNetlink implements Netlink {
  private static final long TIMEOUT_SECONDS = 20;

  /** A batch's whole run, however many lines: a 256-VF apply under emulation takes minutes. */
  private static final long BATCH_TIMEOUT_SECONDS = 1800;

  /**
   * The patterns, compiled when a batch is written or its failure read: reading the live state
   * (status, plan) should compile none (the first regular expression a run compiles sets up the
   * JVM's lambda machinery).
   */
  private static final class Patterns {
    /** iproute2's report of the refused line of {@code ip -batch -} ({@code ip.c} batch()). */
    static final Pattern FAILED_LINE = Pattern.compile("Command failed -:([0-9]+)");

    /**
     * A word iproute2's batch reader ({@code makeargs()}) takes as it is: no blank, quote,
     * backslash or {@code #} (a comment). Interface names may hold quotes and {@code #}; a request
     * with such a word goes through its own {@code ip link set} process, whose arguments are never
     * parsed.
     */
    static final Pattern BATCH_WORD = Pattern.compile("[A-Za-z0-9._:@+%=,/-]+");
  }

  private final String ip;

  public IpNetlink(String ipBinary) {
    this.ip = ipBinary;
  }

  public static IpNetlink system() {
    String env = System.getenv("IOVC_IP");
    if (env != null && !env.isBlank()) return new IpNetlink(env);
    for (String c : List.of("/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip")) {
      if (Files.isExecutable(Path.of(c))) return new IpNetlink(c);
    }
    return new IpNetlink("ip");
  }

  @Override
  public List<VfLink> read(String pfNetdev) throws IOException {
    String[] outErr = new String[2];
    String json = run(List.of(ip, "-json", "-details", "link", "show", "dev", pfNetdev), outErr);
    if (outErr[1] != null && outErr[1].contains("Truncated VF list")) {
      // iproute2 (print_linkinfo) says so on stderr and still exits 0: the kernel's VF list
      // attribute has a 16-bit length and was cut (see RtNetlink).
      throw new IOException(
          "`ip -json -details link show dev "
              + pfNetdev
              + "` could not show every VF (\"Truncated VF list\"); iovc will not guess the"
              + " settings of the others");
    }
    try {
      return parse(json);
    } catch (IllegalArgumentException | JsonParseException e) {
      throw new IOException(
          "cannot read `ip -json -details link show dev " + pfNetdev + "`: " + e.getMessage());
    }
  }

  @Override
  public void set(String pfNetdev, int vf, List<String> args) throws IOException {
    List<String> cmd =
        new ArrayList<>(List.of(ip, "link", "set", "dev", pfNetdev, "vf", Integer.toString(vf)));
    cmd.addAll(args);
    run(cmd, new String[2]);
  }

  /**
   * All requests through one {@code ip -batch -}, one line and one netlink request each (the
   * process count of an apply no longer grows with its VFs). Without {@code -force} iproute2 stops
   * at the first refused line and names it ({@code Command failed -:N}); the lines before it were
   * done, the ones after it were not. A request whose words the batch reader would split or cut
   * goes the slow way ({@link Netlink#setAll}'s one process per request).
   */
  @Override
  public void setAll(String pfNetdev, List<VfRequest> requests) throws BatchFailure {
    if (requests.isEmpty()) return;
    if (requests.size() == 1 || !batchSafe(pfNetdev, requests)) {
      Netlink.super.setAll(pfNetdev, requests);
      return;
    }
    StringBuilder in = new StringBuilder();
    for (VfRequest r : requests) {
      in.append("link set dev ").append(pfNetdev).append(" vf ").append(r.vf());
      for (String a : r.args()) in.append(' ').append(a);
      in.append('\n');
    }
    try {
      run(List.of(ip, "-batch", "-"), in.toString(), new String[2], BATCH_TIMEOUT_SECONDS);
    } catch (IOException e) {
      String m = e.getMessage() == null ? e.toString() : e.getMessage();
      int line = failedLine(m);
      // no line named (it could not start, or died): the first request is the one in doubt
      int failed = line >= 1 && line <= requests.size() ? line - 1 : 0;
      String why = Patterns.FAILED_LINE.matcher(m).replaceAll(" ").strip().replaceAll("\\s+", " ");
      throw new BatchFailure(failed, why.isEmpty() ? m : why);
    }
  }

  /** Whether every word of the requests reaches iproute2's batch reader unchanged. */
  static boolean batchSafe(String pfNetdev, List<VfRequest> requests) {
    if (!Patterns.BATCH_WORD.matcher(pfNetdev).matches()) return false;
    for (VfRequest r : requests)
      for (String a : r.args()) if (!Patterns.BATCH_WORD.matcher(a).matches()) return false;
    return true;
  }

  /** The 1-based line iproute2 names in {@code Command failed -:N}, or -1. */
  static int failedLine(String stderr) {
    Matcher m = Patterns.FAILED_LINE.matcher(stderr);
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }

  /**
   * The VFs in {@code ip -json -details link show dev PF} output (read with gson); throws {@link
   * JsonParseException} on malformed JSON and IllegalArgumentException when the list is short.
   */
  static List<VfLink> parse(String json) {
    JsonElement root = JsonParser.parseString(json);
    List<VfLink> out = new ArrayList<>();
    if (!(root instanceof JsonArray links) || links.isEmpty()) return out;
    if (!(links.get(0) instanceof JsonObject link)) return out;
    if (!(link.get("vfinfo_list") instanceof JsonArray vfs)) return out;
    if (isNumber(link.get("num_vf")) && link.get("num_vf").getAsInt() > vfs.size())
      throw new IllegalArgumentException(
          "the kernel reports "
              + link.get("num_vf").getAsInt()
              + " VFs but the list shows "
              + vfs.size());
    for (JsonElement o : vfs) {
      if (!(o instanceof JsonObject vf)) continue;
      int vlan = 0;
      int qos = 0;
      String proto = null;
      if (vf.get("vlan_list") instanceof JsonArray vl
          && !vl.isEmpty()
          && vl.get(0) instanceof JsonObject v) {
        vlan = (int) num(v.get("vlan"));
        qos = (int) num(v.get("qos"));
        proto = string(v.get("protocol"));
      } else {
        vlan = (int) num(vf.get("vlan"));
        qos = (int) num(vf.get("qos"));
      }
      long min = 0;
      long max = 0;
      if (vf.get("rate") instanceof JsonObject r) {
        min = num(r.get("min_tx"));
        max = num(r.get("max_tx"));
      } else {
        max = num(vf.get("tx_rate"));
      }
      JsonElement rss = vf.has("query_rss_en") ? vf.get("query_rss_en") : vf.get("query_rss");
      out.add(
          new VfLink(
              (int) num(vf.get("vf")),
              string(vf.get("address")),
              vlan,
              qos,
              proto,
              bool(vf.get("spoofchk")),
              bool(vf.get("trust")),
              string(vf.get("link_state")),
              min,
              max,
              bool(rss)));
    }
    return out;
  }

  private static boolean isNumber(JsonElement e) {
    return e instanceof JsonPrimitive p && p.isNumber();
  }

  private static long num(JsonElement e) {
    return isNumber(e) ? e.getAsNumber().longValue() : 0;
  }

  /** A JSON string's value, else null. */
  static String string(JsonElement e) {
    return e instanceof JsonPrimitive p && p.isString() ? p.getAsString() : null;
  }

  private static Boolean bool(JsonElement e) {
    return e instanceof JsonPrimitive p && p.isBoolean() ? p.getAsBoolean() : null;
  }

  static String run(List<String> cmd, String[] outErr) throws IOException {
    return run(cmd, "", outErr, TIMEOUT_SECONDS);
  }

  private static String run(List<String> cmd, String input, String[] outErr, long timeoutSeconds)
      throws IOException {
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.PIPE).start();
    } catch (IOException e) {
      throw new IOException("cannot run " + cmd.get(0) + " (iproute2): " + e.getMessage());
    }
    // stdin from its own thread, so a large batch cannot block against a full stdout or stderr
    byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
    Thread feeder =
        new Thread(
            () -> {
              try (var stdin = p.getOutputStream()) {
                stdin.write(bytes);
              } catch (IOException e) {
                // it stopped reading (a refused batch line, an unknown option): its exit status
                // and stderr say why
              }
            },
            "iovc-ip-stdin");
    feeder.setDaemon(true);
    feeder.start();
    byte[] out;
    byte[] err;
    try {
      // Outputs are small (one link, or a batch's first refusal); read stderr after stdout.
      out = p.getInputStream().readAllBytes();
      err = p.getErrorStream().readAllBytes();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", cmd) + ": no answer after " + timeoutSeconds + " s");
      }
      feeder.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IOException("interrupted");
    }
    outErr[1] = new String(err, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      String msg = new String(err, StandardCharsets.UTF_8).strip();
      if (msg.isEmpty()) msg = "exit status " + p.exitValue();
      throw new IOException(msg.replace('\n', ' '));
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
