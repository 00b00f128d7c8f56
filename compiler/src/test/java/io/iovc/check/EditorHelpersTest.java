package io.iovc.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iovc.diag.Diagnostic;
import io.iovc.diag.Edit;
import io.iovc.source.SourceText;
import io.iovc.syntax.Ucl;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checker's helpers for editors, and the fixes that add a missing num_vfs or device. */
class EditorHelpersTest {
  @Test
  void sectionKinds() {
    assertEquals(ConfigSection.Kind.PF, ConfigTree.sectionKind("pf"));
    assertEquals(ConfigSection.Kind.DEFAULT, ConfigTree.sectionKind("Default"));
    assertEquals(ConfigSection.Kind.VF, ConfigTree.sectionKind("vf-12"));
    assertNull(ConfigTree.sectionKind("VF-012"));
    assertNull(ConfigTree.sectionKind("VF"));
    assertEquals(12, ConfigTree.vfIndex("VF-12"));
    assertEquals(-1, ConfigTree.vfIndex("VF-x"));
  }

  @Test
  void numVfsFromTheTree() {
    assertEquals(4, ConfigTree.findNumVfs(Ucl.parse(SourceText.of("t", "PF { num_vfs = 4; }"))));
    assertEquals(
        2,
        ConfigTree.findNumVfs(Ucl.parse(SourceText.of("t", "PF { num_vfs = 2.9; } VF-9 { bogus"))));
    assertEquals(
        -1, ConfigTree.findNumVfs(Ucl.parse(SourceText.of("t", "PF { num_vfs = \"4\"; }"))));
    assertEquals(
        -1, ConfigTree.findNumVfs(Ucl.parse(SourceText.of("t", "PF { num_vfs = 70000; }"))));
    assertEquals(-1, ConfigTree.findNumVfs(Ucl.parse(SourceText.of("t", "VF-0 { }"))));
  }

  private static String applyOnly(String name, String text) {
    List<Diagnostic> d = Checker.check(Ucl.parse(SourceText.of(name, text)), null).diagnostics();
    Diagnostic withFix =
        d.stream()
            .filter(x -> !x.fixes().isEmpty())
            .findFirst()
            .orElseThrow(() -> new AssertionError(d.toString()));
    Edit e = withFix.fixes().get(0).edits().get(0);
    byte[] b = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return new String(b, 0, e.span().start(), java.nio.charset.StandardCharsets.UTF_8)
        + e.text()
        + new String(
            b, e.span().end(), b.length - e.span().end(), java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void addsTheDeviceTheFileIsNamedAfter() {
    assertEquals(
        "PF {\n\tnum_vfs = 2;\n\tdevice = \"ixl3\";\n}\n",
        applyOnly("/etc/iov/ixl3.conf", "PF {\n\tnum_vfs = 2;\n}\n"));
    assertEquals(
        "PF {\n\tdevice = \"ix0\";\n\tnum_vfs = 2;\n}\n\nVF-1 { }\n",
        applyOnly("/etc/iov/ix0.conf", "VF-1 { }\n"));
    List<Diagnostic> none =
        Checker.check(
                Ucl.parse(SourceText.of("/etc/iov/my-card.conf", "PF { num_vfs = 2; }")), null)
            .diagnostics();
    assertTrue(
        none.stream().allMatch(x -> x.fixes().isEmpty()), "no guess without a device-like name");
  }
}
