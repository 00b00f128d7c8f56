package io.iovc.kernel.freebsd;

import java.util.regex.Pattern;

/**
 * Which {@code /dev/iov} node to open. A device name is checked before any path is built from it:
 * it must have the shape of a FreeBSD {@code device_get_nameunit()} (driver name, then unit number:
 * {@code ixl0}, {@code mlx5_core0}, {@code cxl1}; spec §5.1), so it can hold no {@code /}, no
 * {@code ..} and nothing a shell or a log would misread. {@code -d /abs/path} is taken as given,
 * exactly as iovctl's {@code open_device} takes it (spec §1.4): any absolute path shorter than
 * {@code PATH_MAX}.
 */
public final class DeviceName {
  /** {@code pathconf("/dev", _PC_PATH_MAX)} on FreeBSD: {@code PATH_MAX} = 1024, NUL included. */
  public static final int PATH_MAX = 1024;

  /** devfs names are at most SPECNAMELEN (255) bytes, {@code "iov/"} included. */
  public static final int MAX_NAME = 255 - 4;

  private static final Pattern NAMEUNIT = Pattern.compile("[A-Za-z][A-Za-z0-9_]*[0-9]");

  /**
   * A node to open.
   *
   * @param path the path passed to open(2)
   * @param name the PF's name for messages and plugin lookup ({@code ixl0})
   * @param asGiven how the user named it, which iovctl's {@code -D -n} message repeats
   */
  public record Target(String path, String name, String asGiven) {}

  private DeviceName() {}

  /** Why {@code name} is not a nameunit, or null when it is one. */
  public static String problem(String name) {
    if (name == null || name.isEmpty()) return "the device name is empty";
    if (name.indexOf('/') >= 0)
      return "`"
          + printable(name)
          + "` is a path, not a device name (write just the name, e.g. ixl0)";
    if (name.contains("..")) return "`" + printable(name) + "` contains `..`";
    if (name.length() > MAX_NAME)
      return "the device name is " + name.length() + " characters long; devfs allows " + MAX_NAME;
    if (!NAMEUNIT.matcher(name).matches()) {
      return "`"
          + printable(name)
          + "` is not a FreeBSD device name (a driver name and a unit number, like ixl0, ix1 or mlx5_core0)";
    }
    return null;
  }

  /**
   * The node of {@code PF.device} from a config file (iovctl's find_device): always a bare name.
   */
  public static Target fromConfig(String device) {
    String p = problem(device);
    if (p != null) throw new IllegalArgumentException("PF.device: " + p);
    return new Target("/dev/iov/" + device, device, "/dev/iov/" + device);
  }

  /**
   * The node named by {@code -d}: an absolute path as given (shorter than PATH_MAX, iovctl's
   * "Provided file name too long" otherwise), or a device name under /dev/iov.
   */
  public static Target fromOption(String arg) {
    if (arg != null && arg.startsWith("/")) {
      if (arg.getBytes(java.nio.charset.StandardCharsets.UTF_8).length >= PATH_MAX) {
        throw new IllegalArgumentException("Provided file name too long");
      }
      String base = arg.replaceAll("/+$", "");
      base = base.substring(base.lastIndexOf('/') + 1);
      return new Target(arg, base.isEmpty() ? arg : base, arg);
    }
    String p = problem(arg);
    if (p != null) throw new IllegalArgumentException(p);
    return new Target("/dev/iov/" + arg, arg, arg);
  }

  private static String printable(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length() && sb.length() < 80; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) sb.append(String.format("\\x%02x", (int) c));
      else sb.append(c);
    }
    return sb.toString();
  }
}
