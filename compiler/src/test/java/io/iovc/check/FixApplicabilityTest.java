package io.iovc.check;

import static io.iovc.diag.Fix.Applicability.MACHINE_APPLICABLE;
import static io.iovc.diag.Fix.Applicability.MAYBE_INCORRECT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.iovc.diag.Code;
import io.iovc.diag.Codes;
import io.iovc.diag.Diagnostic;
import io.iovc.diag.Fix;
import io.iovc.schema.Schema;
import io.iovc.source.SourceText;
import io.iovc.syntax.Ucl;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Which fixes are machine-applicable (the rule in {@link Fix}'s Javadoc): sure where the intent has
 * one reading and nothing is invented, a guess otherwise. One case per fix and per branch.
 */
class FixApplicabilityTest {
  private static final Schema IXL = CheckerTest.IXL;
  private static final Schema IX = CheckerTest.IX_2026;
  private static final String PF = "PF { device = \"ixl0\"; num_vfs = 1; }\n";

  private static Fix fix(Schema s, String name, String text, Code code) {
    var tree = Ucl.parse(new SourceText(name, text.getBytes(StandardCharsets.ISO_8859_1)));
    for (Diagnostic d : Checker.check(tree, s).diagnostics()) {
      if (d.code() == code && !d.fixes().isEmpty()) return d.fixes().get(0);
    }
    throw new AssertionError("no " + code + " with a fix in:\n" + text);
  }

  private static void sure(Schema s, String text, Code code, String title) {
    Fix f = fix(s, "t.conf", text, code);
    assertEquals(title, f.title());
    assertEquals(MACHINE_APPLICABLE, f.applicability(), title + " for:\n" + text);
  }

  private static void guess(Schema s, String text, Code code, String title) {
    Fix f = fix(s, "t.conf", text, code);
    assertEquals(title, f.title());
    assertEquals(MAYBE_INCORRECT, f.applicability(), title + " for:\n" + text);
  }

  @Test
  void syntax() {
    sure(IXL, "\u00ef\u00bb\u00bf" + PF, Codes.BOM, "remove the byte order mark");
    sure(
        IXL,
        "PF { device = \"ixl0\"\0 num_vfs = 1; }\n",
        Codes.NUL_BYTE,
        "replace the NUL byte with a line break");
    sure(
        IXL, PF + "VF-0 { passthrough = yes // on\n}\n", Codes.SLASH_COMMENT, "turn `//` into `#`");
    sure(IXL, PF + "VF-0{ passthrough = true; }\n", Codes.BAD_KEY, "insert a space");
    sure(IXL, PF + "VF-0 { passthrough == true; }\n", Codes.BAD_KEY, "remove the extra `=`");
    guess(IXL, "PF { device = \"ixl0\" num_vfs = 1; }\n", Codes.MISSING_DELIMITER, "insert `;`");
    guess(IXL, PF + "VF-0 { passthrough = true;\n", Codes.UNBALANCED, "add `}`");
    guess(IXL, PF + "}\n", Codes.UNBALANCED, "remove the `}`");
    guess(
        IXL,
        "PF { device = \"ixl0\n; num_vfs = 1; }\n",
        Codes.UNTERMINATED_STRING,
        "close the string");
  }

  @Test
  void sectionsAndKeys() {
    sure(
        IXL,
        "\u00ef\u00bb\u00bfPF { device = \"ixl0\"; num_vfs = 1; }\n",
        Codes.NO_DEVICE,
        "remove the byte order mark");
    Fix pf = fix(IXL, "/etc/iov/ixl0.conf", "VF-0 { passthrough = true; }\n", Codes.NO_DEVICE);
    assertEquals(MAYBE_INCORRECT, pf.applicability(), pf.title());
    Fix device = fix(IXL, "/etc/iov/ixl0.conf", "PF {\n\tnum_vfs = 1;\n}\n", Codes.NO_DEVICE);
    assertEquals("add `device = \"ixl0\";`", device.title());
    assertEquals(MAYBE_INCORRECT, device.applicability());
    sure(IXL, PF + "// VF-0 { }\n", Codes.UNEXPECTED_SECTION, "turn `//` into `#`");
    guess(IXL, PF + "VF-00 { }\n", Codes.UNEXPECTED_SECTION, "rename to `VF-0`");
    sure(IXL, PF + "VF-0 { // the first\n}\n", Codes.UNKNOWN_KEY, "turn `//` into `#`");
    guess(
        IXL,
        PF + "VF-0 { mac-adr = \"02:00:00:00:00:01\"; }\n",
        Codes.UNKNOWN_KEY,
        "change to `mac-addr`");
    guess(
        IXL,
        PF + "VF-0 { passthrough = true; PASSTHROUGH = false; }\n",
        Codes.CASE_DUPLICATE_PARAM,
        "remove this line");
    sure(
        IXL,
        PF + "VF-0 { passthrough = true;\npassthrough = false;\n}\n",
        Codes.DUPLICATE_PARAM,
        "remove the ignored parameter");
    sure(IXL, PF + "VF-0 { }\nVF-0 { }\n", Codes.DUPLICATE_SECTION, "remove the ignored section");
  }

  @Test
  void values() {
    sure(IXL, "PF { device = 5; num_vfs = 1; }\n", Codes.DEVICE_NOT_STRING, "write \"5\"");
    guess(IXL, "PF { device = null; num_vfs = 1; }\n", Codes.DEVICE_NOT_STRING, "write \"null\"");
    sure(IXL, PF + "VF-0 { allow-set-mac = \"Yes\"; }\n", Codes.TYPE_MISMATCH, "write yes");
    sure(IXL, PF + "VF-0 { allow-set-mac = 1; }\n", Codes.TYPE_MISMATCH, "write true");
    sure(IXL, "PF { device = \"ixl0\"; num_vfs = \"2\"; }\n", Codes.QUOTED_NUMBER, "write 2");
    guess(IXL, PF + "VF-0 { num-queues = \"1k\"; }\n", Codes.QUOTED_NUMBER, "write 1k");
    sure(IX, PF + "VF-0 { vlan = \"100\"; }\n", Codes.BAD_VLAN, "write 100");
    guess(IX, PF + "VF-0 { vlan = 4096; }\n", Codes.BAD_VLAN, "write trunk");
    sure(
        IXL,
        PF + "VF-0 { mac-addr = \"02-00-00-00-00-01\"; }\n",
        Codes.BAD_MAC,
        "write 02:00:00:00:00:01");
    guess(
        IXL,
        PF + "VF-0 { mac-addr = \"2:00:00:00:00:001\"; }\n",
        Codes.BAD_MAC,
        "write 20:00:00:00:00:01");
    guess(
        IXL,
        PF + "VF-0 { mac-addr = \"03:00:00:00:00:01\"; }\n",
        Codes.MULTICAST_MAC,
        "write 02:00:00:00:00:01");
  }

  @Test
  void lints() {
    sure(
        IXL,
        PF + "VF-0 { mac-addr = \"2:0:0:0:0:1\"; }\n",
        Codes.ODD_MAC,
        "write 02:00:00:00:00:01");
    guess(IXL, PF + "VF-0 { num-queues = 2.5; }\n", Codes.FLOAT_TRUNCATED, "write 2");
    sure(IXL, PF + "VF-0 { num-queues = -0.0; }\n", Codes.FLOAT_TRUNCATED, "write 0");
    guess(IXL, PF + "VF-0 { num-queues = 1k; }\n", Codes.SUFFIX_NUMBER, "write 1000");
    sure(
        IXL,
        "PF { device = \"/dev/iov/ixl0\"; num_vfs = 1; }\n",
        Codes.DEVICE_SLASH,
        "write \"ixl0\"");
    guess(
        IXL, "PF { device = \"/dev/ixl0\"; num_vfs = 1; }\n", Codes.DEVICE_SLASH, "write \"ixl0\"");
    guess(
        IXL,
        "PF { device = \"ixl0\"; num_vfs = 1; }\nDEFAULT { passthrough = true; }\n"
            + "VF-0 { passthrough = false; }\n",
        Codes.DEFAULT_UNUSED,
        "remove the unused default");
  }

  @Test
  void validateAndSuppressions() {
    guess(IXL, PF + "VF-3 { }\n", Codes.VF_OUT_OF_BOUNDS, "set num_vfs to 4");
    guess(IXL, "PF {\n\tdevice = \"ixl0\";\n}\n", Codes.REQUIRED_MISSING, "add `num_vfs = 1;`");
    sure(
        IXL,
        "# iovc disable-file=IOV228\n" + PF,
        Codes.UNUSED_SUPPRESSION,
        "remove the suppression comment");
    guess(
        IXL,
        "# iovc disable-file=IOV228 until the vendor fixes it\n" + PF,
        Codes.UNUSED_SUPPRESSION,
        "remove the suppression comment");
  }
}
