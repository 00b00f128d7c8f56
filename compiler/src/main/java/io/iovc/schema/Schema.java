package io.iovc.schema;

import io.iovc.nvlist.NvFormatException;
import io.iovc.nvlist.NvList;
import io.iovc.nvlist.NvPair;
import io.iovc.nvlist.NvUnpacker;
import io.iovc.nvlist.NvValue;
import io.iovc.plugin.DriverPlugin;
import io.iovc.plugin.ParamSpec;
import io.iovc.plugin.ParamType;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A PF's configuration schema, kept as the nvlist the kernel publishes ({@code IOV_GET_SCHEMA},
 * spec §6.1) so that lookups behave as iovctl's do (case-insensitive only where the list says so),
 * plus the plugin's documentation when the schema came from a plugin.
 *
 * <p>Three sources: a {@link DriverPlugin} (offline), a packed schema blob, or the text {@code
 * iovctl -S} prints.
 */
public final class Schema {
  /** Which device a parameter configures. */
  public enum Device {
    PF("PF"),
    VF("VF");

    private final String key;

    Device(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }
  }

  /** The subsystem a parameter belongs to: the SR-IOV infrastructure or the PF driver. */
  public enum Subsystem {
    IOV("IOV"),
    DRIVER("DRIVER");

    private final String key;

    Subsystem(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }
  }

  /** One parameter node of the schema, with the plugin's spec when known. */
  public record Param(
      String name, NvValue node, Device device, Subsystem subsystem, ParamSpec spec) {
    /** The node as an nvlist, or null when the schema entry is not an nvlist. */
    public NvList list() {
      return node instanceof NvValue.Nested n ? n.list() : null;
    }

    /** The TYPE string, or null when absent or not a string. */
    public String typeName() {
      NvList l = list();
      return l != null && l.get("type") instanceof NvValue.Str s ? s.value() : null;
    }

    public ParamType type() {
      return ParamType.byName(typeName());
    }

    /** REQUIRED as iovctl reads it ({@code dnvlist_get_bool(…, false)}); null if not a bool. */
    public Boolean requiredFlag() {
      NvList l = list();
      if (l == null) return null;
      NvValue r = l.get("required");
      if (r == null) return Boolean.FALSE;
      return r instanceof NvValue.Bool b ? b.value() : null;
    }

    public boolean required() {
      return Boolean.TRUE.equals(requiredFlag());
    }

    public NvValue defaultValue() {
      NvList l = list();
      return l == null ? null : l.get("default");
    }

    /** The default as iovctl -S prints it, or null. */
    public String defaultText() {
      NvValue d = defaultValue();
      ParamType t = type();
      if (d == null || t == null) return null;
      Object v = fromNv(d);
      return v == null ? null : t.formatDefault(v);
    }

    public String doc() {
      if (spec != null && !spec.doc().isEmpty()) return spec.doc();
      return coreDoc(device, subsystem, name);
    }
  }

  private final NvList root;
  private final String origin;
  private final DriverPlugin plugin;
  private final Platform platform;
  private final String linuxDriver;

  private Schema(NvList root, String origin, DriverPlugin plugin) {
    this(root, origin, plugin, Platform.FREEBSD, null);
  }

  private Schema(
      NvList root, String origin, DriverPlugin plugin, Platform platform, String linuxDriver) {
    this.root = root;
    this.origin = origin;
    this.plugin = plugin;
    this.platform = platform;
    this.linuxDriver = linuxDriver;
  }

  /**
   * The system the file is checked for: FreeBSD (iovctl's schema only) or Linux (plus {@link
   * LinuxParams}). Schemas that come from a blob, {@code iovctl -S} text or the live kernel are
   * FreeBSD's.
   */
  public Platform platform() {
    return platform;
  }

  /**
   * The Linux driver whose capabilities ({@link DriverPlugin#linuxSupport()}) the file is checked
   * against: the driver bound to the PF when iovc applies, else the plugin's only Linux driver;
   * null on FreeBSD or when unknown.
   */
  public String linuxDriver() {
    return linuxDriver;
  }

  /** This schema for the Linux driver bound to the PF (Linux schemas from a plugin only). */
  public Schema withLinuxDriver(String driver) {
    if (platform != Platform.LINUX || driver == null) return this;
    return new Schema(root, origin, plugin, platform, driver);
  }

  /** Where this schema came from, for messages: "the ixl plugin", "schema file x.bin". */
  public String origin() {
    return origin;
  }

  /** The plugin behind this schema, or null (blob, text, live kernel). */
  public DriverPlugin plugin() {
    return plugin;
  }

  public NvList nvlist() {
    return root;
  }

  // ------------------------------------------------------------------ sources

  /** The schema the kernel builds for a driver (pci_iov_schema.c): IOV parameters added. */
  public static Schema fromPlugin(DriverPlugin p) {
    return fromPlugin(p, Platform.FREEBSD);
  }

  /**
   * The plugin's schema for a platform: on Linux the VF and the PF also take {@link LinuxParams}
   * (those the plugin does not declare itself, such as bnxt's own {@code trust}), checked against
   * the plugin's only Linux driver until the PF's own driver is known ({@link #withLinuxDriver}).
   */
  public static Schema fromPlugin(DriverPlugin p, Platform platform) {
    synchronized (LAST) {
      Schema last = LAST[platform.ordinal()];
      if (last != null && last.plugin == p) return last;
    }
    Schema made = build(p, platform);
    synchronized (LAST) {
      LAST[platform.ordinal()] = made;
    }
    return made;
  }

  /**
   * The plugin schema made last for each platform. A directory of files for one card asks for the
   * same plugin's schema once per file (twice on Linux, where the FreeBSD one comes first); making
   * it every time was a tenth of a 10 000-file check. A schema is never changed once made, so the
   * same one can serve every file. (An array under a lock: an AtomicReferenceArray sets up the
   * JVM's VarHandle machinery, a cost every one-file check would pay.)
   */
  private static final Schema[] LAST = new Schema[Platform.values().length];

  private static Schema build(DriverPlugin p, Platform platform) {
    List<ParamSpec> vf = p.vfParams();
    List<ParamSpec> pf = p.pfParams();
    if (platform == Platform.LINUX) {
      pf = new ArrayList<>(pf);
      for (ParamSpec l : LinuxParams.pf()) {
        boolean own = false;
        for (ParamSpec q : p.pfParams()) own |= q.name().equalsIgnoreCase(l.name());
        if (!own) pf.add(l);
      }
      vf = new ArrayList<>(vf);
      for (ParamSpec l : LinuxParams.vf()) {
        boolean own = false;
        for (ParamSpec q : p.vfParams()) own |= q.name().equalsIgnoreCase(l.name());
        if (!own) vf.add(l);
      }
    }
    NvList root = new NvList(NvList.IGNORE_CASE);
    root.add(
        "PF",
        new NvValue.Nested(
            device(
                pf,
                List.of(
                    ParamSpec.of("num_vfs", ParamType.UINT16).required().build(),
                    ParamSpec.of("device", ParamType.STRING).required().build()))));
    root.add(
        "VF",
        new NvValue.Nested(
            device(
                vf,
                List.of(ParamSpec.of("passthrough", ParamType.BOOL).defaultValue(false).build()))));
    String origin = "the " + p.name() + " plugin" + (platform == Platform.LINUX ? " (Linux)" : "");
    String driver =
        platform == Platform.LINUX && p.linuxDrivers().size() == 1 ? p.linuxDrivers().get(0) : null;
    return new Schema(root, origin, p, platform, driver);
  }

  private static NvList device(List<ParamSpec> driver, List<ParamSpec> iov) {
    NvList dev = new NvList(NvList.IGNORE_CASE);
    dev.add("DRIVER", new NvValue.Nested(params(driver)));
    dev.add("IOV", new NvValue.Nested(params(iov)));
    return dev;
  }

  private static NvList params(List<ParamSpec> specs) {
    NvList l = new NvList(NvList.IGNORE_CASE);
    for (ParamSpec s : specs) {
      NvList n = new NvList(NvList.IGNORE_CASE);
      n.add("type", new NvValue.Str(s.type().wireName()));
      if (s.defaultValue() != null) n.add("default", toNv(s.type(), s.defaultValue()));
      if (s.required()) n.add("required", new NvValue.Bool(true));
      l.add(s.name(), new NvValue.Nested(n));
    }
    return l;
  }

  private static NvValue toNv(ParamType t, Object v) {
    return switch (t) {
      case BOOL -> new NvValue.Bool((Boolean) v);
      case STRING -> new NvValue.Str((String) v);
      case UNICAST_MAC -> new NvValue.Binary((byte[]) v);
      default -> new NvValue.Number((Long) v);
    };
  }

  private static Object fromNv(NvValue v) {
    if (v instanceof NvValue.Bool b) return b.value();
    if (v instanceof NvValue.Str s) return s.value();
    if (v instanceof NvValue.Number n) return n.value();
    if (v instanceof NvValue.Binary b) return b.bytes();
    return null;
  }

  /**
   * A packed schema nvlist, as IOV_GET_SCHEMA returns it, unpacked like iovctl does ({@code
   * nvlist_unpack(…, NV_FLAG_IGNORE_CASE)}) and checked for the structure iovctl relies on.
   */
  public static Schema fromBlob(byte[] blob, String origin) throws SchemaException {
    NvList root;
    try {
      root = NvUnpacker.unpack(blob, NvList.IGNORE_CASE);
    } catch (NvFormatException e) {
      throw new SchemaException("cannot unpack the schema: " + e.getMessage());
    }
    return fromNvList(root, origin);
  }

  public static Schema fromNvList(NvList root, String origin) throws SchemaException {
    for (Device d : Device.values()) {
      NvList dev = root.getList(d.key());
      if (dev == null)
        throw new SchemaException("the schema has no " + d.key() + " list (iovctl would abort)");
      for (Subsystem s : Subsystem.values()) {
        if (dev.getList(s.key()) == null) {
          throw new SchemaException(
              "the schema has no " + d.key() + "." + s.key() + " list (iovctl would abort)");
        }
      }
    }
    return new Schema(root, origin, null);
  }

  /**
   * The text {@code iovctl -S} prints (spec §1.5). It does not say which subsystem a parameter
   * belongs to; the fixed rule is IOV = {num_vfs, device} on the PF and {passthrough} on VFs.
   */
  public static Schema fromIovctlText(String text, String origin) throws SchemaException {
    Map<Device, List<ParamSpec>> driver = new LinkedHashMap<>();
    Map<Device, List<ParamSpec>> iov = new LinkedHashMap<>();
    for (Device d : Device.values()) {
      driver.put(d, new ArrayList<>());
      iov.put(d, new ArrayList<>());
    }
    Device cur = null;
    int lineNo = 0;
    for (String line : text.split("\n", -1)) {
      lineNo++;
      String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
      if (l.startsWith("The following configuration parameters may be configured on the PF")) {
        cur = Device.PF;
        continue;
      }
      if (l.startsWith("The following configuration parameters may be configured on a VF")) {
        cur = Device.VF;
        continue;
      }
      if (l.isBlank()) continue;
      if (cur == null || !l.startsWith("\t") && !l.startsWith(" ")) {
        throw new SchemaException("line " + lineNo + ": not iovctl -S output: " + l);
      }
      String body = l.strip();
      int colon = body.indexOf(" : ");
      if (colon < 0) throw new SchemaException("line " + lineNo + ": expected `name : type`");
      String name = body.substring(0, colon);
      String rest = body.substring(colon + 3);
      String typeName = rest;
      String attr = null;
      int paren = rest.indexOf(" (");
      if (paren >= 0 && rest.endsWith(")")) {
        typeName = rest.substring(0, paren);
        attr = rest.substring(paren + 2, rest.length() - 1);
      }
      ParamType type = ParamType.byName(typeName);
      if (type == null)
        throw new SchemaException("line " + lineNo + ": unknown type `" + typeName + "`");
      ParamSpec.Builder b = ParamSpec.of(name, type);
      if ("required".equals(attr)) {
        b.required();
      } else if (attr != null && attr.startsWith("default = ")) {
        b.defaultValue(parseDefault(type, attr.substring(10), lineNo));
      } else if (attr != null && !"optional".equals(attr)) {
        throw new SchemaException("line " + lineNo + ": unexpected `(" + attr + ")`");
      }
      boolean isIov =
          cur == Device.PF
              ? name.equals("num_vfs") || name.equals("device")
              : name.equals("passthrough");
      (isIov ? iov : driver).get(cur).add(b.build());
    }
    if (cur == null)
      throw new SchemaException(
          "not iovctl -S output (no 'The following configuration parameters' line)");
    NvList root = new NvList(NvList.IGNORE_CASE);
    for (Device d : Device.values()) {
      root.add(d.key(), new NvValue.Nested(device(driver.get(d), iov.get(d))));
    }
    return new Schema(root, origin, null);
  }

  private static Object parseDefault(ParamType t, String s, int lineNo) throws SchemaException {
    try {
      switch (t) {
        case BOOL:
          if (s.equals("true")) return Boolean.TRUE;
          if (s.equals("false")) return Boolean.FALSE;
          break;
        case STRING:
          return s;
        case UNICAST_MAC:
          String[] parts = s.split(":");
          if (parts.length != 6) break;
          byte[] mac = new byte[6];
          for (int i = 0; i < 6; i++) mac[i] = (byte) Integer.parseInt(parts[i], 16);
          return mac;
        case VLAN:
          if (s.equals("trunk")) return 4096L;
          return Long.parseLong(s);
        default:
          return Long.parseUnsignedLong(s);
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new SchemaException("line " + lineNo + ": bad default `" + s + "` for " + t.wireName());
  }

  /** A schema file: packed nvlist bytes (starting with 'l') or iovctl -S text. */
  public static Schema fromFile(byte[] bytes, String origin) throws SchemaException {
    if (bytes.length > 0 && bytes[0] == 0x6c && bytes.length >= 19) return fromBlob(bytes, origin);
    return fromIovctlText(new String(bytes, java.nio.charset.StandardCharsets.UTF_8), origin);
  }

  // ------------------------------------------------------------------ lookups

  /** The subsystem list, e.g. VF.DRIVER. Never null for a valid schema. */
  public NvList subsystem(Device d, Subsystem s) {
    NvList dev = root.getList(d.key());
    return dev == null ? null : dev.getList(s.key());
  }

  /** All entries of a subsystem in schema order (including odd non-nvlist entries). */
  public List<Param> params(Device d, Subsystem s) {
    NvList l = subsystem(d, s);
    List<Param> out = new ArrayList<>();
    if (l == null) return out;
    for (NvPair p : l.pairs()) out.add(new Param(p.name(), p.value(), d, s, spec(d, s, p.name())));
    return out;
  }

  /** iovctl's {@code nvlist_exists_nvlist(subsystem, key)} lookup; null when absent. */
  public Param lookup(Device d, Subsystem s, String key) {
    NvList l = subsystem(d, s);
    if (l == null) return null;
    NvValue v = l.get(key);
    if (!(v instanceof NvValue.Nested)) return null;
    String name = key;
    for (NvPair p : l.pairs()) {
      if (p.value() == v) {
        name = p.name();
        break;
      }
    }
    return new Param(name, v, d, s, spec(d, s, name));
  }

  /** Looks in IOV first, then DRIVER, as iovctl's parse_device_config does. */
  public Param find(Device d, String key) {
    Param p = lookup(d, Subsystem.IOV, key);
    return p != null ? p : lookup(d, Subsystem.DRIVER, key);
  }

  private ParamSpec spec(Device d, Subsystem s, String name) {
    if (plugin == null || s != Subsystem.DRIVER) return null;
    for (ParamSpec p : d == Device.PF ? plugin.pfParams() : plugin.vfParams()) {
      if (p.name().equalsIgnoreCase(name)) return p;
    }
    if (platform != Platform.LINUX) return null;
    return d == Device.VF ? LinuxParams.vf(name) : LinuxParams.pf(name);
  }

  // ------------------------------------------------------------------ printing

  /** Exactly what {@code iovctl -S} prints (IOV parameters first, then DRIVER). */
  public String toIovctlText() throws SchemaException {
    StringBuilder sb = new StringBuilder();
    sb.append("The following configuration parameters may be configured on the PF:\n");
    printSubsystem(sb, Device.PF, Subsystem.IOV);
    printSubsystem(sb, Device.PF, Subsystem.DRIVER);
    sb.append("\nThe following configuration parameters may be configured on a VF:\n");
    printSubsystem(sb, Device.VF, Subsystem.IOV);
    printSubsystem(sb, Device.VF, Subsystem.DRIVER);
    return sb.toString();
  }

  private void printSubsystem(StringBuilder sb, Device d, Subsystem s) throws SchemaException {
    for (Param p : params(d, s)) {
      if (p.list() == null)
        throw new SchemaException(
            d.key() + "." + s.key() + "." + p.name() + " is not an nvlist (iovctl would abort)");
      String type = p.typeName();
      if (type == null) throw new SchemaException(p.name() + " has no type (iovctl would abort)");
      sb.append('\t').append(p.name()).append(" : ").append(type);
      Boolean req = p.requiredFlag();
      if (req == null)
        throw new SchemaException(p.name() + ": `required` is not a boolean (iovctl would abort)");
      if (req) {
        sb.append(" (required)");
      } else if (p.defaultValue() != null) {
        ParamType t = p.type();
        if (t == null) {
          throw new SchemaException("Unexpected type in schema: '" + type + "'", sb.toString());
        }
        Object v = fromNv(p.defaultValue());
        if (v == null || !defaultMatches(t, v)) {
          throw new SchemaException(
              p.name() + ": the default does not match its type (iovctl would abort)");
        }
        sb.append(" (default = ").append(t.formatDefault(v)).append(')');
      } else {
        sb.append(" (optional)");
      }
      sb.append('\n');
    }
  }

  private static boolean defaultMatches(ParamType t, Object v) {
    return switch (t) {
      case BOOL -> v instanceof Boolean;
      case STRING -> v instanceof String;
      case UNICAST_MAC -> v instanceof byte[] a && a.length >= 6;
      default -> v instanceof Long;
    };
  }

  /** A default value as iovctl's print_default_value formats it. */
  // ------------------------------------------------------------------ docs

  static String coreDoc(Device d, Subsystem s, String name) {
    if (s != Subsystem.IOV) return "";
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "num_vfs" ->
          "Number of VFs to create (1 or more, at most the card's TotalVFs). Required.";
      case "device" ->
          "The PF's device name under /dev/iov, e.g. ixl0 — a bare name, not a path. Required.";
      case "passthrough" ->
          "Reserve the VF for a bhyve guest: only ppt(4) may attach to it. Default false.";
      default -> "";
    };
  }

  /** A hex rendering for messages. */
  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
