package io.iovc.kernel.linux;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * sysfs (and debugfs) as iovc uses it: paths are written as on a real system ({@code
 * /sys/bus/pci/devices/0000:05:00.0/sriov_numvfs}) and resolved under a root prefix, which is
 * {@code /} in production and a temporary sysfs-shaped directory in tests. Messages and plans
 * always show the system path, never the prefix.
 *
 * <p>Writes are one {@code write(2)} of the whole value, as the kernel's store functions expect; a
 * refusal comes back as {@link SysfsException} carrying the kernel's errno text ("Numerical result
 * out of range").
 */
public class Sysfs {
  private final Path root;

  public Sysfs(Path root) {
    this.root = root;
  }

  /** The real system's sysfs. */
  public static Sysfs system() {
    return new Sysfs(Path.of("/"));
  }

  public Path root() {
    return root;
  }

  /** Where a system path lives under the root prefix. */
  public Path resolve(String sysPath) {
    if (!sysPath.startsWith("/")) throw new IllegalArgumentException("not absolute: " + sysPath);
    return sysPath.length() == 1 ? root : root.resolve(sysPath.substring(1));
  }

  public boolean exists(String sysPath) {
    return Files.exists(resolve(sysPath));
  }

  /** The attribute's text without the trailing newline, or null when it does not exist. */
  public String read(String sysPath) throws SysfsException {
    Path p = resolve(sysPath);
    try {
      return strip(new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new SysfsException(sysPath, "read", errnoText(e));
    }
  }

  /** An integer attribute, or null when absent or not a number. */
  public Integer readInt(String sysPath) throws SysfsException {
    String s = read(sysPath);
    if (s == null) return null;
    try {
      return Integer.parseInt(s.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Writes {@code value} with a single write, as {@code echo value > path} does. */
  public void write(String sysPath, String value) throws SysfsException {
    Path p = resolve(sysPath);
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    try (OutputStream out =
        Files.newOutputStream(p, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      out.write(bytes);
    } catch (IOException e) {
      throw new SysfsException(sysPath, "write `" + value.strip() + "` to", errnoText(e));
    }
  }

  /** The last component of a symlink's target ({@code driver} → {@code nvme}), or null. */
  public String linkName(String sysPath) {
    Path p = resolve(sysPath);
    try {
      Path t = Files.readSymbolicLink(p);
      Path f = t.getFileName();
      return f == null ? null : f.toString();
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }

  /**
   * The canonical system path of a file, symlinks followed ({@code /sys/class/net/eth0/device} →
   * {@code /sys/devices/pci0000:00/0000:00:03.0}), or null when it does not exist.
   */
  public String realPath(String sysPath) {
    try {
      Path real = resolve(sysPath).toRealPath();
      Path rootReal = root.toRealPath();
      if (!real.startsWith(rootReal)) return null;
      String rel = rootReal.relativize(real).toString().replace('\\', '/');
      return "/" + rel;
    } catch (IOException e) {
      return null;
    }
  }

  /** Names in a directory, sorted; empty when it does not exist. */
  public List<String> list(String sysPath) {
    List<String> out = new ArrayList<>();
    Path p = resolve(sysPath);
    if (!Files.isDirectory(p)) return out;
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(p)) {
      for (Path e : ds) out.add(e.getFileName().toString());
    } catch (IOException e) {
      return out;
    }
    out.sort(null);
    return out;
  }

  private static String strip(String s) {
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\0')) end--;
    return s.substring(0, end);
  }

  /** The errno text of an I/O failure, as {@code strerror} prints it. */
  static String errnoText(IOException e) {
    if (e instanceof AccessDeniedException) return "Permission denied";
    if (e instanceof NoSuchFileException) return "No such file or directory";
    if (e instanceof FileSystemException f && f.getReason() != null) return f.getReason();
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }

  /** A refused read or write, with the system path and the kernel's errno text. */
  public static final class SysfsException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String path;
    private final String errno;

    public SysfsException(String path, String what, String errno) {
      super("cannot " + what + " " + path + ": " + errno);
      this.path = path;
      this.errno = errno;
    }

    public String path() {
      return path;
    }

    /** The kernel's answer, e.g. "Device or resource busy". */
    public String errno() {
      return errno;
    }

    public boolean permissionDenied() {
      return "Permission denied".equals(errno) || "Operation not permitted".equals(errno);
    }
  }
}
