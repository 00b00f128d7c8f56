package io.iovc.nvlist;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Objects;

/**
 * Unpacks a packed nvlist exactly as strictly as libnv's {@code nvlist_unpack(buf, size, flags)} on
 * a little-endian host (spec §7.8), reporting every refusal as an {@link NvFormatException}.
 *
 * <p>What is checked, in libnv's order:
 *
 * <ul>
 *   <li>every nvlist header (the root's, each NVLIST child's, each NVLIST_ARRAY element's): at
 *       least 19 bytes left, magic 0x6c, no flag bits outside {@code 0x83}, {@code nvlh_size}
 *       exactly the number of bytes left after the header, {@code nvlh_descriptors} 0 (no
 *       descriptors are passed); the version byte is not checked;
 *   <li>the root's public flags ({@code header & 0x03}) equal the {@code flags} argument (EILSEQ);
 *   <li>every nvpair: 19 header bytes left; type 1..12, 254 or 255; name size 1..2048 and within
 *       the bytes left, with the only NUL at its end; data size within the bytes left; then per
 *       type: NULL size 0, BOOL size 1 and value 0 or 1, NUMBER size 8, STRING size at least 1 with
 *       the only NUL at its end, NVLIST size at least 1 followed by a valid header, BINARY size at
 *       least 1, arrays with at least one item and a size that matches the item count; DESCRIPTOR
 *       and DESCRIPTOR ARRAY are always refused (no descriptors);
 *   <li>NVLIST_UP and NVLIST_ARRAY_NEXT need a parent list; a name already present in the list is
 *       refused (EEXIST), compared case-insensitively when that list has IGNORE_CASE, unless it has
 *       NO_UNIQUE.
 * </ul>
 *
 * The loop runs until no byte is left; as the header sizes tie every length together, trailing
 * bytes are refused. libnv's quirks are kept: byte order is decided by the root header's (and each
 * NVLIST_ARRAY element header's) {@code 0x80} flag, {@code nvph_nitems} is never byte-swapped (so
 * it is always read little-endian), the data of UP and ARRAY_NEXT markers is not skipped, the last
 * UP markers may be missing, and a BOOL ARRAY byte other than 0 is read as true.
 *
 * <p>Two deliberate deviations, both for inputs libnv itself handles unsafely: a STRING ARRAY whose
 * last string is not NUL-terminated within the data size is refused (libnv reads past the data),
 * and the NVLIST_ARRAY element counts of the whole buffer may not add up to more than {@code length
 * / 19} (libnv allocates every declared element even when an early NVLIST_UP skips them; a buffer
 * written by {@code nvlist_pack} spends at least 39 bytes per element, so no such buffer is
 * affected).
 *
 * <p>The parser is iterative with an explicit stack, so nesting depth is limited only by the buffer
 * length, never allocates more than a small multiple of the buffer length, and throws nothing but
 * {@link NvFormatException} for any input bytes.
 */
public final class NvUnpacker {

  private static final int PUBLIC_MASK = NvList.IGNORE_CASE | NvList.NO_UNIQUE;

  /** {@code NV_FLAG_ALL_MASK} as seen in a header byte: IGNORE_CASE, NO_UNIQUE and BIG_ENDIAN. */
  private static final int HEADER_FLAG_MASK = PUBLIC_MASK | NvPacker.NV_FLAG_BIG_ENDIAN;

  private NvUnpacker() {}

  /**
   * Unpacks {@code buf}.
   *
   * @param buf the packed nvlist; the whole array is the buffer
   * @param flags the public flags the root list must have, e.g. {@link NvList#IGNORE_CASE} as the
   *     kernel passes
   * @return the unpacked tree
   * @throws NvFormatException if {@code nvlist_unpack} would refuse the buffer
   * @throws IllegalArgumentException if {@code flags} has bits other than IGNORE_CASE and NO_UNIQUE
   */
  public static NvList unpack(byte[] buf, int flags) throws NvFormatException {
    Objects.requireNonNull(buf, "buf");
    if ((flags & ~PUBLIC_MASK) != 0) {
      throw new IllegalArgumentException(
          String.format(
              "unpack flags 0x%x: only IGNORE_CASE (0x1) and NO_UNIQUE (0x2) are allowed", flags));
    }
    try {
      return new Reader(buf).run(flags);
    } catch (NvFormatException e) {
      throw e;
    } catch (RuntimeException e) {
      // Not expected: every size is checked before use. Keep the contract regardless.
      throw new NvFormatException("internal error while unpacking: " + e, 0);
    }
  }

  /** The state of one unpacking run, mirroring {@code nvlist_xunpack}'s variables. */
  private static final class Reader {
    private final byte[] buf;
    private int pos;
    private int left;

    /** Byte order of pair fields, as libnv's {@code isbe}. */
    private boolean isbe;

    /** NVLIST_ARRAY elements that may still be declared; see the class comment. */
    private long elementBudget;

    /** A list being filled; array elements move through their array on NVLIST_ARRAY_NEXT. */
    private static final class Frame {
      NvList list;
      final NvList[] elements;
      int elementIndex;

      Frame(NvList list, NvList[] elements) {
        this.list = list;
        this.elements = elements;
      }
    }

    Reader(byte[] buf) {
      this.buf = buf;
      this.left = buf.length;
      this.elementBudget = buf.length / NvPacker.NVLIST_HEADER_SIZE;
    }

    NvList run(int flags) throws NvFormatException {
      int rootFlags = header(true);
      if (rootFlags != flags) {
        throw new NvFormatException(
            String.format(
                "nvlist header at offset 0x0: the top-level list has"
                    + " flags 0x%x but 0x%x were expected (EILSEQ)",
                rootFlags, flags),
            0);
      }
      NvList root = new NvList(rootFlags);
      ArrayList<Frame> stack = new ArrayList<>();
      stack.add(new Frame(root, null));
      while (left > 0) {
        int at = pos;
        Frame top = stack.get(stack.size() - 1);
        if (left < NvPacker.NVPAIR_HEADER_SIZE) {
          throw pairError(at, "only " + left + " bytes are left but an nvpair header needs 19");
        }
        int type = buf[at] & 0xff;
        if (type < 1
            || (type > 12
                && type != NvPacker.NV_TYPE_NVLIST_UP
                && type != NvPacker.NV_TYPE_NVLIST_ARRAY_NEXT)) {
          throw pairError(at, "unknown type " + type);
        }
        int namesize = u16(at + 1, isbe);
        long datasize = u64(at + 3, isbe);
        long nitems = u64(at + 11, false);
        pos += NvPacker.NVPAIR_HEADER_SIZE;
        left -= NvPacker.NVPAIR_HEADER_SIZE;

        if (namesize > ByteStrings.NV_NAME_MAX) {
          throw pairError(at, "name size " + namesize + " exceeds NV_NAME_MAX (2048)");
        }
        if (namesize > left) {
          throw pairError(at, "name size " + namesize + " exceeds the " + left + " bytes left");
        }
        if (namesize < 1) {
          throw pairError(at, "name size is 0; a name needs at least its NUL byte");
        }
        int nul = indexOfNul(pos, namesize);
        if (nul < 0) {
          throw pairError(at, "name is not NUL-terminated");
        }
        if (nul != namesize - 1) {
          throw pairError(at, "name has a NUL byte at position " + nul + ", before its end");
        }
        String name = ByteStrings.fromBytes(buf, pos, namesize - 1);
        pos += namesize;
        left -= namesize;
        if (Long.compareUnsigned(datasize, left) > 0) {
          throw pairError(
              at,
              "data size "
                  + Long.toUnsignedString(datasize)
                  + " exceeds the "
                  + left
                  + " bytes left");
        }
        int size = (int) datasize;

        NvValue value;
        switch (type) {
          case 1 -> {
            if (size != 0) {
              throw pairError(
                  at, "NULL pair \"" + esc(name) + "\" has data size " + size + ", must be 0");
            }
            value = NvValue.Null.INSTANCE;
          }
          case 2 -> {
            if (size != 1) {
              throw pairError(
                  at, "BOOL pair \"" + esc(name) + "\" has data size " + size + ", must be 1");
            }
            int b = buf[pos] & 0xff;
            if (b > 1) {
              throw pairError(
                  at, "BOOL pair \"" + esc(name) + "\" has value " + b + ", must be 0 or 1");
            }
            value = new NvValue.Bool(b == 1);
            consume(1);
          }
          case 3 -> {
            if (size != 8) {
              throw pairError(
                  at, "NUMBER pair \"" + esc(name) + "\" has data size " + size + ", must be 8");
            }
            value = new NvValue.Number(u64(pos, isbe));
            consume(8);
          }
          case 4 -> {
            if (size == 0) {
              throw pairError(
                  at,
                  "STRING pair \""
                      + esc(name)
                      + "\" has data size 0; a string"
                      + " needs at least its NUL byte");
            }
            int end = indexOfNul(pos, size);
            if (end < 0) {
              throw pairError(
                  at, "STRING pair \"" + esc(name) + "\": value is not" + " NUL-terminated");
            }
            if (end != size - 1) {
              throw pairError(
                  at,
                  "STRING pair \""
                      + esc(name)
                      + "\": value has a NUL byte at"
                      + " position "
                      + end
                      + ", before its end");
            }
            value = new NvValue.Str(ByteStrings.fromBytes(buf, pos, size - 1));
            consume(size);
          }
          case 5 -> {
            if (size == 0) {
              throw pairError(at, "NVLIST pair \"" + esc(name) + "\" has data size 0");
            }
            NvList child = new NvList(header(false));
            insert(top.list, name, new NvValue.Nested(child), at);
            stack.add(new Frame(child, null));
            continue;
          }
          case 6 -> {
            if (size != 8) {
              throw pairError(
                  at,
                  "DESCRIPTOR pair \"" + esc(name) + "\" has data size " + size + ", must be 8");
            }
            throw pairError(
                at,
                "DESCRIPTOR pair \""
                    + esc(name)
                    + "\" refers to descriptor index "
                    + u64(pos, isbe)
                    + ", but nvlist_unpack receives no descriptors");
          }
          case 7 -> {
            if (size == 0) {
              throw pairError(at, "BINARY pair \"" + esc(name) + "\" has data size 0");
            }
            value = new NvValue.Binary(Arrays.copyOfRange(buf, pos, pos + size));
            consume(size);
          }
          case 8 -> {
            checkArraySize(at, "BOOL ARRAY", name, datasize, nitems, 1);
            boolean[] values = new boolean[size];
            for (int i = 0; i < size; i++) {
              values[i] = buf[pos + i] != 0;
            }
            value = new NvValue.BoolArray(values);
            consume(size);
          }
          case 9 -> {
            checkArraySize(at, "NUMBER ARRAY", name, datasize, nitems, 8);
            long[] values = new long[size / 8];
            for (int i = 0; i < values.length; i++) {
              values[i] = u64(pos + 8 * i, isbe);
            }
            value = new NvValue.NumberArray(values);
            consume(size);
          }
          case 10 -> {
            value = stringArray(at, name, size, nitems);
            consume(size);
          }
          case 11 -> {
            long sizeup = nitems * NvPacker.NVPAIR_HEADER_SIZE;
            if (nitems == 0
                || Long.compareUnsigned(sizeup, nitems) < 0
                || Long.compareUnsigned(sizeup, left) > 0) {
              throw pairError(
                  at,
                  "NVLIST ARRAY pair \""
                      + esc(name)
                      + "\" declares "
                      + Long.toUnsignedString(nitems)
                      + " elements, which "
                      + (nitems == 0
                          ? "is not allowed"
                          : "cannot fit in the " + left + " bytes left"));
            }
            if (nitems > elementBudget) {
              throw pairError(
                  at,
                  "NVLIST ARRAY pair \""
                      + esc(name)
                      + "\" declares "
                      + nitems
                      + " elements, more than the whole buffer can hold together with the"
                      + " elements declared before it");
            }
            elementBudget -= nitems;
            NvList[] elements = new NvList[(int) nitems];
            for (int i = 0; i < elements.length; i++) {
              elements[i] = new NvList(0);
            }
            elements[0].initFlags(header(true));
            insert(top.list, name, new NvValue.NvListArray(Arrays.asList(elements)), at);
            stack.add(new Frame(elements[0], elements));
            continue;
          }
          case 12 -> {
            checkArraySize(at, "DESCRIPTOR ARRAY", name, datasize, nitems, 8);
            throw pairError(
                at,
                "DESCRIPTOR ARRAY pair \""
                    + esc(name)
                    + "\" refers to descriptor"
                    + " index "
                    + u64(pos, isbe)
                    + ", but nvlist_unpack receives no descriptors");
          }
          case NvPacker.NV_TYPE_NVLIST_UP -> {
            if (stack.size() == 1) {
              throw pairError(at, "NVLIST_UP without a parent nvlist");
            }
            stack.remove(stack.size() - 1);
            continue;
          }
          case NvPacker.NV_TYPE_NVLIST_ARRAY_NEXT -> {
            if (top.elements != null && top.elementIndex < top.elements.length - 1) {
              top.elementIndex++;
              top.list = top.elements[top.elementIndex];
              top.list.initFlags(header(true));
            } else {
              if (stack.size() == 1) {
                throw pairError(at, "NVLIST_ARRAY_NEXT without a parent nvlist");
              }
              stack.remove(stack.size() - 1);
            }
            continue;
          }
          default -> throw new AssertionError(type);
        }
        insert(top.list, name, value, at);
      }
      return root;
    }

    /** Parses an nvlist header at {@link #pos}; returns its public flags. */
    private int header(boolean updateByteOrder) throws NvFormatException {
      int at = pos;
      if (left < NvPacker.NVLIST_HEADER_SIZE) {
        throw headerError(at, "only " + left + " bytes are left but an nvlist header needs 19");
      }
      int magic = buf[at] & 0xff;
      if (magic != NvPacker.NVLIST_HEADER_MAGIC) {
        throw headerError(at, String.format("bad magic 0x%02x, expected 0x6c", magic));
      }
      int hflags = buf[at + 2] & 0xff;
      if ((hflags & ~HEADER_FLAG_MASK) != 0) {
        throw headerError(
            at,
            String.format(
                "unknown flag bits 0x%02x in flags 0x%02x", hflags & ~HEADER_FLAG_MASK, hflags));
      }
      boolean be = (hflags & NvPacker.NV_FLAG_BIG_ENDIAN) != 0;
      long descriptors = u64(at + 3, be);
      long size = u64(at + 11, be);
      long expected = left - NvPacker.NVLIST_HEADER_SIZE;
      if (size != expected) {
        throw headerError(
            at,
            "nvlh_size is "
                + Long.toUnsignedString(size)
                + " but "
                + expected
                + " bytes follow the header");
      }
      if (descriptors != 0) {
        throw headerError(
            at,
            "the header declares "
                + Long.toUnsignedString(descriptors)
                + " descriptors, but nvlist_unpack receives none");
      }
      consume(NvPacker.NVLIST_HEADER_SIZE);
      if (updateByteOrder) {
        isbe = be;
      }
      return hflags & PUBLIC_MASK;
    }

    /**
     * libnv's check for BOOL, NUMBER and DESCRIPTOR arrays, with its unsigned wrap-around
     * arithmetic.
     */
    private void checkArraySize(
        int at, String kind, String name, long datasize, long nitems, int itemSize)
        throws NvFormatException {
      long size = nitems * itemSize;
      if (datasize != size
          || Long.compareUnsigned(size, left) > 0
          || nitems == 0
          || Long.compareUnsigned(size, nitems) < 0) {
        throw pairError(
            at,
            kind
                + " pair \""
                + esc(name)
                + "\" has data size "
                + Long.toUnsignedString(datasize)
                + ", which does not fit "
                + Long.toUnsignedString(nitems)
                + " items of "
                + itemSize
                + (itemSize == 1 ? " byte" : " bytes"));
      }
    }

    private NvValue stringArray(int at, String name, int size, long nitems)
        throws NvFormatException {
      if (size == 0 || nitems == 0) {
        throw pairError(
            at,
            "STRING ARRAY pair \""
                + esc(name)
                + "\" has data size "
                + size
                + " and "
                + Long.toUnsignedString(nitems)
                + " items; both must be at least 1");
      }
      if (Long.compareUnsigned(nitems, size) > 0) {
        throw pairError(
            at,
            "STRING ARRAY pair \""
                + esc(name)
                + "\" declares "
                + Long.toUnsignedString(nitems)
                + " strings, which cannot fit in "
                + size
                + " bytes");
      }
      String[] values = new String[(int) nitems];
      int p = pos;
      int remaining = size;
      for (int i = 0; i < values.length; i++) {
        if (remaining == 0) {
          throw pairError(
              at,
              "STRING ARRAY pair \""
                  + esc(name)
                  + "\" holds only "
                  + i
                  + " strings but declares "
                  + values.length);
        }
        int nul = indexOfNul(p, remaining);
        if (nul < 0) {
          throw pairError(
              at,
              "STRING ARRAY pair \"" + esc(name) + "\": element " + i + " is not NUL-terminated");
        }
        values[i] = ByteStrings.fromBytes(buf, p, nul);
        p += nul + 1;
        remaining -= nul + 1;
      }
      if (remaining != 0) {
        throw pairError(
            at,
            "STRING ARRAY pair \""
                + esc(name)
                + "\" has "
                + remaining
                + " bytes after its "
                + values.length
                + " strings");
      }
      return new NvValue.StringArray(Arrays.asList(values));
    }

    /**
     * Appends a pair to {@code list}, refusing a duplicate name as {@code nvlist_move_nvpair} does.
     */
    private void insert(NvList list, String name, NvValue value, int at) throws NvFormatException {
      if (!list.insert(new NvPair(name, value), false)) {
        throw pairError(
            at,
            "duplicate name \""
                + esc(name)
                + "\""
                + ((list.flags() & NvList.IGNORE_CASE) != 0 ? " (compared case-insensitively)" : "")
                + " (EEXIST)");
      }
    }

    private void consume(int n) {
      pos += n;
      left -= n;
    }

    /** Index relative to {@code from} of the first NUL among {@code len} bytes, or -1. */
    private int indexOfNul(int from, int len) {
      for (int i = 0; i < len; i++) {
        if (buf[from + i] == 0) {
          return i;
        }
      }
      return -1;
    }

    private int u16(int at, boolean be) {
      int a = buf[at] & 0xff;
      int b = buf[at + 1] & 0xff;
      return be ? (a << 8) | b : (b << 8) | a;
    }

    private long u64(int at, boolean be) {
      long v = 0;
      for (int i = 0; i < 8; i++) {
        int shift = be ? 56 - 8 * i : 8 * i;
        v |= (buf[at + i] & 0xffL) << shift;
      }
      return v;
    }

    private static NvFormatException pairError(int at, String what) {
      return new NvFormatException(String.format("nvpair at offset 0x%x: %s", at, what), at);
    }

    private static NvFormatException headerError(int at, String what) {
      return new NvFormatException(String.format("nvlist header at offset 0x%x: %s", at, what), at);
    }

    /** A name made printable for a message: non-printable bytes and quotes as escapes. */
    private static String esc(String s) {
      StringBuilder sb = new StringBuilder(s.length());
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
          sb.append(c);
        } else {
          sb.append(String.format("\\x%02x", (int) c));
        }
      }
      return sb.toString();
    }
  }
}
