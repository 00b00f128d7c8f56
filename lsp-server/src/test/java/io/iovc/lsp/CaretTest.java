package io.iovc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.iovc.check.ConfigSection;
import io.iovc.source.SourceText;
import io.iovc.syntax.Ucl;
import org.junit.jupiter.api.Test;

/** Where the caret is, on whole and half-typed text. */
class CaretTest {
  private static Caret at(String textWithCaret) {
    int i = textWithCaret.indexOf('|');
    String text = textWithCaret.substring(0, i) + textWithCaret.substring(i + 1);
    return Caret.at(
        Ucl.parse(SourceText.of("t", text)),
        text.substring(0, i).getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
  }

  @Test
  void topLevel() {
    Caret c = at("PF { device = \"ixl0\"; }\nVF|");
    assertEquals(Caret.Where.TOP, c.where);
    assertEquals("VF", c.prefix);
    assertNull(c.section);
    assertEquals(Caret.Where.TOP, at("|").where);
  }

  @Test
  void keyInSection() {
    Caret c = at("VF-3 {\n\tmac-a|\n}\n");
    assertEquals(Caret.Where.KEY, c.where);
    assertEquals(ConfigSection.Kind.VF, c.kind);
    assertEquals("VF-3", c.sectionName());
    assertEquals("mac-a", c.prefix);
    Caret one = at("DEFAULT { num-queues = 4; |}");
    assertEquals(Caret.Where.KEY, one.where);
    assertEquals(ConfigSection.Kind.DEFAULT, one.kind);
  }

  @Test
  void values() {
    Caret c = at("PF {\n\tdevice = \"ix|\";\n}");
    assertEquals(Caret.Where.VALUE, c.where);
    assertEquals("device", c.valueKey);
    assertEquals("\"ix", c.prefix);
    Caret colon = at("VF-0 { passthrough: t|");
    assertEquals(Caret.Where.VALUE, colon.where);
    assertEquals("t", colon.prefix);
    Caret space = at("VF-0 {\n\tpassthrough |\n}");
    assertEquals("passthrough", space.valueKey);
    assertEquals("", space.prefix);
  }

  @Test
  void unclosedBracesAndComments() {
    Caret nested = at("PF {\n\tdevice = \"ixl0\";\n\nVF-1 {\n\tnum|");
    assertEquals(
        ConfigSection.Kind.VF,
        nested.kind,
        "a section swallowed by an unclosed PF is still a section");
    assertEquals(Caret.Where.NONE, at("PF { # a comm|ent\n}").where);
    assertEquals(Caret.Where.NONE, at("/* a\n bl|ock */").where);
    assertEquals(Caret.Where.NONE, at("PF { note = <<EOD\nsome te|xt\nEOD\n}").where);
  }
}
