package io.iovc.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.iovc.apply.ApplyResult;
import io.iovc.kernel.Outcome;
import java.util.List;

/**
 * The machine form of {@code iovc plan}, {@code diff}, {@code compile --apply} and {@code delete}:
 * one JSON object, {@code "version": 1}, following the schemas published beside {@code
 * status.schema.json} in {@code io/iovc/ops/} ({@code plan}, {@code diff}, {@code result}). The
 * named properties are a public contract (issue 12): properties may be added, never renamed; every
 * named property is present, null when it does not apply.
 */
final class OpsOutput {
  private OpsOutput() {}

  /** {@code --format}: true for json, false for human; anything else is a usage error. */
  static boolean json(String format) throws UserError {
    if (format.equals("json")) return true;
    if (format.equals("human")) return false;
    throw new UserError(2, "unknown --format `" + format + "`; use human or json");
  }

  /** {@code --backend}, else the running OS; a usage error when neither names one. */
  static String backend(String backend) throws UserError {
    String os = backend != null ? backend : io.iovc.apply.Backends.forThisOs();
    if (os == null)
      throw new UserError(
          2,
          "this host runs "
              + System.getProperty("os.name")
              + ", which has no SR-IOV; name one with --backend freebsd|linux");
    if (!os.equals("freebsd") && !os.equals("linux"))
      throw new UserError(2, "unknown backend `" + os + "`; use freebsd or linux");
    return os;
  }

  /**
   * {@code plan} and {@code diff} on FreeBSD: FreeBSD gives no read-back of the VF parameters that
   * iovc can cite (spec/operations.md §1.1–1.2: the IOV_GET_STATUS request code and keys are in no
   * readable source, the format of ifconfig's VF lines is unverified), so there is nothing honest
   * to compare a file with beyond the VF count.
   */
  static UserError notOnFreeBsd(String command) {
    return new UserError(
        69,
        "`iovc "
            + command
            + "` is not available on FreeBSD yet: FreeBSD offers no read-back of VF parameters"
            + " that iovc can rely on (the IOV_GET_STATUS ABI is not in any source iovc was built"
            + " from); `iovc status --backend freebsd` shows the VFs, `iovc compile -n FILE` what an"
            + " apply would send");
  }

  /** PF.device of a file, for JSON that has nothing else to say about it; null when unreadable. */
  static String deviceOf(String file, long maxInput) {
    Inputs.Input in = Inputs.expand(List.of(file), maxInput).get(0);
    if (in.problem() != null) return null;
    return io.iovc.check.ConfigTree.findDevice(io.iovc.syntax.Ucl.parse(in.source()));
  }

  /** One step of a plan: its VF (null for the PF), the file's parameter, the command, why. */
  record Step(Integer vf, String parameter, String command, String comment) {}

  /** A live value that differs from the file's. */
  record Difference(Integer vf, String parameter, String file, String live) {}

  /**
   * {@code iovc plan --format json}.
   *
   * @param changes null when there is no plan (see {@code error})
   */
  static String plan(
      String backend,
      String file,
      String device,
      String schema,
      Boolean changes,
      Integer liveVfs,
      Integer fileVfs,
      List<Step> steps,
      List<String> warnings,
      List<String> notes,
      String error) {
    JsonObject o = head(backend);
    o.addProperty("file", file);
    o.addProperty("device", device);
    o.addProperty("schema", schema);
    o.addProperty("changes", changes);
    JsonObject n = new JsonObject();
    n.addProperty("live", liveVfs);
    n.addProperty("file", fileVfs);
    o.add("num_vfs", n);
    JsonArray a = new JsonArray();
    for (Step s : steps) {
      JsonObject j = new JsonObject();
      j.addProperty("vf", s.vf());
      j.addProperty("parameter", s.parameter());
      j.addProperty("command", s.command());
      j.addProperty("comment", s.comment());
      a.add(j);
    }
    o.add("steps", a);
    o.add("warnings", strings(warnings));
    o.add("notes", strings(notes));
    o.addProperty("error", error);
    return print(o);
  }

  /**
   * {@code iovc diff --format json}.
   *
   * @param inSync null when nothing could be compared (see {@code error})
   * @param pending what an apply would still do when no single value differs (drivers, autoprobe)
   */
  static String diff(
      String backend,
      String file,
      String device,
      Boolean inSync,
      List<Difference> differences,
      List<String> pending,
      String error) {
    JsonObject o = head(backend);
    o.addProperty("file", file);
    o.addProperty("device", device);
    o.addProperty("in_sync", inSync);
    JsonArray a = new JsonArray();
    for (Difference d : differences) {
      JsonObject j = new JsonObject();
      j.addProperty("vf", d.vf());
      j.addProperty("parameter", d.parameter());
      j.addProperty("file", d.file());
      j.addProperty("live", d.live());
      a.add(j);
    }
    o.add("differences", a);
    o.add("pending", strings(pending));
    o.addProperty("error", error);
    return print(o);
  }

  /**
   * {@code iovc compile --apply --format json} and {@code iovc delete --format json}.
   *
   * @param command "apply" or "delete"
   * @param log the progress a person would have seen (steps run, rollback), in order
   */
  static String result(
      String backend, String command, String file, ApplyResult r, List<String> log) {
    JsonObject o = head(backend);
    o.addProperty("command", command);
    o.addProperty("file", file);
    o.addProperty("device", r.device());
    o.addProperty("changed", r.changed());
    o.addProperty("verified", r.verified());
    o.addProperty("rolled_back", r.rolledBack());
    o.addProperty("error", r.outcome() == Outcome.OK ? null : error(r));
    o.addProperty("exit_status", ExitStatus.of(r.outcome()));
    o.add("messages", strings(r.messages()));
    o.add("log", strings(log));
    long errors = r.diagnostics().stream().filter(d -> d.isError()).count();
    o.addProperty("file_errors", errors);
    return print(o);
  }

  /** The first message that says what went wrong, for {@code error}. */
  private static String error(ApplyResult r) {
    for (String m : r.messages()) if (!m.startsWith("warning: ") && !m.isBlank()) return m.strip();
    return "failed with exit status " + ExitStatus.of(r.outcome());
  }

  private static JsonObject head(String backend) {
    JsonObject o = new JsonObject();
    o.addProperty("version", 1);
    o.addProperty("backend", backend);
    return o;
  }

  private static JsonArray strings(List<String> list) {
    JsonArray a = new JsonArray();
    for (String s : list) a.add(s);
    return a;
  }

  private static String print(JsonObject o) {
    return new GsonBuilder().serializeNulls().setPrettyPrinting().create().toJson(o) + "\n";
  }
}
