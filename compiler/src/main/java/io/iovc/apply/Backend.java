package io.iovc.apply;

/**
 * A way to hand a checked configuration to a running kernel: FreeBSD's {@code IOV_CONFIG} ioctl or
 * Linux's sysfs and netlink. A backend must not change anything unless the whole file checks clean
 * against the schema it applies with.
 */
public interface Backend {
  /** "freebsd" or "linux". */
  String name();

  /**
   * Applies the file; never throws for expected failures (they become diagnostics and a status).
   */
  ApplyResult apply(ApplyRequest request);
}
