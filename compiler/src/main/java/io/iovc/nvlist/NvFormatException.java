package io.iovc.nvlist;

/**
 * A packed nvlist that {@code nvlist_unpack} would refuse (spec §7.8). The message says in plain
 * words what is wrong and where, e.g. {@code "nvpair at offset 0x13: name is not NUL-terminated"};
 * {@link #offset()} is the byte offset of the offending nvlist header or nvpair.
 */
public final class NvFormatException extends Exception {

  private static final long serialVersionUID = 1L;

  private final int offset;

  /**
   * @param message what is wrong, in plain words
   * @param offset byte offset in the buffer of the header or pair at fault
   */
  public NvFormatException(String message, int offset) {
    super(message);
    this.offset = offset;
  }

  /** The byte offset of the nvlist header or nvpair at fault. */
  public int offset() {
    return offset;
  }
}
