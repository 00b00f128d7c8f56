package io.iovc.plugin;

import java.util.List;

/**
 * A FreeBSD PF driver's SR-IOV schema and knowledge, found with {@link java.util.ServiceLoader} (on
 * the class path or in a plugin directory). A plugin is data: it declares, it does not run checks
 * itself; the checker applies its {@link ValueHint}s and limits.
 */
public interface DriverPlugin {
  /** Short driver name, as {@code --driver} takes it: {@code ixl}, {@code cxgbe}… */
  String name();

  /** One line for {@code iovc drivers}: the cards it serves. */
  String description();

  /**
   * Regular expressions (whole match) for the {@code /dev/iov/} node names this driver creates,
   * e.g. {@code ixl[0-9]+}.
   */
  List<String> devicePatterns();

  /**
   * A few device names this driver serves, for editor completion and fixes. By default one per
   * alternative of each simple pattern, with every digit run as 0: {@code (cxgbe|cxl|cc)[0-9]+}
   * gives cxgbe0, cxl0 and cc0. Override it when the patterns are more than that.
   */
  default List<String> exampleDevices() {
    return DevicePatterns.examples(devicePatterns());
  }

  /**
   * The FreeBSD manual page (section 4) that documents this driver, for editors' links: by default
   * the driver's own name ({@code ixl} → ixl(4)). {@code null} when FreeBSD has no such page (a
   * Linux-only simulator, or a driver shipped without one).
   */
  default String manualPage() {
    return name();
  }

  /** Names of the Linux kernel drivers for the same hardware, e.g. {@code i40e}. */
  List<String> linuxDrivers();

  /** Driver parameters of the PF, in schema order (empty for every FreeBSD driver so far). */
  default List<ParamSpec> pfParams() {
    return List.of();
  }

  /** Driver parameters of each VF, in schema order. */
  List<ParamSpec> vfParams();

  /** Most VFs the driver can create (0 when only the hardware knows). */
  default int maxVfs() {
    return 0;
  }

  /** Why {@link #maxVfs()} is what it is, for the warning. */
  default String maxVfsReason() {
    return "";
  }

  /**
   * For each Linux driver in {@link #linuxDrivers()} whose VF callbacks the plugin has read: which
   * settings it implements and the values it refuses. Empty when unknown (nothing is checked).
   */
  default List<LinuxDriverSupport> linuxSupport() {
    return List.of();
  }

  /** The plugin's own diagnostic codes, with their long explanations. */
  default List<CodeDoc> codes() {
    return List.of();
  }

  /**
   * A plugin with no devices, Linux drivers or parameters of its own: the schema iovc builds from
   * it then holds only what the SR-IOV core knows (num_vfs, device, passthrough…).
   */
  static DriverPlugin withoutParameters(String name, String description) {
    return new DriverPlugin() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String description() {
        return description;
      }

      @Override
      public List<String> devicePatterns() {
        return List.of();
      }

      @Override
      public List<String> linuxDrivers() {
        return List.of();
      }

      @Override
      public List<ParamSpec> vfParams() {
        return List.of();
      }
    };
  }

  /**
   * A plugin code and its long explanation, which {@code iovc explain CODE} and the editor show.
   */
  record CodeDoc(PluginCode code, String explanation) {}
}
