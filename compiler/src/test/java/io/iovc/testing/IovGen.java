package io.iovc.testing;

import java.util.List;
import java.util.Random;

/**
 * Generates iovctl.conf files that are mostly plausible (a PF, DEFAULT, VF sections, parameters of
 * every type with valid and invalid values, case variants, duplicates), for comparing iovc with
 * iovctl on accept/refuse, the dry-run listing and the packed bytes. Seeded and replayable.
 */
public final class IovGen {
  private final Random r;
  private final List<String> vfParams;

  public IovGen(long seed, List<String> vfParams) {
    this.r = new Random(seed);
    this.vfParams = vfParams;
  }

  private <T> T pick(List<T> l) {
    return l.get(r.nextInt(l.size()));
  }

  private boolean p(int percent) {
    return r.nextInt(100) < percent;
  }

  private static final List<String> SEPS = List.of(" = ", " : ", " ", "=", ":");
  private static final List<String> ENDS = List.of(";\n", "\n", ";", ", ", ";\n\n", " # note\n");

  private String sep() {
    return p(80) ? " = " : pick(SEPS);
  }

  private String end() {
    return p(80) ? ";\n" : pick(ENDS);
  }

  private String key(String k) {
    if (p(5)) return k.toUpperCase(java.util.Locale.ROOT);
    if (p(3)) return "\"" + k + "\"";
    return k;
  }

  private String numVfs() {
    return pick(
        List.of(
            "1", "2", "3", "4", "8", "2", "2", "0", "2.9", "\"2\"", "0x3", "1e1", "-1", "65536",
            "300", "3s", "1k", "0.5", "2 ", "true", "[2]"));
  }

  private String device() {
    return pick(
        List.of(
            "\"ixl0\"",
            "\"ixl0\"",
            "ix0",
            "\"cxl0\"",
            "\"\"",
            "5",
            "\"/dev/iov/ixl0\"",
            "'ixl1'",
            "ixl0 // x",
            "\"ix\\u0030\"",
            "on"));
  }

  private String value(String param) {
    switch (param) {
      case "mac-addr":
        return pick(
            List.of(
                "\"02:00:00:00:00:01\"",
                "\"02:00:00:00:00:0a\"",
                "\"00:00:00:00:00:00\"",
                "\"ff:ff:ff:ff:ff:ff\"",
                "\"03:00:00:00:00:01\"",
                "\"2:0:0:0:0:1\"",
                "\"::02:00:00:00:00:01\"",
                "\"02-00-00-00-00-01\"",
                "\"02:00:00:00:00\"",
                "\"02:00:00:00:00:01:02\"",
                "\" 2:+0:00:00:00:01\"",
                "\"02:00:00:00:00:100\"",
                "\"-1:00:00:00:00:01\"",
                "02:00:00:00:00:01",
                "5",
                "\"0x:00:00:00:00:01\""));
      case "vlan":
        return pick(
            List.of(
                "1",
                "100",
                "4095",
                "0",
                "4096",
                "trunk",
                "TRUNK",
                "\"trunk\"",
                "\"100\"",
                "-1",
                "1.5",
                "5k",
                "true",
                "\"\""));
      case "num-queues":
      case "max-vlan-allowed":
      case "max-mac-filters":
      case "mirror-src-vsi":
        return pick(
            List.of(
                "4", "1", "16", "32", "0", "2.9", "-0.5", "65535", "65536", "\"4\"", "1m", "10min",
                "0x10", "1500ms", "nan", "inf", "yes"));
      default: // bool
        return pick(
            List.of(
                "true", "false", "yes", "no", "on", "off", "TRUE", "\"true\"", "1", "0", "null"));
    }
  }

  private void params(StringBuilder sb, boolean inDefault) {
    int n = r.nextInt(4);
    for (int i = 0; i < n; i++) {
      String param =
          p(85)
              ? pick(vfParams)
              : pick(
                  List.of("passthrough", "passthrough", "bogus", "num_vfs", "device", "mac-adr"));
      sb.append("\t").append(key(param)).append(sep()).append(value(param)).append(end());
      if (p(4))
        sb.append("\t")
            .append(p(50) ? param : param.toUpperCase(java.util.Locale.ROOT))
            .append(" = ")
            .append(value(param))
            .append(";\n");
    }
  }

  public String text() {
    StringBuilder sb = new StringBuilder();
    int numVfs = 1 + r.nextInt(4);
    boolean pfFirst = p(90);
    String pf =
        "PF {\n\tdevice"
            + sep()
            + device()
            + end()
            + "\tnum_vfs"
            + sep()
            + (p(85) ? Integer.toString(numVfs) : numVfs())
            + end()
            + (p(5) ? "\tpassthrough = true;\n" : "")
            + "}\n";
    if (p(3)) pf = pf.replace("\tnum_vfs", "\t# no num_vfs\n\t#");
    if (pfFirst) sb.append(p(5) ? pf.replace("PF", "pf") : pf);
    boolean defaultFirst = p(85);
    String def = p(50) ? "DEFAULT {\n" + paramsText(true) + "}\n" : "";
    if (defaultFirst) sb.append(def);
    int sections = r.nextInt(numVfs + 2);
    for (int i = 0; i < sections; i++) {
      int idx = p(85) ? r.nextInt(numVfs + 1) : r.nextInt(6);
      String name =
          p(90)
              ? "VF-" + idx
              : pick(List.of("vf-" + idx, "VF-0" + idx, "VF-" + idx + "x", "VF-99999", "VF-65535"));
      sb.append(name)
          .append(p(90) ? " {\n" : pick(List.of("{\n", " = {\n", ": {\n")))
          .append(paramsText(false))
          .append("}\n");
    }
    if (!defaultFirst) sb.append(def);
    if (!pfFirst) sb.append(pf);
    if (p(5)) sb.append(pf.replace("ixl0", "ixl9"));
    if (p(3)) sb.append("// comment\n");
    return sb.toString();
  }

  private String paramsText(boolean inDefault) {
    StringBuilder sb = new StringBuilder();
    params(sb, inDefault);
    return sb.toString();
  }
}
