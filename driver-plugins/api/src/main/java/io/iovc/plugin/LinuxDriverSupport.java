package io.iovc.plugin;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one Linux PF driver does with each VF setting iovc sends through rtnetlink: whether it
 * implements the {@code ndo_set_vf_*} callback at all, and the values its callback refuses. A
 * plugin states one per Linux driver it serves ({@link DriverPlugin#linuxSupport()}); iovc checks a
 * file against it before anything is written, so the user meets the driver's refusal as a
 * diagnostic with the driver's name, not as a bare EINVAL halfway through an apply.
 *
 * <p>Every entry names its source: the driver file and function it was read from. A setting the
 * table does not list is one the driver does not implement (the kernel answers EOPNOTSUPP).
 */
public final class LinuxDriverSupport {
  /** How far a driver goes with one setting. */
  public enum Kind {
    /** Implemented for every value the kernel itself accepts. */
    ANY,
    /** Only one value is accepted (e.g. min_tx_rate 0, protocol 802.1Q). */
    ONLY,
    /** Numbers up to a maximum. */
    AT_MOST
  }

  /**
   * One setting's support.
   *
   * @param kind see {@link Kind}
   * @param value the one accepted value (ONLY), as the file writes it
   * @param max the largest accepted number (AT_MOST)
   * @param errno what the driver answers otherwise, e.g. {@code EINVAL}
   * @param source file and function, e.g. {@code igb_main.c igb_ndo_set_vf_bw()}
   * @param condition a condition the driver checks at run time, shown as a note (may be empty)
   */
  public record Support(
      Kind kind, String value, long max, String errno, String source, String condition) {}

  private final String driver;
  private final String sourceFile;
  private final Map<LinuxMapping, Support> settings;
  private final boolean eswitchModeWithoutVfs;

  private LinuxDriverSupport(Builder b) {
    this.driver = b.driver;
    this.sourceFile = b.sourceFile;
    this.settings = new EnumMap<>(b.settings);
    this.eswitchModeWithoutVfs = b.eswitchModeWithoutVfs;
  }

  /** Starts the table of a Linux driver; {@code sourceFile} is the file the entries cite. */
  public static Builder of(String driver, String sourceFile) {
    return new Builder(driver, sourceFile);
  }

  public String driver() {
    return driver;
  }

  /** The driver's source file, relative to the Linux tree. */
  public String sourceFile() {
    return sourceFile;
  }

  /** The setting's support, or null when the driver does not implement it. */
  public Support support(LinuxMapping setting) {
    return settings.get(setting);
  }

  /**
   * An ordering quirk: the driver changes its eswitch mode ({@link LinuxMapping#ESWITCH_MODE}) only
   * while the PF has no VFs (ice), so a change of mode removes the VFs, sets the mode and creates
   * them again. Other drivers change it with their VFs in place.
   */
  public boolean eswitchModeWithoutVfs() {
    return eswitchModeWithoutVfs;
  }

  /** The settings the driver implements, in enum order. */
  public List<LinuxMapping> implemented() {
    return new ArrayList<>(settings.keySet());
  }

  /** Fluent construction. */
  public static final class Builder {
    private final String driver;
    private final String sourceFile;
    private final Map<LinuxMapping, Support> settings = new EnumMap<>(LinuxMapping.class);
    private boolean eswitchModeWithoutVfs;

    private Builder(String driver, String sourceFile) {
      this.driver = Objects.requireNonNull(driver);
      this.sourceFile = Objects.requireNonNull(sourceFile);
    }

    /** The driver implements the setting for every value (read in {@code function}). */
    public Builder any(LinuxMapping setting, String function) {
      settings.put(setting, new Support(Kind.ANY, null, 0, null, function, ""));
      return this;
    }

    /**
     * The driver implements the setting for every value the file can write, but refuses some at run
     * time for a reason the file cannot show ({@code condition}, e.g. "EOPNOTSUPP while DCB is
     * active"); the condition is documentation, never a diagnostic of its own.
     */
    public Builder anyUnless(LinuxMapping setting, String function, String condition) {
      settings.put(
          setting,
          new Support(Kind.ANY, null, 0, null, function, Objects.requireNonNull(condition)));
      return this;
    }

    /** The driver accepts only {@code value}; anything else gets {@code errno}. */
    public Builder only(LinuxMapping setting, String value, String errno, String function) {
      settings.put(setting, new Support(Kind.ONLY, value, 0, errno, function, ""));
      return this;
    }

    /** Numbers up to {@code max}; more gets {@code errno}; {@code condition} may be empty. */
    public Builder atMost(
        LinuxMapping setting, long max, String errno, String function, String condition) {
      settings.put(setting, new Support(Kind.AT_MOST, null, max, errno, function, condition));
      return this;
    }

    /**
     * The driver changes its eswitch mode only while the PF has no VFs ({@code function} refuses it
     * otherwise, e.g. ice_eswitch_mode_set()): see {@link #eswitchModeWithoutVfs()}.
     */
    public Builder eswitchModeWithoutVfs(String function) {
      Objects.requireNonNull(function);
      this.eswitchModeWithoutVfs = true;
      return this;
    }

    public LinuxDriverSupport build() {
      return new LinuxDriverSupport(this);
    }
  }
}
