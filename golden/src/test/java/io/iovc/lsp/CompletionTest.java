package io.iovc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.TextEdit;
import org.junit.jupiter.api.Test;

/** Completion with caret markers; every case also goes into the golden {@code completion} file. */
class CompletionTest {
  private final IovcLanguageService plain = Fixture.service(ClientInfo.BASIC);
  private final IovcLanguageService rich = Fixture.service(ClientInfo.RICH);
  private final StringBuilder golden = new StringBuilder();

  private CompletionList complete(IovcLanguageService svc, String name, Fixture.At at) {
    CompletionList list = svc.completion(at.doc(), at.pos());
    golden
        .append("=== ")
        .append(name)
        .append(svc == rich ? " (snippets)" : "")
        .append('\n')
        .append(Fixture.withCaret(at))
        .append("--- items\n");
    for (CompletionItem it : list.getItems()) {
      TextEdit e = it.getTextEdit().getLeft();
      golden
          .append(it.getLabel())
          .append(" [")
          .append(it.getKind())
          .append("] ")
          .append(it.getDetail() == null ? "" : it.getDetail())
          .append(" | ")
          .append(Fixture.range(e.getRange()))
          .append(' ')
          .append(show(e.getNewText()))
          .append('\n');
    }
    if (list.isIncomplete()) golden.append("(incomplete)\n");
    golden.append('\n');
    return list;
  }

  private static String show(String s) {
    return "\"" + s.replace("\n", "\\n").replace("\t", "\\t") + "\"";
  }

  private static List<String> labels(CompletionList l) {
    return l.getItems().stream().map(CompletionItem::getLabel).toList();
  }

  @Test
  void allCases() {
    // an empty line inside a VF section: the VF parameters not yet written, edit at the caret
    String base = Fixture.IXL;
    Fixture.At at =
        Fixture.at(
            base.replace(
                "\tmac-addr = \"02:00:00:00:00:01\";\n",
                "\tmac-addr = \"02:00:00:00:00:01\";\n\t|\n"));
    CompletionList l = complete(plain, "empty line in VF-0", at);
    assertEquals(
        List.of("passthrough", "mac-anti-spoof", "allow-set-mac", "allow-promisc", "num-queues"),
        labels(l));
    CompletionItem q = l.getItems().get(4);
    assertEquals("uint16_t, default 4", q.getDetail());
    assertEquals(at.pos(), q.getTextEdit().getLeft().getRange().getStart());
    assertEquals(at.pos(), q.getTextEdit().getLeft().getRange().getEnd());
    assertEquals("num-queues = ", q.getTextEdit().getLeft().getNewText());

    // a typed prefix is replaced exactly
    at = Fixture.at(base.replace("\tpassthrough = true;\n", "\tpassthrough = true;\n\tmac-a|\n"));
    l = complete(rich, "typed prefix in VF-2", at);
    TextEdit e = l.getItems().get(0).getTextEdit().getLeft();
    assertEquals(at.pos().getCharacter() - 5, e.getRange().getStart().getCharacter());
    assertEquals(at.pos(), e.getRange().getEnd());
    assertFalse(labels(l).contains("passthrough"), "already written in VF-2");
    assertTrue(labels(l).contains("mac-addr"));

    // the top level: the VF-n sections not written yet (num_vfs = 4), DEFAULT and PF exist
    at = Fixture.at(base + "\n|");
    l = complete(plain, "top level", at);
    assertEquals(List.of("VF-1", "VF-3"), labels(l));
    l = complete(rich, "top level", at);
    assertEquals("VF-1 {\n\t$0\n}", l.getItems().get(0).getTextEdit().getLeft().getNewText());

    // a half-typed section name
    at = Fixture.at(base + "\nVF|");
    l = complete(plain, "half-typed section", at);
    assertEquals(List.of("VF-1", "VF-3"), labels(l));

    // the PF section: device is written, num_vfs too; nothing else for ixl
    at = Fixture.at(base.replace("\tnum_vfs = 4;\n", "\tnum_vfs = 4;\n\t|\n"));
    l = complete(plain, "PF", at);
    assertEquals(List.of(), labels(l));

    // DEFAULT gets the VF parameters
    at = Fixture.at(base.replace("\tnum-queues = 8;\n", "\tnum-queues = 8;\n\t|\n"));
    l = complete(rich, "DEFAULT", at);
    assertEquals(
        List.of("passthrough", "mac-addr", "mac-anti-spoof", "allow-set-mac", "allow-promisc"),
        labels(l));

    // values
    at = Fixture.at(base.replace("passthrough = true;", "passthrough = |"));
    l = complete(plain, "boolean value", at);
    assertEquals(List.of("true", "false"), labels(l));
    at = Fixture.at(base.replace("passthrough = true;", "passthrough = f|"));
    l = complete(plain, "boolean value with prefix", at);
    assertEquals("f", textOf(at, l.getItems().get(1)));

    at =
        Fixture.at(
            base.replace("\tpassthrough = true;\n", "\tpassthrough = true;\n\tmac-addr = |\n"));
    l = complete(rich, "MAC for VF-2", at);
    assertEquals(List.of("02:00:00:00:00:03"), labels(l));

    at = Fixture.at(base.replace("device = \"ixl0\";", "device = \"ix|\";"));
    l = complete(plain, "device in quotes", at);
    assertEquals("ixl0", l.getItems().get(0).getLabel());
    assertTrue(l.getItems().get(0).getPreselect(), "the file's own name (ixl0.conf) comes first");
    assertTrue(
        labels(l).containsAll(List.of("cxgbe0", "cxl0", "cc0", "mlx5_core0")),
        labels(l).toString());
    assertEquals(
        "\"ix\"",
        textOf(at, l.getItems().get(0)),
        "the opening quote, the prefix and the closing quote");

    at = Fixture.at(base.replace("num_vfs = 4;", "num_vfs = |"));
    l = complete(plain, "num_vfs value", at);
    assertEquals(List.of("3"), labels(l), "one more than the highest VF-n written");

    // a VLAN (cxgbe): trunk
    String cxl = "PF {\n\tdevice = \"cxl0\";\n\tnum_vfs = 2;\n}\nVF-1 {\n\tvlan = |\n}\n";
    at = Fixture.at("file:///etc/iov/cxl0.conf", cxl, Positions.Encoding.UTF16);
    l = complete(plain, "vlan value", at);
    assertTrue(labels(l).contains("trunk"), labels(l).toString());

    // no device yet: the SR-IOV parameters every driver has
    at = Fixture.at("file:///tmp/new.conf", "PF {\n\t|\n}\n", Positions.Encoding.UTF16);
    l = complete(plain, "PF without a schema", at);
    assertEquals(List.of("num_vfs", "device"), labels(l));
    at = Fixture.at("file:///tmp/new.conf", "PF {\n\tdevice = |\n}\n", Positions.Encoding.UTF16);
    l = complete(plain, "device without a schema", at);
    assertTrue(
        labels(l).containsAll(List.of("ixl0", "cxgbe0", "mlx5_core0")), labels(l).toString());

    // an empty file
    at = Fixture.at("file:///tmp/new.conf", "|", Positions.Encoding.UTF16);
    l = complete(plain, "empty file", at);
    assertEquals(List.of("PF", "DEFAULT", "VF-0"), labels(l));

    // nothing in comments
    at = Fixture.at(base.replace("DEFAULT {", "# a comment |\nDEFAULT {"));
    l = complete(plain, "comment", at);
    assertEquals(List.of(), labels(l));

    // a key already followed by `=`: only the name is inserted
    at = Fixture.at(base.replace("\tpassthrough = true;", "\tpass| = true;"));
    l = complete(rich, "renaming a key", at);
    CompletionItem pt =
        l.getItems().stream()
            .filter(i -> i.getLabel().equals("passthrough"))
            .findFirst()
            .orElseThrow();
    assertEquals("passthrough", pt.getTextEdit().getLeft().getNewText());

    // an unclosed section while typing
    at = Fixture.at("PF {\n\tdevice = \"ixl0\";\n\tnum_vfs = 2;\n}\nVF-1 {\n\tallow-|");
    l = complete(plain, "unclosed section", at);
    assertEquals(
        List.of("allow-set-mac", "allow-promisc"),
        labels(l).stream().filter(s -> s.startsWith("allow")).toList());

    // non-ASCII text before the caret: UTF-16 columns
    at =
        Fixture.at(
            base.replace("\tpassthrough = true;", "\tpassthrough = true; # ünïcødé ✓\n\tmac-a|"));
    l = complete(plain, "after non-ASCII", at);
    e = l.getItems().get(0).getTextEdit().getLeft();
    assertEquals(1, e.getRange().getStart().getCharacter());

    // many VFs: the list is capped and marked incomplete
    at = Fixture.at("PF {\n\tdevice = \"ixl0\";\n\tnum_vfs = 2000;\n}\n|");
    l = plain.completion(at.doc(), at.pos());
    assertTrue(l.isIncomplete());
    assertEquals(Completions.MAX_SECTIONS + 1, l.getItems().size(), "DEFAULT and the first VFs");

    // a file for Linux: the PF also takes eswitch-mode, whose value is one of devlink's two words
    String linux = "# iovc: target=linux\n" + base;
    at = Fixture.at(linux.replace("\tnum_vfs = 4;\n", "\tnum_vfs = 4;\n\t|\n"));
    l = complete(plain, "empty line in PF (Linux)", at);
    assertTrue(labels(l).contains("eswitch-mode"), labels(l).toString());
    at = Fixture.at(linux.replace("\tnum_vfs = 4;\n", "\tnum_vfs = 4;\n\teswitch-mode = |\n"));
    l = complete(plain, "eswitch-mode value (Linux)", at);
    assertEquals(List.of("legacy", "switchdev"), labels(l));
    at = Fixture.at(base.replace("\tnum_vfs = 4;\n", "\tnum_vfs = 4;\n\t|\n"));
    l = plain.completion(at.doc(), at.pos());
    assertFalse(labels(l).contains("eswitch-mode"), "for FreeBSD the PF has no eswitch-mode");

    LspDocuments.verify("completion", golden.toString());
  }

  /** The document text an item's edit replaces. */
  private static String textOf(Fixture.At at, CompletionItem it) {
    TextEdit e = it.getTextEdit().getLeft();
    String text = at.doc().text;
    return text.substring(
        Fixture.index(text, e.getRange().getStart()), Fixture.index(text, e.getRange().getEnd()));
  }
}
