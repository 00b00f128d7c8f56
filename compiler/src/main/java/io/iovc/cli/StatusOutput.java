package io.iovc.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import io.iovc.kernel.SriovStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code iovc status} records as text for people and as JSON for tools. The JSON is the contract
 * published in {@code io/iovc/ops/status.schema.json} (version 1): every named property is present,
 * null when the OS cannot read it.
 */
final class StatusOutput {
  private StatusOutput() {}

  /** One JSON object, {@code "version": 1}. */
  static String json(String backend, List<SriovStatus.Pf> pfs) {
    JsonObject root = new JsonObject();
    root.addProperty("version", 1);
    root.addProperty("backend", backend);
    JsonArray arr = new JsonArray();
    for (SriovStatus.Pf pf : pfs) {
      JsonObject p = new JsonObject();
      p.addProperty("device", pf.device());
      p.addProperty("pci", pf.pci());
      p.addProperty("driver", pf.driver());
      p.addProperty("num_vfs", pf.numVfs());
      p.addProperty("total_vfs", pf.totalVfs());
      JsonArray vfs = new JsonArray();
      for (SriovStatus.Vf v : pf.vfs()) {
        JsonObject o = new JsonObject();
        o.addProperty("index", v.index());
        o.addProperty("pci", v.pci());
        o.addProperty("driver", v.driver());
        o.addProperty("netdev", v.netdev());
        o.addProperty("mac", v.mac());
        o.addProperty("vlan", v.vlan());
        o.addProperty("spoofchk", v.spoofchk());
        o.addProperty("trust", v.trust());
        o.addProperty("passthru", v.passthru());
        SriovStatus.Consumer c = v.consumer();
        if (c == null) {
          o.add("consumer", JsonNull.INSTANCE);
        } else {
          JsonObject co = new JsonObject();
          co.addProperty("kind", c.kind().json());
          co.addProperty("name", c.name());
          co.addProperty("pid", c.pid());
          co.addProperty("jid", c.jid());
          o.add("consumer", co);
        }
        vfs.add(o);
      }
      p.add("vfs", vfs);
      JsonArray notes = new JsonArray();
      for (String n : pf.notes()) notes.add(n);
      p.add("notes", notes);
      arr.add(p);
    }
    root.add("pfs", arr);
    return new GsonBuilder().serializeNulls().setPrettyPrinting().create().toJson(root) + "\n";
  }

  /**
   * For people: a line per PF, a table of its VFs with the columns the OS can read (FreeBSD's tools
   * give no MAC, VLAN, spoof check or trust), the consumer last, then the notes.
   */
  static String human(List<SriovStatus.Pf> pfs) {
    StringBuilder sb = new StringBuilder();
    if (pfs.isEmpty()) return "no SR-IOV PF on this host\n";
    for (SriovStatus.Pf pf : pfs) {
      sb.append("PF ").append(pf.device());
      if (pf.pci() != null && !pf.pci().equals(pf.device()))
        sb.append(" (").append(pf.pci()).append(')');
      sb.append(", driver ").append(pf.driver() == null ? "none" : pf.driver());
      sb.append(", VFs ").append(pf.numVfs());
      if (pf.totalVfs() != null) sb.append(" of ").append(pf.totalVfs());
      sb.append('\n');
      if (!pf.vfs().isEmpty()) {
        boolean link = pf.vfs().stream().anyMatch(v -> v.mac() != null || v.spoofchk() != null);
        boolean passthru = pf.vfs().stream().anyMatch(v -> v.passthru() != null);
        List<String[]> rows = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("VF", "PCI", "driver", "netdev"));
        if (link) head.addAll(List.of("MAC", "vlan", "spoofchk", "trust"));
        if (passthru) head.add("passthru");
        head.add("consumer");
        rows.add(head.toArray(String[]::new));
        for (SriovStatus.Vf v : pf.vfs()) {
          List<String> r = new ArrayList<>();
          r.add(Integer.toString(v.index()));
          r.add(dash(v.pci()));
          r.add(dash(v.driver()));
          r.add(dash(v.netdev()));
          if (link) {
            r.add(dash(v.mac()));
            r.add(v.vlan() == null || v.vlan() == 0 ? "-" : v.vlan().toString());
            r.add(v.spoofchk() == null ? "-" : v.spoofchk() ? "on" : "off");
            r.add(v.trust() == null ? "-" : v.trust() ? "on" : "off");
          }
          if (passthru) r.add(dash(v.passthru()));
          r.add(v.consumer() == null ? "-" : v.consumer().display());
          rows.add(r.toArray(String[]::new));
        }
        table(sb, rows);
      }
      for (String n : pf.notes()) sb.append("note: ").append(n).append('\n');
    }
    return sb.toString();
  }

  /** The consumers the Linux table does not show (its netdev column already shows host ones). */
  static String consumers(SriovStatus.Pf pf) {
    StringBuilder sb = new StringBuilder();
    for (SriovStatus.Vf v : pf.vfs()) {
      if (v.consumer() == null || v.consumer().kind() == SriovStatus.Kind.HOST) continue;
      sb.append("VF-").append(v.index()).append(" used by ").append(v.consumer().display());
      if (v.netdev() != null) sb.append(", as ").append(v.netdev());
      sb.append('\n');
    }
    for (String n : pf.notes()) sb.append("note: ").append(n).append('\n');
    return sb.toString();
  }

  private static String dash(String s) {
    return s == null ? "-" : s;
  }

  private static void table(StringBuilder sb, List<String[]> rows) {
    int[] w = new int[rows.get(0).length];
    for (String[] r : rows) for (int c = 0; c < r.length; c++) w[c] = Math.max(w[c], r[c].length());
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < r.length; c++) {
        line.append(r[c]);
        if (c < r.length - 1) line.append(" ".repeat(w[c] - r[c].length() + 2));
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
  }
}
