package io.iovc.kernel.linux;

import io.iovc.plugin.DriverPlugin;
import io.iovc.plugin.LinuxDriverSupport;
import io.iovc.plugin.LinuxMapping;
import io.iovc.plugin.ParamSpec;
import io.iovc.plugin.ParamType;
import io.iovc.schema.PluginRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * Driver plugins for the compiler's own tests (the real ones live in driver-plugins/ and depend on
 * the compiler): shaped like netdevsim, ixl and bnxt, found by a registry through a plugin jar that
 * holds only their service file.
 */
public final class TestPlugins {
  private TestPlugins() {}

  static ParamSpec mac() {
    return ParamSpec.of("mac-addr", ParamType.UNICAST_MAC)
        .doc("mac")
        .linux(LinuxMapping.MAC_ADDRESS)
        .build();
  }

  static ParamSpec spoof() {
    return ParamSpec.of("mac-anti-spoof", ParamType.BOOL)
        .defaultValue(true)
        .doc("spoof")
        .linux(LinuxMapping.SPOOF_CHECK)
        .build();
  }

  static ParamSpec setMac() {
    return ParamSpec.of("allow-set-mac", ParamType.BOOL)
        .defaultValue(false)
        .doc("set mac")
        .linux(LinuxMapping.TRUST)
        .build();
  }

  static ParamSpec promisc() {
    return ParamSpec.of("allow-promisc", ParamType.BOOL)
        .defaultValue(false)
        .doc("promisc")
        .linux(LinuxMapping.TRUST)
        .build();
  }

  /** Like driver-plugins/netdevsim. */
  public static final class Nsim implements DriverPlugin {
    @Override
    public String name() {
      return "netdevsim";
    }

    @Override
    public String description() {
      return "test netdevsim";
    }

    @Override
    public List<String> devicePatterns() {
      return List.of("netdevsim[0-9]+");
    }

    @Override
    public List<String> linuxDrivers() {
      return List.of("netdevsim");
    }

    @Override
    public List<ParamSpec> vfParams() {
      return List.of(
          mac(),
          spoof(),
          setMac(),
          promisc(),
          ParamSpec.of("vlan", ParamType.VLAN)
              .defaultValue(4096L)
              .doc("vlan")
              .linux(LinuxMapping.VLAN)
              .build());
    }
  }

  /** Like driver-plugins/ixl, plus a parameter without a Linux counterpart. */
  public static final class Ixl implements DriverPlugin {
    @Override
    public String name() {
      return "ixl";
    }

    @Override
    public String description() {
      return "test ixl";
    }

    @Override
    public List<String> devicePatterns() {
      return List.of("ixl[0-9]+");
    }

    @Override
    public List<String> linuxDrivers() {
      return List.of("i40e");
    }

    /** A test table: no query_rss, no minimum rate, at most 40000 Mb/s. */
    @Override
    public List<LinuxDriverSupport> linuxSupport() {
      return List.of(
          LinuxDriverSupport.of("i40e", "i40e_virtchnl_pf.c")
              .any(LinuxMapping.MAC_ADDRESS, "i40e_ndo_set_vf_mac()")
              .any(LinuxMapping.SPOOF_CHECK, "i40e_ndo_set_vf_spoofchk()")
              .any(LinuxMapping.TRUST, "i40e_ndo_set_vf_trust()")
              .any(LinuxMapping.LINK_STATE, "i40e_ndo_set_vf_link_state()")
              .atMost(LinuxMapping.MAX_TX_RATE, 40000, "EINVAL", "i40e_ndo_set_vf_bw()", "")
              .only(LinuxMapping.MIN_TX_RATE, "0", "EINVAL", "i40e_ndo_set_vf_bw()")
              .build());
    }

    @Override
    public List<ParamSpec> vfParams() {
      return List.of(
          mac(),
          spoof(),
          setMac(),
          promisc(),
          ParamSpec.of("num-queues", ParamType.UINT16)
              .defaultValue(4L)
              .doc("queues")
              .linux(LinuxMapping.NOT_SETTABLE)
              .build(),
          ParamSpec.of("mirror-src-vsi", ParamType.UINT16)
              .defaultValue(65535L)
              .doc("mirror")
              .linux(LinuxMapping.NONE)
              .build());
    }
  }

  /** Like driver-plugins/bnxt: one trust parameter. */
  public static final class Bnxt implements DriverPlugin {
    @Override
    public String name() {
      return "bnxt";
    }

    @Override
    public String description() {
      return "test bnxt";
    }

    @Override
    public List<String> devicePatterns() {
      return List.of("bnxt[0-9]+");
    }

    @Override
    public List<String> linuxDrivers() {
      return List.of("bnxt_en");
    }

    @Override
    public List<ParamSpec> vfParams() {
      return List.of(
          mac(),
          ParamSpec.of("mac-anti-spoof", ParamType.BOOL)
              .defaultValue(false)
              .doc("s")
              .linux(LinuxMapping.SPOOF_CHECK)
              .build(),
          ParamSpec.of("trust", ParamType.BOOL)
              .defaultValue(false)
              .doc("t")
              .linux(LinuxMapping.TRUST)
              .build());
    }
  }

  /**
   * A directory with a jar that declares the test plugins (their classes come from the class path).
   */
  public static Path pluginDir() throws IOException {
    Path dir = Files.createTempDirectory("iovc-test-plugins-");
    try (OutputStream f = Files.newOutputStream(dir.resolve("test-plugins.jar"));
        JarOutputStream jar = new JarOutputStream(f)) {
      jar.putNextEntry(new JarEntry("META-INF/services/io.iovc.plugin.DriverPlugin"));
      jar.write(
          (Nsim.class.getName() + "\n" + Ixl.class.getName() + "\n" + Bnxt.class.getName() + "\n")
              .getBytes(StandardCharsets.UTF_8));
      jar.closeEntry();
    }
    return dir;
  }

  public static PluginRegistry registry() throws IOException {
    return PluginRegistry.load(List.of(pluginDir()));
  }
}
