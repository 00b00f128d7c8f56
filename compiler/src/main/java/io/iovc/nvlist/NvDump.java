package io.iovc.nvlist;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;

/**
 * Renders an {@link NvList} exactly as libnv's {@code nvlist_fdump} / {@code nvlist_dump} print it
 * (spec §1.5, §4.3, §6.1), which is what {@code iovctl -C -n} shows.
 *
 * <p>Each pair is a line {@code <indent><name> (<TYPE>):<value>} with four spaces of indent per
 * nesting level:
 *
 * <pre>
 * NULL              " null"
 * BOOL              " TRUE" / " FALSE"
 * NUMBER            " %ju (%jd) (0x%jx)"
 * STRING            " [%s]"                       (raw bytes)
 * NVLIST            ""                            then the child's pairs one level deeper
 * DESCRIPTOR        " %d"
 * BINARY            " %zu " then each byte as %02x
 * BOOL ARRAY        " [ TRUE, FALSE ]"
 * NUMBER ARRAY      " [ 1 (1) (0x1), 2 (2) (0x2) ]"
 * STRING ARRAY      " [ "a", "b" ]"
 * DESCRIPTOR ARRAY  " [ 3, 4 ]"                   (" [  ]" when empty)
 * NVLIST ARRAY      " %zu" (the element count), then for each element its pairs one level deeper followed
 *                   by a line holding only "," at that deeper indent
 * </pre>
 *
 * The result is a {@link String} of ISO-8859-1 chars, one per output byte. The walk is iterative,
 * so any depth works. The list passed in is dumped as a root even if it is nested elsewhere.
 */
public final class NvDump {

  private NvDump() {}

  /** The text {@code nvlist_fdump(list, fp)} writes. */
  public static String fdump(NvList list) {
    Objects.requireNonNull(list, "list");
    StringBuilder out = new StringBuilder();
    ArrayDeque<Frame> stack = new ArrayDeque<>();
    stack.push(new Frame(list, null, -1, 0));
    while (!stack.isEmpty()) {
      Frame f = stack.peek();
      if (f.next < f.list.size()) {
        NvPair p = f.list.pairAt(f.next++);
        line(out, f.level, p, stack);
      } else {
        stack.pop();
        if (f.elements != null) {
          indent(out, f.level).append(",\n");
          enterElements(out, f.elements, f.elementIndex + 1, f.level, stack);
        }
      }
    }
    return out.toString();
  }

  /** A list being printed. */
  private static final class Frame {
    final NvList list;
    int next;

    /** The array this list is an element of, or null. */
    final List<NvList> elements;

    final int elementIndex;
    final int level;

    Frame(NvList list, List<NvList> elements, int elementIndex, int level) {
      this.list = list;
      this.elements = elements;
      this.elementIndex = elementIndex;
      this.level = level;
    }
  }

  private static void line(StringBuilder out, int level, NvPair p, ArrayDeque<Frame> stack) {
    NvValue v = p.value();
    indent(out, level).append(p.name()).append(" (").append(v.typeName()).append("):");
    if (v instanceof NvValue.Null) {
      out.append(" null\n");
    } else if (v instanceof NvValue.Bool b) {
      out.append(b.value() ? " TRUE\n" : " FALSE\n");
    } else if (v instanceof NvValue.Number n) {
      out.append(' ');
      number(out, n.value());
      out.append('\n');
    } else if (v instanceof NvValue.Str s) {
      out.append(" [").append(s.value()).append("]\n");
    } else if (v instanceof NvValue.Nested n) {
      out.append('\n');
      if (!n.list().isEmpty()) {
        stack.push(new Frame(n.list(), null, -1, level + 1));
      }
    } else if (v instanceof NvValue.Descriptor d) {
      out.append(' ').append(d.fd()).append('\n');
    } else if (v instanceof NvValue.Binary b) {
      byte[] bytes = b.raw();
      out.append(' ').append(bytes.length).append(' ');
      for (byte x : bytes) {
        out.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
      }
      out.append('\n');
    } else if (v instanceof NvValue.BoolArray a) {
      boolean[] values = a.raw();
      out.append(" [ ");
      for (int i = 0; i < values.length; i++) {
        out.append(i == 0 ? "" : ", ").append(values[i] ? "TRUE" : "FALSE");
      }
      out.append(" ]\n");
    } else if (v instanceof NvValue.NumberArray a) {
      long[] values = a.raw();
      out.append(" [ ");
      for (int i = 0; i < values.length; i++) {
        if (i > 0) {
          out.append(", ");
        }
        number(out, values[i]);
      }
      out.append(" ]\n");
    } else if (v instanceof NvValue.StringArray a) {
      List<String> values = a.values();
      out.append(" [ ");
      for (int i = 0; i < values.size(); i++) {
        out.append(i == 0 ? "" : ", ").append('"').append(values.get(i)).append('"');
      }
      out.append(" ]\n");
    } else if (v instanceof NvValue.DescriptorArray a) {
      int[] fds = a.raw();
      out.append(" [ ");
      for (int i = 0; i < fds.length; i++) {
        out.append(i == 0 ? "" : ", ").append(fds[i]);
      }
      out.append(" ]\n");
    } else if (v instanceof NvValue.NvListArray a) {
      out.append(' ').append(a.size()).append('\n');
      enterElements(out, a.lists(), 0, level + 1, stack);
    } else {
      throw new AssertionError("unknown NvValue " + v.getClass());
    }
  }

  /**
   * Prints "," for element {@code from} and each following empty element, stopping at the first
   * non-empty one, whose pairs are printed next.
   */
  private static void enterElements(
      StringBuilder out, List<NvList> elements, int from, int level, ArrayDeque<Frame> stack) {
    for (int i = from; i < elements.size(); i++) {
      NvList e = elements.get(i);
      if (!e.isEmpty()) {
        stack.push(new Frame(e, elements, i, level));
        return;
      }
      indent(out, level).append(",\n");
    }
  }

  /** {@code %ju (%jd) (0x%jx)} of a uint64. */
  private static void number(StringBuilder out, long v) {
    out.append(Long.toUnsignedString(v))
        .append(" (")
        .append(v)
        .append(") (0x")
        .append(Long.toHexString(v))
        .append(')');
  }

  private static StringBuilder indent(StringBuilder out, int level) {
    for (int i = 0; i < level * 4; i++) {
      out.append(' ');
    }
    return out;
  }
}
