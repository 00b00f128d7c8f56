package io.iovc.nvlist;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;

/**
 * The value of an nvpair: one case per libnv type of {@code sys/sys/nv.h} (spec §7.4).
 *
 * <p>Every case is a small immutable record; array-carrying records copy their input and their
 * accessors return copies, and compare by content. {@link Nested} and {@link NvListArray} refer to
 * {@link NvList}s, which are mutable; an {@code NvList} can be the value of at most one pair at a
 * time (it is "owned" by the list holding that pair), which keeps every tree acyclic, like libnv's
 * parent pointers.
 *
 * <p>The constructors enforce what libnv's {@code nvpair_create_*} functions enforce: strings are
 * NUL-free byte strings, a BINARY value has at least one byte, and BOOL, NUMBER, STRING and NVLIST
 * arrays have at least one element (a DESCRIPTOR array may be empty, as {@code
 * nvpair_create_descriptor_array} allows).
 */
public sealed interface NvValue
    permits NvValue.Null,
        NvValue.Bool,
        NvValue.Number,
        NvValue.Str,
        NvValue.Nested,
        NvValue.Descriptor,
        NvValue.Binary,
        NvValue.BoolArray,
        NvValue.NumberArray,
        NvValue.StringArray,
        NvValue.NvListArray,
        NvValue.DescriptorArray {

  /**
   * The type code of {@code nv.h}: 1 ({@code NV_TYPE_NULL}) to 12 ({@code
   * NV_TYPE_DESCRIPTOR_ARRAY}).
   */
  int typeCode();

  /** The type name exactly as {@code nvpair_type_string} returns it, e.g. {@code "BOOL ARRAY"}. */
  String typeName();

  /** {@code NV_TYPE_NULL} (1): no data. */
  record Null() implements NvValue {
    /** A shared instance; all instances are equal. */
    public static final Null INSTANCE = new Null();

    @Override
    public int typeCode() {
      return 1;
    }

    @Override
    public String typeName() {
      return "NULL";
    }
  }

  /**
   * {@code NV_TYPE_BOOL} (2): one byte, 0 or 1.
   *
   * @param value the boolean
   */
  record Bool(boolean value) implements NvValue {
    @Override
    public int typeCode() {
      return 2;
    }

    @Override
    public String typeName() {
      return "BOOL";
    }
  }

  /**
   * {@code NV_TYPE_NUMBER} (3): a uint64 carried in a {@code long}; use {@link
   * Long#toUnsignedString(long)} to print it.
   *
   * @param value the 64 bits of the number
   */
  record Number(long value) implements NvValue {
    @Override
    public int typeCode() {
      return 3;
    }

    @Override
    public String typeName() {
      return "NUMBER";
    }
  }

  /**
   * {@code NV_TYPE_STRING} (4): a NUL-free byte string carried as ISO-8859-1 chars.
   *
   * @param value the string, without its terminating NUL
   */
  record Str(String value) implements NvValue {
    /** Rejects NUL and chars above 0xFF. */
    public Str {
      Objects.requireNonNull(value, "value");
      ByteStrings.requireCString(value, "STRING value");
    }

    @Override
    public int typeCode() {
      return 4;
    }

    @Override
    public String typeName() {
      return "STRING";
    }
  }

  /**
   * {@code NV_TYPE_NVLIST} (5): a nested nvlist.
   *
   * @param list the child list (adding the pair to a list makes that list the child's owner)
   */
  record Nested(NvList list) implements NvValue {
    /** Rejects null. */
    public Nested {
      Objects.requireNonNull(list, "list");
    }

    @Override
    public int typeCode() {
      return 5;
    }

    @Override
    public String typeName() {
      return "NVLIST";
    }
  }

  /**
   * {@code NV_TYPE_DESCRIPTOR} (6): a file descriptor. It can be built and dumped, but {@code
   * nvlist_pack} refuses it (EOPNOTSUPP) and {@code nvlist_unpack} never accepts it, and so do
   * {@link NvPacker#pack} and {@link NvUnpacker#unpack}.
   *
   * @param fd the descriptor number
   */
  record Descriptor(int fd) implements NvValue {
    @Override
    public int typeCode() {
      return 6;
    }

    @Override
    public String typeName() {
      return "DESCRIPTOR";
    }
  }

  /**
   * {@code NV_TYPE_BINARY} (7): at least one raw byte.
   *
   * @param bytes the bytes (copied on the way in and out)
   */
  record Binary(byte[] bytes) implements NvValue {
    /** Copies the bytes; rejects an empty array as {@code nvpair_create_binary} does (EINVAL). */
    public Binary {
      Objects.requireNonNull(bytes, "bytes");
      if (bytes.length == 0) {
        throw new IllegalArgumentException(
            "a BINARY value needs at least one byte (libnv: EINVAL)");
      }
      bytes = bytes.clone();
    }

    /** A copy of the bytes. */
    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    /** The number of bytes. */
    public int size() {
      return bytes.length;
    }

    /** The internal array, for the packer and dumper only; never modified. */
    byte[] raw() {
      return bytes;
    }

    @Override
    public int typeCode() {
      return 7;
    }

    @Override
    public String typeName() {
      return "BINARY";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Binary b && Arrays.equals(bytes, b.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder("Binary[");
      for (byte b : bytes) {
        sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
      }
      return sb.append(']').toString();
    }
  }

  /**
   * {@code NV_TYPE_BOOL_ARRAY} (8): at least one boolean.
   *
   * @param values the booleans (copied on the way in and out)
   */
  record BoolArray(boolean[] values) implements NvValue {
    /** Copies the values; rejects an empty array (libnv: EINVAL). */
    public BoolArray {
      Objects.requireNonNull(values, "values");
      if (values.length == 0) {
        throw new IllegalArgumentException(
            "a BOOL ARRAY needs at least one element (libnv: EINVAL)");
      }
      values = values.clone();
    }

    /** A copy of the values. */
    @Override
    public boolean[] values() {
      return values.clone();
    }

    /** The number of elements. */
    public int size() {
      return values.length;
    }

    /** The internal array, for the packer and dumper only; never modified. */
    boolean[] raw() {
      return values;
    }

    @Override
    public int typeCode() {
      return 8;
    }

    @Override
    public String typeName() {
      return "BOOL ARRAY";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof BoolArray b && Arrays.equals(values, b.values);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
      return "BoolArray" + Arrays.toString(values);
    }
  }

  /**
   * {@code NV_TYPE_NUMBER_ARRAY} (9): at least one uint64, each carried in a {@code long}.
   *
   * @param values the numbers (copied on the way in and out)
   */
  record NumberArray(long[] values) implements NvValue {
    /** Copies the values; rejects an empty array (libnv: EINVAL). */
    public NumberArray {
      Objects.requireNonNull(values, "values");
      if (values.length == 0) {
        throw new IllegalArgumentException(
            "a NUMBER ARRAY needs at least one element (libnv: EINVAL)");
      }
      values = values.clone();
    }

    /** A copy of the values. */
    @Override
    public long[] values() {
      return values.clone();
    }

    /** The number of elements. */
    public int size() {
      return values.length;
    }

    /** The internal array, for the packer and dumper only; never modified. */
    long[] raw() {
      return values;
    }

    @Override
    public int typeCode() {
      return 9;
    }

    @Override
    public String typeName() {
      return "NUMBER ARRAY";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof NumberArray b && Arrays.equals(values, b.values);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder("NumberArray[");
      for (int i = 0; i < values.length; i++) {
        sb.append(i == 0 ? "" : ", ").append(Long.toUnsignedString(values[i]));
      }
      return sb.append(']').toString();
    }
  }

  /**
   * {@code NV_TYPE_STRING_ARRAY} (10): at least one NUL-free byte string.
   *
   * @param values the strings (an unmodifiable copy)
   */
  record StringArray(List<String> values) implements NvValue {
    /** Copies the list; rejects an empty list and invalid strings (libnv: EINVAL). */
    public StringArray {
      values = List.copyOf(values);
      if (values.isEmpty()) {
        throw new IllegalArgumentException(
            "a STRING ARRAY needs at least one element (libnv: EINVAL)");
      }
      for (int i = 0; i < values.size(); i++) {
        ByteStrings.requireCString(values.get(i), "STRING ARRAY element " + i);
      }
    }

    @Override
    public int typeCode() {
      return 10;
    }

    @Override
    public String typeName() {
      return "STRING ARRAY";
    }
  }

  /**
   * {@code NV_TYPE_NVLIST_ARRAY} (11): at least one nvlist, all distinct objects.
   *
   * @param lists the element lists (an unmodifiable copy of the list of references; adding the pair
   *     to a list makes that list every element's owner)
   */
  record NvListArray(List<NvList> lists) implements NvValue {
    /** Copies the list; rejects an empty list and repeated elements. */
    public NvListArray {
      Objects.requireNonNull(lists, "lists");
      lists = List.copyOf(lists);
      if (lists.isEmpty()) {
        throw new IllegalArgumentException(
            "an NVLIST ARRAY needs at least one element (libnv: EINVAL)");
      }
      IdentityHashMap<NvList, Boolean> seen = new IdentityHashMap<>();
      for (NvList l : lists) {
        if (seen.put(l, Boolean.TRUE) != null) {
          throw new IllegalArgumentException("the same NvList appears twice in an NVLIST ARRAY");
        }
      }
    }

    /** The number of elements. */
    public int size() {
      return lists.size();
    }

    @Override
    public int typeCode() {
      return 11;
    }

    @Override
    public String typeName() {
      return "NVLIST ARRAY";
    }
  }

  /**
   * {@code NV_TYPE_DESCRIPTOR_ARRAY} (12): file descriptors; may be empty. Not packable with a
   * non-zero length.
   *
   * @param fds the descriptor numbers (copied on the way in and out)
   */
  record DescriptorArray(int[] fds) implements NvValue {
    /** Copies the descriptors. */
    public DescriptorArray {
      Objects.requireNonNull(fds, "fds");
      fds = fds.clone();
    }

    /** A copy of the descriptors. */
    @Override
    public int[] fds() {
      return fds.clone();
    }

    /** The number of elements. */
    public int size() {
      return fds.length;
    }

    /** The internal array, for the packer and dumper only; never modified. */
    int[] raw() {
      return fds;
    }

    @Override
    public int typeCode() {
      return 12;
    }

    @Override
    public String typeName() {
      return "DESCRIPTOR ARRAY";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof DescriptorArray b && Arrays.equals(fds, b.fds);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(fds);
    }

    @Override
    public String toString() {
      return "DescriptorArray" + Arrays.toString(fds);
    }
  }
}
