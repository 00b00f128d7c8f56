package io.iovc.syntax;

import io.iovc.source.SourceText;
import io.iovc.syntax.UValue.UMember;
import io.iovc.syntax.UValue.UObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * libucl's object semantics over the tree (spec §2.4, §2.5.1): keys are compared byte for byte; a
 * repeated key of the same priority joins an implicit array behind the first value; a higher {@code
 * .priority} replaces the earlier value in its place, a lower one is dropped. Iterating an object
 * (what iovctl does) yields the first value of each key in insertion order.
 */
public final class UclModel {
  private UclModel() {}

  /** One key of an object: the values libucl keeps for it, first (the one iovctl sees) first. */
  public record Entry(String key, List<UMember> chain, List<UMember> dropped) {
    public UMember first() {
      return chain.get(0);
    }
  }

  public static List<Entry> entries(UObject o) {
    List<UMember> members = o.members();
    if (distinctKeys(members)) {
      // the usual object: no key repeated, so each is its own chain and nothing is dropped (the
      // checker asks for the entries of every section several times)
      List<Entry> out = new ArrayList<>(members.size());
      for (UMember m : members) out.add(new Entry(m.key().name(), List.of(m), List.of()));
      return out;
    }
    List<String> order = new ArrayList<>();
    Map<String, List<UMember>> chains = new HashMap<>();
    Map<String, List<UMember>> dropped = new HashMap<>();
    for (UMember m : members) {
      String k = m.key().name();
      List<UMember> chain = chains.get(k);
      if (chain == null) {
        chain = new ArrayList<>();
        chain.add(m);
        chains.put(k, chain);
        order.add(k);
        continue;
      }
      int old = chain.get(0).key().priority() & 0xF;
      int neu = m.key().priority() & 0xF;
      if (old == neu) {
        chain.add(m);
      } else if (old > neu) {
        dropped.computeIfAbsent(k, x -> new ArrayList<>()).add(m);
      } else {
        dropped.computeIfAbsent(k, x -> new ArrayList<>()).addAll(chain);
        chain.clear();
        chain.add(m);
      }
    }
    List<Entry> out = new ArrayList<>(order.size());
    for (String k : order) {
      out.add(
          new Entry(
              k, List.copyOf(chains.get(k)), List.copyOf(dropped.getOrDefault(k, List.of()))));
    }
    return out;
  }

  private static boolean distinctKeys(List<UMember> members) {
    int n = members.size();
    if (n > 8) {
      Set<String> seen = new HashSet<>(n * 2);
      for (UMember m : members) {
        if (!seen.add(m.key().name())) return false;
      }
      return true;
    }
    for (int i = 1; i < n; i++) {
      String k = members.get(i).key().name();
      for (int j = 0; j < i; j++) {
        if (members.get(j).key().name().equals(k)) return false;
      }
    }
    return true;
  }

  /**
   * A canonical text of what libucl builds from the file (keys, values with their types, implicit
   * arrays, priorities), without positions: two files mean the same to libucl, and so to iovctl,
   * exactly when their fingerprints are equal. Content collapsed into DEEP tokens is compared as
   * its source text.
   */
  public static String fingerprint(SyntaxTree t) {
    StringBuilder sb = new StringBuilder();
    fingerprint(t.root(), t.source(), sb);
    return sb.toString();
  }

  private static void fingerprint(UValue v, SourceText src, StringBuilder sb) {
    if (v instanceof UObject o) {
      sb.append('{');
      for (Entry e : entries(o)) {
        for (UMember m : e.chain()) {
          sb.append(m.key().name().length())
              .append(':')
              .append(m.key().name())
              .append('@')
              .append(m.key().priority() & 0xF)
              .append('=');
          fingerprint(m.value(), src, sb);
        }
      }
      sb.append('}');
    } else if (v instanceof UValue.UArray a) {
      sb.append('[');
      for (UValue i : a.items()) fingerprint(i, src, sb);
      sb.append(']');
    } else if (v instanceof UValue.UString s) {
      sb.append("s").append(s.value().length()).append(':').append(s.value());
    } else if (v instanceof UValue.UInt i) {
      sb.append('i').append(i.value()).append(';');
    } else if (v instanceof UValue.UFloat f) {
      sb.append(f.time() ? 't' : 'f').append(Double.doubleToRawLongBits(f.value())).append(';');
    } else if (v instanceof UValue.UBool b) {
      sb.append(b.value() ? 'T' : 'F');
    } else if (v instanceof UValue.UNull) {
      sb.append('N');
    } else if (v instanceof UValue.UDeep d) {
      String raw = src.raw(d.span());
      sb.append("D").append(raw.length()).append(':').append(raw);
    } else {
      sb.append('?');
    }
  }
}
