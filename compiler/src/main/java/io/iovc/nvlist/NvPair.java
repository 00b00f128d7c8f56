package io.iovc.nvlist;

import java.util.Objects;

/**
 * One name/value pair of an {@link NvList} (libnv's {@code nvpair_t}, spec §7.3).
 *
 * <p>The name is a byte string carried as ISO-8859-1 chars: no NUL, every char at most 0xFF, and
 * shorter than {@code NV_NAME_MAX} (2048) bytes so that its packed {@code nvph_namesize} (length +
 * 1) is at most 2048. The empty name is allowed, as in libnv.
 *
 * @param name the pair's name
 * @param value the pair's value
 */
public record NvPair(String name, NvValue value) {

  /** Validates the name and rejects a null value. */
  public NvPair {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    ByteStrings.requireName(name);
  }
}
