package io.iovc.apply;

import java.util.Locale;

/**
 * Chooses a backend: {@code --backend freebsd|linux}, else by the running OS. Implementations are
 * loaded by name only when an apply actually runs, so checking and the language server never load
 * native code.
 */
public final class Backends {
  private Backends() {}

  /** The backend's class name, or null for an unknown name. */
  static String className(String name) {
    return switch (name) {
      case "freebsd" -> "io.iovc.apply.freebsd.FreeBsdApply";
      case "linux" -> "io.iovc.apply.linux.LinuxApply";
      default -> null;
    };
  }

  /** The backend for the running OS, or null when the OS has none. */
  public static String forThisOs() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (os.contains("freebsd")) return "freebsd";
    if (os.contains("linux")) return "linux";
    return null;
  }

  /** Instantiates a backend; throws IllegalArgumentException with a message for people. */
  public static Backend get(String name) {
    String cls = className(name);
    if (cls == null)
      throw new IllegalArgumentException("unknown backend `" + name + "`; use freebsd or linux");
    try {
      return (Backend) Class.forName(cls).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new IllegalArgumentException(
          "the " + name + " backend is not available in this build (" + e + ")");
    }
  }
}
