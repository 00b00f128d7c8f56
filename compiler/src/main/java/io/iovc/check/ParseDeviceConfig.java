package io.iovc.check;

import io.iovc.check.ConfigTree.Item;
import io.iovc.schema.Schema;
import io.iovc.syntax.Ascii;
import io.iovc.syntax.UValue;
import io.iovc.syntax.UValue.UObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * iovctl's {@code parse_device_config} (spec §3.2): one section's keys, each looked up in the
 * schema's IOV then DRIVER parameters (ignoring case) and read by {@link AddConfig}.
 */
final class ParseDeviceConfig {
  private ParseDeviceConfig() {}

  /**
   * The section iovctl builds from item {@code t}, or null when it refuses or crashes on it. {@code
   * config} holds the sections so far by lower-cased name. Emits IOV305 (defined twice with
   * different case), IOV210 (not a block), IOV211 (an array), IOV201 (unknown key), IOV213 (a
   * parameter twice with different case), the lint IOV228 (exact duplicates), and add_config's
   * codes.
   */
  static ConfigSection parse(
      CheckRun r, Item t, ConfigSection.Kind kind, int index, Map<String, ConfigSection> config) {
    String lower = Ascii.toLower(t.key());
    ConfigSection previous = config.get(lower);
    if (previous != null) {
      r.add(SectionDiagnostics.multipleDefinitions(t, previous));
      return null;
    }
    Schema.Device dev = kind == ConfigSection.Kind.PF ? Schema.Device.PF : Schema.Device.VF;
    String sectionName = Ascii.display(t.key());
    if (!(t.value() instanceof UObject) && !(t.value() instanceof UValue.UArray)) {
      // libucl iterates a scalar as itself: its key is the section name
      r.add(SectionDiagnostics.sectionNotObject(r.src, sectionName, t.value()));
      return null;
    }
    if (t.value() instanceof UObject o) Lints.duplicateParams(r, o);
    List<ConfigParam> driver = new ArrayList<>();
    List<ConfigParam> iov = new ArrayList<>();
    boolean caseDuplicate = false;
    for (Item i : ConfigTree.items(t.value(), t.chain(), t.key())) {
      if (i.key() == null) {
        r.crash();
        r.add(SectionDiagnostics.arrayValue(t.value().span(), sectionName));
        return null;
      }
      Schema.Param p = r.schema.lookup(dev, Schema.Subsystem.IOV, i.key());
      List<ConfigParam> target = iov;
      if (p == null) {
        p = r.schema.lookup(dev, Schema.Subsystem.DRIVER, i.key());
        target = driver;
      }
      if (p == null) {
        unknownKey(r, i, sectionName, dev);
        continue;
      }
      TypedValue v = AddConfig.add(r, i, p);
      if (v == null) {
        r.refuse(lower, i.key());
        continue;
      }
      ConfigParam dup = null;
      for (ConfigParam q : target) {
        if (Ascii.equalsIgnoreCase(q.name(), i.key())) dup = q;
      }
      if (dup != null) {
        r.crash();
        r.add(SectionDiagnostics.caseDuplicateParam(i, dup));
        // libnv only records the error here; iovctl goes on checking this section's keys (an
        // invalid key after this one is what it reports) and aborts at its next lookup.
        caseDuplicate = true;
        continue;
      }
      target.add(new ConfigParam(i.key(), v, i.member(), p));
    }
    if (caseDuplicate) return null;
    ConfigSection s = new ConfigSection(t.key(), kind, index, t.member(), driver, iov);
    config.put(lower, s);
    return s;
  }

  /**
   * Emits IOV201, with the parameter's place when it belongs to the other device and the closest
   * name otherwise; the words after a {@code //} on the same line are not reported again.
   */
  private static void unknownKey(CheckRun r, Item i, String sectionName, Schema.Device dev) {
    if (r.restOfSlashLine(i)) return;
    Schema schema = r.schema;
    Schema.Param other =
        schema.find(dev == Schema.Device.PF ? Schema.Device.VF : Schema.Device.PF, i.key());
    String suggestion = closest(schema, i.key(), dev);
    r.add(SectionDiagnostics.unknownKey(r.src, schema, i, sectionName, dev, other, suggestion));
  }

  /** The schema parameter whose name is nearest to {@code key} (edit distance), if near enough. */
  private static String closest(Schema schema, String key, Schema.Device dev) {
    String best = null;
    int bestDist = Integer.MAX_VALUE;
    for (Schema.Subsystem s : Schema.Subsystem.values()) {
      for (Schema.Param p : schema.params(dev, s)) {
        int d = distance(Ascii.toLower(key), Ascii.toLower(p.name()));
        if (d < bestDist) {
          bestDist = d;
          best = p.name();
        }
      }
    }
    return best != null && bestDist <= Math.max(2, best.length() / 3) ? best : null;
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) prev[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
