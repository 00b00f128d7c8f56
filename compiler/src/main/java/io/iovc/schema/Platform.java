package io.iovc.schema;

import java.util.Locale;

/**
 * The system a file is checked for. FreeBSD's iovctl knows only its driver's schema; on Linux iovc
 * also accepts the settings only Linux has ({@link LinuxParams}). Chosen by {@code --backend}, then
 * a comment {@code # iovc: target=linux} in the file, then the host ({@link #host()}).
 */
public enum Platform {
  FREEBSD("freebsd"),
  LINUX("linux");

  private final String key;

  Platform(String key) {
    this.key = key;
  }

  /** The name {@code --backend} and the modeline take. */
  public String key() {
    return key;
  }

  /** By name ({@code freebsd}, {@code linux}, any case), or null. */
  public static Platform byName(String name) {
    if (name == null) return null;
    for (Platform p : values()) if (p.key.equalsIgnoreCase(name.strip())) return p;
    return null;
  }

  /**
   * The host's platform: the system property {@code iovc.target}, else {@code IOVC_TARGET}, else
   * Linux on Linux and FreeBSD everywhere else (iovctl's home). The tests pin it so that approved
   * documents do not depend on the machine they run on.
   */
  public static Platform host() {
    Platform p = byName(System.getProperty("iovc.target"));
    if (p == null) p = byName(System.getenv("IOVC_TARGET"));
    if (p != null) return p;
    return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")
        ? LINUX
        : FREEBSD;
  }
}
