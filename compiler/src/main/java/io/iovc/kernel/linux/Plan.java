package io.iovc.kernel.linux;

import java.util.ArrayList;
import java.util.List;

/**
 * The exact, ordered changes that take a PF from what it is to what the file says, plus the
 * differences they repair ({@code iovc diff}). Each step is one sysfs write, one netlink attribute
 * on one VF or the PF's eswitch mode (devlink), shown as the shell command that does the same.
 */
public record Plan(
    LiveState.Pf pf, List<Step> steps, List<Difference> differences, List<String> notes) {
  public Plan {
    steps = List.copyOf(steps);
    differences = List.copyOf(differences);
    notes = List.copyOf(notes);
  }

  public boolean isEmpty() {
    return steps.isEmpty();
  }

  /** What to change, on which VF (null for the PF), for which of the file's parameters. */
  public record Step(Action action, String display, String comment, Integer vf, String param) {
    /** For error messages: {@code VF-2 mac-addr} or {@code num_vfs}. */
    public String subject() {
      return vf == null ? param : "VF-" + vf + " " + param;
    }
  }

  /** One change to the kernel. */
  public sealed interface Action {
    /** Write {@code value} to a sysfs file. */
    record Write(String path, String value) implements Action {}

    /**
     * Write to a file of VF {@code vf} ({@code file} relative to the VF's directory), or, with
     * {@code busFile}, write the VF's PCI address to that bus file (drivers_probe, unbind). The
     * VF's address is looked up through {@code virtfnN} when the step runs.
     */
    record VfFile(String pfDir, int vf, String file, String value, String busFile)
        implements Action {}

    /** One {@code ip link set dev PF vf N …} request. */
    record SetVf(String netdev, int vf, List<String> args) implements Action {}

    /**
     * {@code devlink dev eswitch set HANDLE mode MODE}, written only when devlink shows another
     * mode when the step runs (removing the VFs may have changed it: netdevsim goes back to legacy,
     * and bnxt answers EINVAL to the mode it is in).
     */
    record SetEswitch(String handle, String mode) implements Action {}
  }

  /** A live value that differs from the file's. */
  public record Difference(Integer vf, String param, String wanted, String live) {
    public String render() {
      return (vf == null ? "" : "VF-" + vf + " ") + param + ": file " + wanted + ", live " + live;
    }
  }

  /** Steps that touch one VF, in order (for failure injection). */
  List<Integer> stepsOfVf(int vf) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).vf() != null && steps.get(i).vf() == vf) out.add(i);
    }
    return out;
  }
}
