package io.iovc.pipeline;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a PF.device that no plugin serves most likely meant (IOV005's note and help). iovctl wants
 * the PF's device node under {@code /dev/iov/}, which is named after the PF driver's device, not
 * after a network interface or a VF; the names people write instead come from {@code ifconfig}
 * (mlx5en's interfaces are {@code mceN}, while its PF is {@code mlx5_coreN}), from the VF side
 * ({@code iavfN}, {@code ixvN}) or from a template that was never filled in.
 */
final class DeviceNameHints {
  private DeviceNameHints() {}

  /** A note (what the name is) and a help (what to write instead). */
  record Hint(String note, String help) {}

  private static final Pattern MCE = Pattern.compile("mce([0-9]+)");
  private static final Pattern IAVF = Pattern.compile("iavf([0-9]+)");
  private static final Pattern IXV = Pattern.compile("ixv([0-9]+)");

  /**
   * Placeholders of templates and documentation: {@code {}}, {@code <pf>}, {@code ${PF}}, {@code {{
   * pf }}}, {@code %s}, {@code $PF}, {@code @PF@}.
   */
  private static final Pattern TEMPLATE =
      Pattern.compile(
          "\\{\\}|\\{\\{.*\\}\\}|<[^<>]*>|\\$\\{[^}]*\\}|\\$[A-Za-z_][A-Za-z0-9_]*|%s|@[A-Za-z_]+@");

  /** The hint for {@code device} (decoded text), or null when the name says nothing more. */
  static Hint of(String device) {
    Matcher m = MCE.matcher(device);
    if (m.matches())
      return new Hint(
          "`mce"
              + m.group(1)
              + "` is the network interface mlx5en(4) creates; iovctl configures the PF device"
              + " it is attached to, `mlx5_coreN` (`sysctl dev.mce."
              + m.group(1)
              + ".%parent` names it)",
          "write that PF, e.g. `device : \"mlx5_core" + m.group(1) + "\";`");
    m = IAVF.matcher(device);
    if (m.matches())
      return new Hint(
          "`iavf"
              + m.group(1)
              + "` is a VF (iavf(4)), not a PF: VFs are what this file creates, on their PF",
          "name the PF the VFs come from: `ixlN` (Intel 700 series) or `iceN` (800 series)");
    m = IXV.matcher(device);
    if (m.matches())
      return new Hint(
          "`ixv" + m.group(1) + "` is a VF (ixv(4)), not a PF: VFs are what this file creates",
          "name the PF the VFs come from: `ixN`");
    if (TEMPLATE.matcher(device).find())
      return new Hint(
          "`" + device + "` looks like a template placeholder that was never filled in",
          "replace it with the PF's device name, e.g. `ixl0` (`iovc drivers` lists the names each"
              + " plugin serves)");
    return null;
  }
}
