package io.iovc.nvlist;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random nvlist trees of every packable type, for round-trip and mutation tests. */
final class RandomTrees {

  private static final String[] NAMES = {
    "a",
    "A",
    "b",
    "num_vfs",
    "NUM_VFS",
    "mac-addr",
    "",
    "x\u00e9",
    "X\u00c9",
    "DRIVER",
    "iov",
    "IOV",
    "k1",
    "k2",
    "k3"
  };

  private RandomTrees() {}

  /** A chain {@code a → a → … → {}} nested {@code depth} levels deep, all IGNORE_CASE. */
  static NvList chain(int depth) {
    NvList cur = new NvList(NvList.IGNORE_CASE);
    for (int i = 0; i < depth; i++) {
      NvList parent = new NvList(NvList.IGNORE_CASE);
      parent.add("a", new NvValue.Nested(cur));
      cur = parent;
    }
    return cur;
  }

  /** A random tree; {@code arrays} enables the array types, including NVLIST ARRAY. */
  static NvList tree(Random r, boolean arrays, int maxDepth) {
    NvList root = new NvList(r.nextInt(4));
    fill(r, root, arrays, maxDepth);
    return root;
  }

  private static void fill(Random r, NvList l, boolean arrays, int depth) {
    int n = r.nextInt(7);
    for (int i = 0; i < n; i++) {
      String name = NAMES[r.nextInt(NAMES.length)];
      if (l.contains(name) && (l.flags() & NvList.NO_UNIQUE) == 0) {
        continue;
      }
      l.add(name, value(r, arrays, depth));
    }
  }

  private static NvValue value(Random r, boolean arrays, int depth) {
    int kinds = arrays ? 11 : 6;
    int k = r.nextInt(kinds);
    if (depth <= 0 && (k == 5 || k == 10)) {
      k = 0;
    }
    switch (k) {
      case 0:
        return NvValue.Null.INSTANCE;
      case 1:
        return new NvValue.Bool(r.nextBoolean());
      case 2:
        return new NvValue.Number(r.nextInt(3) == 0 ? r.nextLong() : r.nextInt(100));
      case 3:
        return new NvValue.Str(string(r));
      case 4:
        {
          byte[] b = new byte[1 + r.nextInt(8)];
          r.nextBytes(b);
          return new NvValue.Binary(b);
        }
      case 5:
        {
          NvList child = new NvList(r.nextInt(4));
          fill(r, child, arrays, depth - 1);
          return new NvValue.Nested(child);
        }
      case 6:
        {
          boolean[] v = new boolean[1 + r.nextInt(4)];
          for (int i = 0; i < v.length; i++) {
            v[i] = r.nextBoolean();
          }
          return new NvValue.BoolArray(v);
        }
      case 7:
        {
          long[] v = new long[1 + r.nextInt(4)];
          for (int i = 0; i < v.length; i++) {
            v[i] = r.nextLong();
          }
          return new NvValue.NumberArray(v);
        }
      case 8:
        {
          List<String> v = new ArrayList<>();
          int m = 1 + r.nextInt(4);
          for (int i = 0; i < m; i++) {
            v.add(string(r));
          }
          return new NvValue.StringArray(v);
        }
      case 9:
        return new NvValue.Str("");
      default:
        {
          List<NvList> v = new ArrayList<>();
          int m = 1 + r.nextInt(3);
          for (int i = 0; i < m; i++) {
            NvList e = new NvList(r.nextInt(4));
            if (r.nextInt(3) != 0) {
              fill(r, e, arrays, depth - 1);
            }
            v.add(e);
          }
          return new NvValue.NvListArray(v);
        }
    }
  }

  private static String string(Random r) {
    int len = r.nextInt(6);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < len; i++) {
      sb.append((char) (1 + r.nextInt(255)));
    }
    return sb.toString();
  }
}
