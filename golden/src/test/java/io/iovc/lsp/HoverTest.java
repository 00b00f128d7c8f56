package io.iovc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.lsp4j.Hover;
import org.junit.jupiter.api.Test;

/** Hovers with caret markers; all cases also go into the golden {@code hover} file. */
class HoverTest {
  private final IovcLanguageService md = Fixture.service(ClientInfo.RICH);
  private final StringBuilder golden = new StringBuilder();

  private String hover(String name, Fixture.At at) {
    Hover h = md.hover(at.doc(), at.pos());
    String text = h == null ? null : h.getContents().getRight().getValue();
    String line = Fixture.withCaret(at).lines().filter(l -> l.contains("‸")).findFirst().orElse("");
    golden
        .append("=== ")
        .append(name)
        .append('\n')
        .append(line.strip())
        .append('\n')
        .append("--- ")
        .append(h == null ? "no hover" : Fixture.range(h.getRange()))
        .append('\n')
        .append(text == null ? "" : text + "\n")
        .append('\n');
    return text;
  }

  @Test
  void allCases() {
    String base =
        Fixture.IXL.replace("\tpassthrough = true;", "\tpassthrough = yes;\n\tnum-queues = 2;");
    String t =
        hover(
            "parameter key in VF-2",
            Fixture.at(base.replace("\tnum-queues = 2;", "\tnum-qu|eues = 2;")));
    assertTrue(
        t.contains("`uint16_t`")
            && t.contains("default `4`")
            && t.contains("since FreeBSD 12.0")
            && t.contains("ixl driver"),
        t);
    assertTrue(t.contains("Here: VF-2 only"), t);

    t =
        hover(
            "parameter in DEFAULT",
            Fixture.at(base.replace("\tnum-queues = 8;", "\tnum-queues| = 8;")));
    assertTrue(t.contains("Here in DEFAULT: every VF without its own"), t);

    t =
        hover(
            "value iovctl converts",
            Fixture.at(base.replace("passthrough = yes;", "passthrough = y|es;")));
    assertTrue(t.contains("iovctl reads `yes` as `true`"), t);
    assertTrue(t.contains("SR-IOV (every driver)"), t);

    t = hover("required PF parameter", Fixture.at(base.replace("\tdevice = ", "\tdev|ice = ")));
    assertTrue(t.contains("required"), t);

    t = hover("PF section", Fixture.at(base.replace("PF {", "P|F {")));
    assertTrue(t.contains("the ixl plugin (chosen by PF.device ixl0)"), t);

    t = hover("VF section with what it gets", Fixture.at(base.replace("VF-2 {", "V|F-2 {")));
    assertTrue(t.contains("`num-queues = 2` — set here"), t);
    assertTrue(t.contains("`mac-anti-spoof = true` — kernel default"), t);

    t = hover("VF section inheriting DEFAULT", Fixture.at(base.replace("VF-0 {", "VF-|0 {")));
    assertTrue(t.contains("`num-queues = 8` — from DEFAULT"), t);

    t = hover("DEFAULT section", Fixture.at(base.replace("DEFAULT {", "DEF|AULT {")));
    assertTrue(t.contains("Applies to all 4 VFs; 2 have a section of their own"), t);

    t =
        hover(
            "VF parameter in the PF",
            Fixture.at(
                base.replace(
                    "\tnum_vfs = 4;", "\tnum_vfs = 4;\n\tmac-a|ddr = \"02:00:00:00:00:09\";")));
    assertTrue(t.contains("does not belong in the PF section"), t);

    t = hover("VF beyond num_vfs", Fixture.at(base + "VF-|7 { }\n"));
    assertTrue(t.contains("num_vfs is 4, so this VF does not exist"), t);

    assertNull(
        hover("unknown key", Fixture.at(base.replace("\tnum-queues = 2;", "\tnum-qu|euez = 2;"))));
    assertNull(hover("comment", Fixture.at("# a comm|ent\n" + base)));
    assertNull(hover("empty file", Fixture.at("|")));

    // plain text for clients without markdown
    IovcLanguageService plain = Fixture.service(ClientInfo.BASIC);
    Fixture.At at = Fixture.at(base.replace("\tnum-queues = 2;", "\tnum-qu|eues = 2;"));
    Hover h = plain.hover(at.doc(), at.pos());
    assertEquals("plaintext", h.getContents().getRight().getKind());
    assertTrue(!h.getContents().getRight().getValue().contains("`"));

    // a Linux-only PF setting: its documentation from the schema
    t =
        hover(
            "eswitch-mode in PF (Linux)",
            Fixture.at(
                ("# iovc: target=linux\n" + base)
                    .replace(
                        "\tnum_vfs = 4;\n", "\tnum_vfs = 4;\n\teswitch|-mode = switchdev;\n")));
    assertTrue(t != null && t.contains("Linux only.") && t.contains("devlink dev eswitch set"), t);

    LspDocuments.verify("hover", golden.toString());
  }
}
