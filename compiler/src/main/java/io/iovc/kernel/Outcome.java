package io.iovc.kernel;

/**
 * How an operation on a device ended, as the kernel layer sees it. The front end turns it into an
 * exit status (sysexits(3) for the failures; see {@code cli/ExitStatus}); the kernel layer names no
 * numbers.
 */
public enum Outcome {
  /** Done (or nothing to do): the device is as asked. */
  OK,
  /** Refused before any change: the request itself is wrong (a file with errors, EINVAL). */
  REFUSED,
  /** The device or the OS facility is not there (no such PF, no C library, state unreadable). */
  UNAVAILABLE,
  /** iovc handed the kernel something malformed (EFAULT): a bug in iovc. */
  INTERNAL,
  /** The OS failed the operation (a write, an ioctl, the read-back). */
  OS_ERROR,
  /** A file iovc must keep (the apply journal) could not be created. */
  CANT_CREATE,
  /** Another apply holds the PF, or its VFs are in use. */
  BUSY,
  /** Not allowed: run as root. */
  NO_PERMISSION
}
