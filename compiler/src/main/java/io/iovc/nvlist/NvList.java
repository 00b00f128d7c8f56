package io.iovc.nvlist;

import java.util.AbstractList;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * An in-memory libnv nvlist: an ordered sequence of {@link NvPair}s in insertion order (libnv keeps
 * a TAILQ), with the public flags {@link #IGNORE_CASE} and {@link #NO_UNIQUE} (spec §7.2, §4.2,
 * §7.10 step 1).
 *
 * <ul>
 *   <li>Names are compared exactly, or with ASCII-only case folding ({@code strcasecmp} in the C
 *       locale) when the list has {@code IGNORE_CASE}.
 *   <li>Unless the list has {@code NO_UNIQUE}, {@link #add} refuses a name that is already present,
 *       like {@code nvlist_move_nvpair} setting EEXIST. Lookups return the first matching pair.
 *   <li>A nested list ({@link NvValue.Nested}, {@link NvValue.NvListArray}) belongs to the one list
 *       whose pair holds it, like libnv's parent pointer. Adding a list that already belongs
 *       somewhere, or that would make a tree contain itself, is refused; {@link #remove} releases
 *       the ownership, and {@link #copy} gives an independent deep copy. Trees are therefore always
 *       finite and acyclic.
 * </ul>
 *
 * <p>Lookups are O(1) for lists of more than a few pairs with unique names (a hash index on the
 * folded name); {@code add} and {@code remove} are amortised O(1). Deep trees are handled without
 * recursion by every method, including {@link #equals}, {@link #hashCode} and {@link #copy}.
 * Instances are not thread-safe.
 */
public final class NvList {

  /** {@code NV_FLAG_IGNORE_CASE}: case-insensitive (ASCII) name lookups and uniqueness. */
  public static final int IGNORE_CASE = 0x01;

  /** {@code NV_FLAG_NO_UNIQUE}: names need not be unique. */
  public static final int NO_UNIQUE = 0x02;

  private static final int PUBLIC_MASK = IGNORE_CASE | NO_UNIQUE;

  /** Lists with more pairs than this (and unique names) keep a hash index. */
  private static final int INDEX_THRESHOLD = 8;

  private static final NvPair[] NO_PAIRS = new NvPair[0];

  private int flags;

  /**
   * Pairs in insertion order in {@code slots[0, end)}; {@link #remove} leaves {@code null} holes.
   */
  private NvPair[] slots = NO_PAIRS;

  private int end;
  private int live;

  /**
   * Folded name to slot; only for lists without NO_UNIQUE that have more than INDEX_THRESHOLD
   * pairs.
   */
  private HashMap<String, Integer> index;

  /** The list whose pair holds this list as NVLIST value or NVLIST_ARRAY element, or null. */
  private NvList owner;

  private final List<NvPair> view = new View();

  /**
   * Creates an empty list, like {@code nvlist_create(flags)}.
   *
   * @param flags a combination of {@link #IGNORE_CASE} and {@link #NO_UNIQUE}
   * @throws IllegalArgumentException for any other bit
   */
  public NvList(int flags) {
    if ((flags & ~PUBLIC_MASK) != 0) {
      throw new IllegalArgumentException(
          String.format(
              "nvlist flags 0x%x: only IGNORE_CASE (0x1) and NO_UNIQUE (0x2) are allowed", flags));
    }
    this.flags = flags;
  }

  /** The public flags. */
  public int flags() {
    return flags;
  }

  /** An unmodifiable, live view of the pairs in insertion order. */
  public List<NvPair> pairs() {
    return view;
  }

  /** The number of pairs. */
  public int size() {
    return live;
  }

  /** Whether the list has no pairs ({@code nvlist_empty}). */
  public boolean isEmpty() {
    return live == 0;
  }

  /**
   * Appends a pair.
   *
   * @return this list, for chaining
   * @throws IllegalArgumentException if the name is invalid, is already present (case-insensitively
   *     under IGNORE_CASE) and the list lacks NO_UNIQUE, or if a nested list cannot be adopted (it
   *     already belongs to a list, or the tree would contain itself)
   */
  public NvList add(String name, NvValue v) {
    NvPair p = new NvPair(name, v);
    if (!insert(p, true)) {
      throw new IllegalArgumentException(
          "nvlist already has a pair named \""
              + name
              + "\""
              + ((flags & IGNORE_CASE) != 0 ? " (names are compared case-insensitively)" : "")
              + " (libnv: EEXIST)");
    }
    return this;
  }

  /**
   * The value of the first pair with this name, honouring IGNORE_CASE, or null if there is none.
   */
  public NvValue get(String name) {
    int s = find(Objects.requireNonNull(name, "name"));
    return s < 0 ? null : slots[s].value();
  }

  /** Whether a pair with this name exists ({@code nvlist_exists}). */
  public boolean contains(String name) {
    return find(Objects.requireNonNull(name, "name")) >= 0;
  }

  /**
   * The first nested list with this name ({@code nvlist_get_nvlist} looks for a pair of type
   * NVLIST), or null.
   */
  public NvList getList(String name) {
    Objects.requireNonNull(name, "name");
    if ((flags & NO_UNIQUE) == 0) {
      NvValue v = get(name);
      return v instanceof NvValue.Nested n ? n.list() : null;
    }
    for (int i = 0; i < end; i++) {
      NvPair p = slots[i];
      if (p != null && p.value() instanceof NvValue.Nested n && matches(p.name(), name)) {
        return n.list();
      }
    }
    return null;
  }

  /**
   * Takes the first pair with this name out of the list (like {@code nvlist_take_*}) and returns
   * its value, or null if there is none. A nested list taken out no longer belongs to this list and
   * may be added elsewhere.
   */
  public NvValue remove(String name) {
    int s = find(Objects.requireNonNull(name, "name"));
    if (s < 0) {
      return null;
    }
    NvPair p = slots[s];
    slots[s] = null;
    live--;
    if (index != null) {
      index.remove(key(p.name()));
    }
    if (s == end - 1) {
      end--;
    }
    disown(p.value());
    int holes = end - live;
    if (holes > 16 && holes > live) {
      compact();
    }
    return p.value();
  }

  /** A deep copy: same flags, names and values, with fresh nested lists that belong to the copy. */
  public NvList copy() {
    NvList result = new NvList(flags);
    ArrayDeque<NvList> work = new ArrayDeque<>();
    work.push(this);
    work.push(result);
    while (!work.isEmpty()) {
      NvList dst = work.pop();
      NvList src = work.pop();
      for (int i = 0; i < src.end; i++) {
        NvPair p = src.slots[i];
        if (p == null) {
          continue;
        }
        if (p.value() instanceof NvValue.Nested n) {
          NvList c = new NvList(n.list().flags);
          dst.insert(new NvPair(p.name(), new NvValue.Nested(c)), false);
          work.push(n.list());
          work.push(c);
        } else if (p.value() instanceof NvValue.NvListArray a) {
          NvList[] copies = new NvList[a.size()];
          for (int k = 0; k < copies.length; k++) {
            copies[k] = new NvList(a.lists().get(k).flags);
          }
          dst.insert(new NvPair(p.name(), new NvValue.NvListArray(Arrays.asList(copies))), false);
          for (int k = 0; k < copies.length; k++) {
            work.push(a.lists().get(k));
            work.push(copies[k]);
          }
        } else {
          dst.insert(p, false);
        }
      }
    }
    return result;
  }

  /**
   * Structural equality: same flags and the same pairs (names compared exactly) in the same order,
   * nested lists compared the same way. Iterative, so arbitrarily deep trees are fine.
   */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof NvList other)) {
      return false;
    }
    ArrayDeque<NvList> work = new ArrayDeque<>();
    work.push(this);
    work.push(other);
    while (!work.isEmpty()) {
      NvList b = work.pop();
      NvList a = work.pop();
      if (a == b) {
        continue;
      }
      if (a.flags != b.flags || a.live != b.live) {
        return false;
      }
      int i = 0;
      int j = 0;
      for (int k = 0; k < a.live; k++) {
        while (a.slots[i] == null) {
          i++;
        }
        while (b.slots[j] == null) {
          j++;
        }
        NvPair pa = a.slots[i++];
        NvPair pb = b.slots[j++];
        if (!pa.name().equals(pb.name())) {
          return false;
        }
        NvValue va = pa.value();
        NvValue vb = pb.value();
        if (va instanceof NvValue.Nested na) {
          if (!(vb instanceof NvValue.Nested nb)) {
            return false;
          }
          work.push(na.list());
          work.push(nb.list());
        } else if (va instanceof NvValue.NvListArray aa) {
          if (!(vb instanceof NvValue.NvListArray ab) || aa.size() != ab.size()) {
            return false;
          }
          for (int e = 0; e < aa.size(); e++) {
            work.push(aa.lists().get(e));
            work.push(ab.lists().get(e));
          }
        } else if (!va.equals(vb)) {
          return false;
        }
      }
    }
    return true;
  }

  /** A hash consistent with {@link #equals}; iterative. */
  @Override
  public int hashCode() {
    int h = 1;
    ArrayDeque<NvList> work = new ArrayDeque<>();
    work.push(this);
    while (!work.isEmpty()) {
      NvList l = work.pop();
      h = 31 * h + l.flags;
      h = 31 * h + l.live;
      for (int i = 0; i < l.end; i++) {
        NvPair p = l.slots[i];
        if (p == null) {
          continue;
        }
        h = 31 * h + p.name().hashCode();
        NvValue v = p.value();
        if (v instanceof NvValue.Nested n) {
          h = 31 * h + 5;
          work.push(n.list());
        } else if (v instanceof NvValue.NvListArray a) {
          h = 31 * h + 11 + a.size();
          for (NvList e : a.lists()) {
            work.push(e);
          }
        } else {
          h = 31 * h + v.hashCode();
        }
      }
    }
    return h;
  }

  /** A short, non-recursive description: flags and the first few pair names and types. */
  @Override
  public String toString() {
    StringBuilder sb =
        new StringBuilder("NvList{flags=0x")
            .append(Integer.toHexString(flags))
            .append(", ")
            .append(live)
            .append(live == 1 ? " pair" : " pairs");
    int shown = 0;
    for (int i = 0; i < end && shown < 8; i++) {
      NvPair p = slots[i];
      if (p != null) {
        sb.append(shown == 0 ? ": " : ", ")
            .append(p.name())
            .append(" (")
            .append(p.value().typeName())
            .append(')');
        shown++;
      }
    }
    if (shown < live) {
      sb.append(", ...");
    }
    return sb.append('}').toString();
  }

  // ---------------------------------------------------------------------------------------------------------
  // Package-private operations for the packer, unpacker and dumper.

  /**
   * Appends a pair unless its name is a duplicate in a list without NO_UNIQUE.
   *
   * @param checkOwnership verify that nested lists are free and do not create a cycle; the unpacker
   *     and {@link #copy} pass false because their nested lists are always fresh
   * @return false (and no change) on a duplicate name
   */
  boolean insert(NvPair p, boolean checkOwnership) {
    boolean unique = (flags & NO_UNIQUE) == 0;
    if (unique && find(p.name()) >= 0) {
      return false;
    }
    if (checkOwnership) {
      checkAdoptable(p.value());
    }
    adopt(p.value());
    if (end == slots.length) {
      // Squeeze out holes only when they free a good part of the array, so that alternating remove
      // and
      // add (iovctl's take-and-reinsert) stays amortised O(1); otherwise grow.
      if (end - live > end / 4) {
        compact();
      } else {
        slots = Arrays.copyOf(slots, Math.max(4, slots.length * 2));
      }
    }
    slots[end] = p;
    if (index != null) {
      index.put(key(p.name()), end);
    }
    end++;
    live++;
    if (index == null && unique && live > INDEX_THRESHOLD) {
      rebuildIndex();
    }
    return true;
  }

  /**
   * Sets the flags of a still-empty list (the unpacker learns an NVLIST_ARRAY element's flags
   * late).
   */
  void initFlags(int newFlags) {
    if (end != 0) {
      throw new IllegalStateException("flags can only be set on an empty list");
    }
    flags = newFlags & PUBLIC_MASK;
    index = null;
  }

  /** The i-th pair, {@code 0 <= i < size()}. */
  NvPair pairAt(int i) {
    Objects.checkIndex(i, live);
    compact();
    return slots[i];
  }

  // ---------------------------------------------------------------------------------------------------------

  private String key(String name) {
    return (flags & IGNORE_CASE) != 0 ? ByteStrings.foldAscii(name) : name;
  }

  private boolean matches(String pairName, String name) {
    return (flags & IGNORE_CASE) != 0
        ? ByteStrings.equalsIgnoreAsciiCase(pairName, name)
        : pairName.equals(name);
  }

  /** The slot of the first pair named {@code name}, or -1. */
  private int find(String name) {
    if (index != null) {
      Integer s = index.get(key(name));
      return s == null ? -1 : s;
    }
    for (int i = 0; i < end; i++) {
      NvPair p = slots[i];
      if (p != null && matches(p.name(), name)) {
        return i;
      }
    }
    return -1;
  }

  /** Squeezes out the holes left by {@link #remove}, keeping the order. */
  private void compact() {
    if (end == live) {
      return;
    }
    int w = 0;
    for (int r = 0; r < end; r++) {
      if (slots[r] != null) {
        slots[w++] = slots[r];
      }
    }
    Arrays.fill(slots, w, end, null);
    end = w;
    if (index != null) {
      rebuildIndex();
    }
  }

  private void rebuildIndex() {
    HashMap<String, Integer> m = new HashMap<>(Math.max(16, live * 2));
    for (int i = 0; i < end; i++) {
      NvPair p = slots[i];
      if (p != null) {
        m.putIfAbsent(key(p.name()), i);
      }
    }
    index = m;
  }

  private void checkAdoptable(NvValue v) {
    if (v instanceof NvValue.Nested n) {
      checkAdoptable(n.list());
    } else if (v instanceof NvValue.NvListArray a) {
      for (NvList e : a.lists()) {
        checkAdoptable(e);
      }
    }
  }

  private void checkAdoptable(NvList child) {
    if (child.owner != null) {
      throw new IllegalArgumentException(
          "this NvList already belongs to another nvlist; remove() it there"
              + " first or add a copy()");
    }
    NvList root = this;
    while (root.owner != null) {
      root = root.owner;
    }
    if (root == child) {
      throw new IllegalArgumentException("adding this NvList would make an nvlist contain itself");
    }
  }

  private void adopt(NvValue v) {
    if (v instanceof NvValue.Nested n) {
      n.list().owner = this;
    } else if (v instanceof NvValue.NvListArray a) {
      for (NvList e : a.lists()) {
        e.owner = this;
      }
    }
  }

  private static void disown(NvValue v) {
    if (v instanceof NvValue.Nested n) {
      n.list().owner = null;
    } else if (v instanceof NvValue.NvListArray a) {
      for (NvList e : a.lists()) {
        e.owner = null;
      }
    }
  }

  /** The live, read-only view returned by {@link #pairs()}. */
  private final class View extends AbstractList<NvPair> implements RandomAccess {
    @Override
    public NvPair get(int i) {
      return pairAt(i);
    }

    @Override
    public int size() {
      return live;
    }
  }
}
