package io.iovc.nvlist;

import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Packs an {@link NvList} byte for byte as libnv's {@code nvlist_pack} does on a little-endian
 * FreeBSD host (spec §7.1 to §7.7, checked against the 687-byte example of §7.9).
 *
 * <p>Layout: a 19-byte nvlist header, then every pair in insertion order as a 19-byte pair header,
 * the name with its NUL and the value. An NVLIST value is followed directly by the child's header
 * and pairs and a 20-byte NVLIST_UP pair. An NVLIST_ARRAY pair (datasize 0, nitems n) is followed
 * by each element's header and pairs and one NVLIST_ARRAY_NEXT pair per element, the last one
 * included; no UP follows the last element.
 *
 * <p>Two fields depend on what comes later in the buffer, and are reproduced exactly:
 *
 * <ul>
 *   <li>every header's {@code nvlh_size} is the number of bytes after that header up to the end of
 *       the whole buffer;
 *   <li>an NVLIST pair's {@code nvph_datasize} is {@code nvlist_size(child)}, which is 19 for an
 *       empty child and otherwise counts from the child's header to the end of the buffer, minus
 *       the closing markers of the child and of each of its non-root ancestors: 20 (one UP) per
 *       NVLIST ancestor, and for an ancestor that is element i of an n-element NVLIST_ARRAY, its
 *       own ARRAY_NEXT plus the headers and ARRAY_NEXT markers of the elements after it ({@code
 *       20·(n−i) + 19·(n−1−i)}). Without arrays this is spec §7.5's {@code total −
 *       childHeaderOffset − 20·depth}.
 * </ul>
 *
 * The packer writes the buffer in one iterative pass with placeholders, recording header offsets
 * and those exclusions, and patches them once the total length is known: linear time, no recursion.
 *
 * <p>Like {@code nvlist_pack}, packing refuses descriptors ({@code DESCRIPTOR}, non-empty {@code
 * DESCRIPTOR ARRAY}) with EOPNOTSUPP, here an {@link UnsupportedOperationException}. The list
 * passed in is always packed as the root, even if it is nested in another list.
 */
public final class NvPacker {

  static final int NVLIST_HEADER_SIZE = 19;
  static final int NVPAIR_HEADER_SIZE = 19;
  static final int NVLIST_HEADER_MAGIC = 0x6c;
  static final int NV_FLAG_BIG_ENDIAN = 0x80;
  static final int NV_TYPE_NVLIST_ARRAY_NEXT = 254;
  static final int NV_TYPE_NVLIST_UP = 255;

  /** Size of an NVLIST_UP or NVLIST_ARRAY_NEXT pair: a pair header and the empty name. */
  static final int MARKER_SIZE = NVPAIR_HEADER_SIZE + 1;

  private NvPacker() {}

  /**
   * Packs {@code root} as {@code nvlist_pack} does on amd64/arm64: little-endian, header flags
   * {@code flags & 0xff} (0x01 for iovctl).
   *
   * @throws UnsupportedOperationException if the tree holds a descriptor (libnv: EOPNOTSUPP)
   * @throws IllegalStateException if the result would not fit in a Java array
   */
  public static byte[] pack(NvList root) {
    return pack(root, ByteOrder.LITTLE_ENDIAN);
  }

  /**
   * Packs {@code root} as libnv does on a host of the given byte order. For {@link
   * ByteOrder#BIG_ENDIAN} every header also gets {@code NV_FLAG_BIG_ENDIAN} (0x80) and every
   * multi-byte field, {@code nvph_nitems} included, is big-endian, as a big-endian FreeBSD host
   * writes it.
   *
   * @throws UnsupportedOperationException if the tree holds a descriptor (libnv: EOPNOTSUPP)
   * @throws IllegalStateException if the result would not fit in a Java array
   */
  public static byte[] pack(NvList root, ByteOrder order) {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(order, "order");
    Walk w = new Walk(true, order == ByteOrder.BIG_ENDIAN);
    w.run(root);
    return w.finish();
  }

  /**
   * The packed size, {@code nvlist_size(root)}, computed without building the buffer. Unlike {@link
   * #pack} this also accepts descriptors (counted as 8 bytes each), as {@code nvlist_size} does.
   *
   * @throws ArithmeticException if the size exceeds {@link Integer#MAX_VALUE}
   */
  public static int packedSize(NvList root) {
    Objects.requireNonNull(root, "root");
    Walk w = new Walk(false, false);
    w.run(root);
    return Math.toIntExact(w.size);
  }

  /** One iterative depth-first walk that either counts bytes or writes them. */
  private static final class Walk {
    private final boolean write;
    private final boolean bigEndian;

    /** Count mode: bytes so far. Write mode: unused. */
    private long size;

    private byte[] buf;
    private int pos;

    /** Offsets of every nvlist header written. */
    private int[] headers = new int[16];

    private int nHeaders;

    /** NVLIST datasize patches: field offset, child header offset, excluded closing bytes. */
    private int[] patchField = new int[16];

    private int[] patchHeader = new int[16];
    private long[] patchExcluded = new long[16];
    private int nPatches;

    Walk(boolean write, boolean bigEndian) {
      this.write = write;
      this.bigEndian = bigEndian;
      this.buf = write ? new byte[256] : null;
    }

    /**
     * A list being written, with the bytes its closers and its ancestors' closers take after its
     * pairs.
     */
    private static final class Frame {
      final NvList list;

      /** Index of the next pair to write. */
      int next;

      /** The array this list is an element of, or null for the root and NVLIST children. */
      final List<NvList> elements;

      final int elementIndex;

      /**
       * Closing bytes of this list and its non-root ancestors, excluded from nvlist_size(child).
       */
      final long excluded;

      /** {@link #excluded} of the list holding this list's pair. */
      final long parentExcluded;

      Frame(
          NvList list,
          List<NvList> elements,
          int elementIndex,
          long excluded,
          long parentExcluded) {
        this.list = list;
        this.elements = elements;
        this.elementIndex = elementIndex;
        this.excluded = excluded;
        this.parentExcluded = parentExcluded;
      }
    }

    void run(NvList root) {
      ArrayDeque<Frame> stack = new ArrayDeque<>();
      header(root);
      stack.push(new Frame(root, null, -1, 0, 0));
      while (!stack.isEmpty()) {
        Frame f = stack.peek();
        if (f.next < f.list.size()) {
          pair(f.list.pairAt(f.next++), f, stack);
        } else {
          stack.pop();
          if (f.elements != null) {
            marker(NV_TYPE_NVLIST_ARRAY_NEXT);
            enterElements(f.elements, f.elementIndex + 1, f.parentExcluded, stack);
          } else if (!stack.isEmpty()) {
            marker(NV_TYPE_NVLIST_UP);
          }
        }
      }
    }

    private void pair(NvPair p, Frame f, ArrayDeque<Frame> stack) {
      byte[] name = ByteStrings.bytes(p.name());
      NvValue v = p.value();
      if (v instanceof NvValue.Null) {
        pairHeader(1, name, 0, 0);
      } else if (v instanceof NvValue.Bool b) {
        pairHeader(2, name, 1, 0);
        u8(b.value() ? 1 : 0);
      } else if (v instanceof NvValue.Number n) {
        pairHeader(3, name, 8, 0);
        u64(n.value());
      } else if (v instanceof NvValue.Str s) {
        byte[] bytes = ByteStrings.bytes(s.value());
        pairHeader(4, name, bytes.length + 1L, 0);
        raw(bytes);
        u8(0);
      } else if (v instanceof NvValue.Nested n) {
        long field = position() + 3;
        pairHeader(5, name, 0, 0);
        long childHeader = position();
        NvList child = n.list();
        header(child);
        if (child.isEmpty()) {
          if (write) {
            putU64((int) field, NVLIST_HEADER_SIZE);
          }
          marker(NV_TYPE_NVLIST_UP);
        } else {
          long excluded = f.excluded + MARKER_SIZE;
          patch(field, childHeader, excluded);
          stack.push(new Frame(child, null, -1, excluded, f.excluded));
        }
      } else if (v instanceof NvValue.Descriptor d) {
        if (write) {
          throw descriptorsRefused(p.name());
        }
        pairHeader(6, name, 8, 0);
        u64(d.fd());
      } else if (v instanceof NvValue.Binary b) {
        byte[] bytes = b.raw();
        pairHeader(7, name, bytes.length, 0);
        raw(bytes);
      } else if (v instanceof NvValue.BoolArray a) {
        boolean[] values = a.raw();
        pairHeader(8, name, values.length, values.length);
        for (boolean x : values) {
          u8(x ? 1 : 0);
        }
      } else if (v instanceof NvValue.NumberArray a) {
        long[] values = a.raw();
        pairHeader(9, name, 8L * values.length, values.length);
        for (long x : values) {
          u64(x);
        }
      } else if (v instanceof NvValue.StringArray a) {
        List<String> values = a.values();
        byte[][] bytes = new byte[values.size()][];
        long total = 0;
        for (int i = 0; i < bytes.length; i++) {
          bytes[i] = ByteStrings.bytes(values.get(i));
          total += bytes[i].length + 1L;
        }
        pairHeader(10, name, total, bytes.length);
        for (byte[] s : bytes) {
          raw(s);
          u8(0);
        }
      } else if (v instanceof NvValue.NvListArray a) {
        pairHeader(11, name, 0, a.size());
        enterElements(a.lists(), 0, f.excluded, stack);
      } else if (v instanceof NvValue.DescriptorArray a) {
        int[] fds = a.raw();
        if (write && fds.length > 0) {
          throw descriptorsRefused(p.name());
        }
        pairHeader(12, name, 8L * fds.length, fds.length);
        for (int fd : fds) {
          u64(fd);
        }
      } else {
        throw new AssertionError("unknown NvValue " + v.getClass());
      }
    }

    /**
     * Writes the header of element {@code from} of an NVLIST_ARRAY and of each following element
     * that is empty (with its ARRAY_NEXT), stopping at the first non-empty one, whose pairs are
     * written next.
     */
    private void enterElements(
        List<NvList> elements, int from, long parentExcluded, ArrayDeque<Frame> stack) {
      int n = elements.size();
      for (int i = from; i < n; i++) {
        NvList e = elements.get(i);
        header(e);
        if (!e.isEmpty()) {
          long excluded =
              parentExcluded
                  + (long) MARKER_SIZE * (n - i)
                  + (long) NVLIST_HEADER_SIZE * (n - 1 - i);
          stack.push(new Frame(e, elements, i, excluded, parentExcluded));
          return;
        }
        marker(NV_TYPE_NVLIST_ARRAY_NEXT);
      }
    }

    private static UnsupportedOperationException descriptorsRefused(String name) {
      return new UnsupportedOperationException(
          "nvlist_pack cannot pack descriptors (EOPNOTSUPP): pair \"" + name + "\"");
    }

    private void header(NvList list) {
      if (write) {
        if (nHeaders == headers.length) {
          headers = Arrays.copyOf(headers, nHeaders * 2);
        }
        headers[nHeaders++] = pos;
      }
      u8(NVLIST_HEADER_MAGIC);
      u8(0);
      u8((list.flags() & 0xff) | (bigEndian ? NV_FLAG_BIG_ENDIAN : 0));
      u64(0);
      u64(0);
    }

    private void pairHeader(int type, byte[] name, long datasize, long nitems) {
      u8(type);
      u16(name.length + 1);
      u64(datasize);
      u64(nitems);
      raw(name);
      u8(0);
    }

    private void marker(int type) {
      u8(type);
      u16(1);
      u64(0);
      u64(0);
      u8(0);
    }

    private void patch(long field, long childHeader, long excluded) {
      if (!write) {
        return;
      }
      if (nPatches == patchField.length) {
        patchField = Arrays.copyOf(patchField, nPatches * 2);
        patchHeader = Arrays.copyOf(patchHeader, nPatches * 2);
        patchExcluded = Arrays.copyOf(patchExcluded, nPatches * 2);
      }
      patchField[nPatches] = (int) field;
      patchHeader[nPatches] = (int) childHeader;
      patchExcluded[nPatches] = excluded;
      nPatches++;
    }

    byte[] finish() {
      int total = pos;
      for (int i = 0; i < nHeaders; i++) {
        putU64(headers[i] + 11, total - headers[i] - NVLIST_HEADER_SIZE);
      }
      for (int i = 0; i < nPatches; i++) {
        putU64(patchField[i], total - patchHeader[i] - patchExcluded[i]);
      }
      return Arrays.copyOf(buf, total);
    }

    private long position() {
      return write ? pos : size;
    }

    private void ensure(int n) {
      if (buf.length - pos >= n) {
        return;
      }
      long needed = (long) pos + n;
      long max = Integer.MAX_VALUE - 16L;
      if (needed > max) {
        throw new IllegalStateException("packed nvlist would exceed " + max + " bytes");
      }
      buf = Arrays.copyOf(buf, (int) Math.min(max, Math.max(needed, 2L * buf.length)));
    }

    private void u8(int v) {
      if (!write) {
        size += 1;
        return;
      }
      ensure(1);
      buf[pos++] = (byte) v;
    }

    private void u16(int v) {
      if (!write) {
        size += 2;
        return;
      }
      ensure(2);
      if (bigEndian) {
        buf[pos] = (byte) (v >>> 8);
        buf[pos + 1] = (byte) v;
      } else {
        buf[pos] = (byte) v;
        buf[pos + 1] = (byte) (v >>> 8);
      }
      pos += 2;
    }

    private void u64(long v) {
      if (!write) {
        size += 8;
        return;
      }
      ensure(8);
      putU64(pos, v);
      pos += 8;
    }

    private void raw(byte[] bytes) {
      if (!write) {
        size += bytes.length;
        return;
      }
      ensure(bytes.length);
      System.arraycopy(bytes, 0, buf, pos, bytes.length);
      pos += bytes.length;
    }

    private void putU64(int at, long v) {
      for (int i = 0; i < 8; i++) {
        int shift = bigEndian ? 56 - 8 * i : 8 * i;
        buf[at + i] = (byte) (v >>> shift);
      }
    }
  }
}
