package io.iovc.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.iovc.check.Checker;
import io.iovc.check.ConfigTree;
import io.iovc.diag.Diagnostic;
import io.iovc.diag.Edit;
import io.iovc.diag.Fix;
import io.iovc.diag.Label;
import io.iovc.diag.render.FormatAll;
import io.iovc.nvlist.NvDump;
import io.iovc.nvlist.NvFormatException;
import io.iovc.nvlist.NvList;
import io.iovc.nvlist.NvPacker;
import io.iovc.nvlist.NvUnpacker;
import io.iovc.schema.Schema;
import io.iovc.schema.SchemaException;
import io.iovc.source.SourceText;
import io.iovc.source.Span;
import io.iovc.syntax.SyntaxTree;
import io.iovc.syntax.Ucl;
import io.iovc.syntax.UclToken;
import io.iovc.testing.IovGen;
import io.iovc.testing.StrictJson;
import io.iovc.testing.UclGen;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Whatever the bytes, every stage returns diagnostics and never throws: parse, check (with and
 * without a schema), lower, pack, and every output format. Seeded generators and mutations with a
 * fixed number of cases, plus named hostile inputs.
 */
class RobustnessTest {
  private static final String PF_HEAD =
      "The following configuration parameters may be configured on the PF:\n"
          + "\tnum_vfs : uint16_t (required)\n\tdevice : string (required)\n"
          + "\nThe following configuration parameters may be configured on a VF:\n\tpassthrough : bool (default = false)\n";
  private static final Schema IXL =
      schema(
          PF_HEAD
              + "\tmac-addr : unicast-mac (optional)\n\tmac-anti-spoof : bool (default = true)\n"
              + "\tallow-set-mac : bool (default = false)\n\tallow-promisc : bool (default = false)\n\tnum-queues : uint16_t (default = 4)\n");
  private static final Schema IX_2026 =
      schema(
          PF_HEAD
              + "\tmac-addr : unicast-mac (optional)\n\tmac-anti-spoof : bool (default = true)\n"
              + "\tallow-set-mac : bool (default = false)\n\tallow-promisc : bool (default = false)\n\tvlan : vlan (default = trunk)\n");
  private static final List<String> IXL_VF =
      List.of("mac-addr", "mac-anti-spoof", "allow-set-mac", "allow-promisc", "num-queues");
  private static final List<String> IX_VF =
      List.of("mac-addr", "mac-anti-spoof", "allow-set-mac", "allow-promisc", "vlan");

  private static Schema schema(String text) {
    try {
      return Schema.fromIovctlText(text, "test");
    } catch (SchemaException e) {
      throw new AssertionError(e);
    }
  }

  private static String show(byte[] in) {
    String s = new String(in, StandardCharsets.ISO_8859_1);
    return s.length() > 300 ? s.substring(0, 300) + "… (" + in.length + " bytes)" : s;
  }

  private static void inside(Span s, int len, String what, byte[] in) {
    assertTrue(
        s.start() >= 0 && s.end() <= len,
        () -> what + " " + s + " outside the " + len + "-byte input: " + show(in));
  }

  /**
   * Runs every stage on {@code in}; fails on any exception or broken invariant. Returns the compile
   * result.
   */
  static Pipeline.Result everything(byte[] in, Schema schema, boolean formats) {
    try {
      SourceText src = new SourceText("in.conf", in);
      SyntaxTree tree = Ucl.parse(src);
      StringBuilder rebuilt = new StringBuilder();
      for (UclToken t : tree.tokens()) rebuilt.append(t.getText());
      assertEquals(
          new String(in, StandardCharsets.ISO_8859_1),
          rebuilt.toString(),
          () -> "tokens do not rebuild: " + show(in));
      ConfigTree.findDevice(tree);
      Checker.check(tree, null);
      Pipeline.Result r = Pipeline.compile(tree, schema, Pipeline.DEFAULT_MAX_CONFIG);
      for (Diagnostic d : r.diagnostics()) {
        assertNotNull(d.message());
        inside(d.span(), in.length, d.code() + " span", in);
        for (Label l : d.labels()) inside(l.span(), in.length, d.code() + " label", in);
        for (Fix f : d.fixes())
          for (Edit e : f.edits()) inside(e.span(), in.length, d.code() + " fix", in);
      }
      if (r.hasErrors()) {
        assertNull(r.packed(), "nothing packed with errors");
      } else {
        assertNotNull(r.packed(), () -> "accepted but not packed: " + show(in));
        assertEquals(NvPacker.packedSize(r.config()), r.packed().length);
        NvList back = NvUnpacker.unpack(r.packed(), NvList.IGNORE_CASE);
        assertEquals(
            NvDump.fdump(r.config()),
            NvDump.fdump(back),
            "the packed bytes unpack to the same tree");
      }
      if (formats) {
        FormatAll.render(src, r.diagnostics());
        for (String doc : FormatAll.json(src, r.diagnostics())) StrictJson.parse(doc);
      }
      return r;
    } catch (RuntimeException | StackOverflowError | NvFormatException e) {
      fail("exception on input: " + show(in), e);
      return null;
    }
  }

  // ------------------------------------------------------------------ generated and mutated inputs

  @Test
  void generatedUcl() {
    UclGen gen = new UclGen(20240501);
    for (int i = 0; i < 250; i++) everything(gen.bytes(), i % 2 == 0 ? IXL : IX_2026, i % 5 == 0);
  }

  @Test
  void generatedConfigsAndTheirMutations() {
    Random r = new Random(42);
    int accepted = 0;
    for (int i = 0; i < 150; i++) {
      boolean ix = i % 2 == 1;
      byte[] text =
          new IovGen(r.nextLong(), ix ? IX_VF : IXL_VF)
              .text()
              .getBytes(StandardCharsets.ISO_8859_1);
      if (!everything(text, ix ? IX_2026 : IXL, i % 5 == 0).hasErrors()) accepted++;
      byte[] m = text.clone();
      int edits = 1 + r.nextInt(3);
      for (int k = 0; k < edits && m.length > 0; k++) {
        switch (r.nextInt(3)) {
          case 0 -> m[r.nextInt(m.length)] = (byte) r.nextInt(256);
          case 1 -> {
            int at = r.nextInt(m.length);
            m =
                concat(
                    Arrays.copyOf(m, at),
                    "{}[]\";#/*\0\n".substring(r.nextInt(10)).getBytes(StandardCharsets.ISO_8859_1),
                    Arrays.copyOfRange(m, at, m.length));
          }
          default -> {
            int at = r.nextInt(m.length);
            m =
                concat(
                    Arrays.copyOf(m, at),
                    Arrays.copyOfRange(m, Math.min(m.length, at + 1 + r.nextInt(8)), m.length));
          }
        }
      }
      everything(m, ix ? IX_2026 : IXL, i % 5 == 1);
    }
    assertTrue(accepted > 10, "the generator produces valid files too (" + accepted + ")");
  }

  @Test
  void randomBytes() {
    Random r = new Random(7);
    for (int i = 0; i < 150; i++) {
      byte[] b = new byte[r.nextInt(300)];
      r.nextBytes(b);
      everything(b, IXL, i % 5 == 0);
    }
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) n += p.length;
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  private static byte[] b(String latin1) {
    return latin1.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static List<String> codes(Pipeline.Result r) {
    List<String> c = new ArrayList<>();
    for (Diagnostic d : r.diagnostics()) c.add(d.code().id());
    return c;
  }

  // ------------------------------------------------------------------ named hostile inputs

  @Test
  void nulBytes() {
    Pipeline.Result after =
        everything(
            b("PF { device = \"ixl0\"; num_vfs = 1; }\n\0VF-0 { passthrough = true }"), IXL, true);
    assertFalse(after.hasErrors(), "libucl reads on after a NUL between values");
    assertTrue(NvDump.fdump(after.config()).contains("passthrough (BOOL): TRUE"));
    Pipeline.Result inString = everything(b("PF { device = \"ix\0l0\"; num_vfs = 1; }"), IXL, true);
    assertTrue(inString.hasErrors());
    everything(new byte[512], IXL, true);
  }

  @Test
  void invalidUtf8() {
    Pipeline.Result dev = everything(b("PF { device = \"ix\u00ff0\"; num_vfs = 1; }"), IXL, true);
    assertFalse(dev.hasErrors(), "iovctl takes the bytes as they are");
    assertArrayEquals(
        new byte[] {'i', 'x', (byte) 0xff, '0'},
        dev.check().config().device().getBytes(StandardCharsets.ISO_8859_1));
    Pipeline.Result key =
        everything(
            b(
                "PF { device = \"ixl0\"; num_vfs = 1; }\nVF-0 { \"k\u00ff\u00c3\" = 1; \u00e9\u00e9 = 2 }"),
            IXL,
            true);
    assertEquals(List.of("IOV201", "IOV201"), codes(key));
    assertTrue(
        key.diagnostics().get(0).message().contains("k\ufffd"), key.diagnostics().get(0).message());
  }

  @Test
  void byteOrderMark() {
    Pipeline.Result r =
        everything(b("\u00ef\u00bb\u00bfPF { device = \"ixl0\"; num_vfs = 1; }\n"), IXL, true);
    assertTrue(codes(r).contains("IOV301"), codes(r).toString());
  }

  @Test
  void crlfGivesTheSameBytesAsLf() {
    String lf =
        "PF {\n device = \"ixl0\";\n num_vfs = 2;\n}\nVF-0 {\n mac-addr = \"02:00:00:00:00:01\"\n num-queues = 8\n}\n";
    Pipeline.Result a = everything(b(lf), IXL, true);
    Pipeline.Result c = everything(b(lf.replace("\n", "\r\n")), IXL, true);
    assertFalse(c.hasErrors(), c.diagnostics().toString());
    assertArrayEquals(a.packed(), c.packed());
  }

  @Test
  void heredocThatNeverEnds() {
    Pipeline.Result r =
        everything(b("PF { device = <<EOD\n" + "ixl0\n".repeat(100_000)), IXL, true);
    assertTrue(codes(r).contains("IOV105"), codes(r).toString());
  }

  @Test
  void aMillionOpeningBraces() {
    byte[] in = new byte[1_000_000];
    Arrays.fill(in, (byte) '{');
    Pipeline.Result r = everything(in, IXL, false);
    assertTrue(r.hasErrors());
    assertTrue(r.diagnostics().size() < 10, r.diagnostics().size() + " diagnostics");
    everything(Arrays.copyOf(in, 10_000), IXL, true);
  }

  @Test
  void repeatedUnbalancedBracketsGiveABoundedNumberOfDiagnostics() {
    byte[] open = concat(b("a = "), b("[".repeat(1_000_000)));
    SyntaxTree t = Ucl.parse(new SourceText("in.conf", open));
    assertTrue(t.hasErrors());
    assertTrue(
        t.diagnostics().size() < 100, t.diagnostics().size() + " diagnostics for 1,000,000 `[`");
    byte[] close = b("PF { device = \"ixl0\"; num_vfs = 1 }\n" + "}".repeat(200_000) + "\n");
    SyntaxTree c = Ucl.parse(new SourceText("in.conf", close));
    assertTrue(
        c.diagnostics().size() < 100, c.diagnostics().size() + " diagnostics for 200,000 `}`");
  }

  @Test
  void tenMegabyteString() {
    String big = "x".repeat(10 << 20);
    Pipeline.Result dev =
        everything(b("PF { device = \"" + big + "\"; num_vfs = 1; }\n"), IXL, false);
    assertEquals(
        List.of("IOV311"),
        codes(dev),
        "accepted by iovctl, but the kernel refuses more than 1 MiB");
    String mb = "x".repeat(1 << 20);
    Pipeline.Result bare =
        everything(
            b("PF { device = ixl0; num_vfs = 1; }\nVF-0 { mac-addr = " + mb + " }\n"), IXL, false);
    assertEquals(List.of("IOV205"), codes(bare));
    Pipeline.Result comment =
        everything(b("PF { device = \"ixl0\"; num_vfs = 1; }\n# " + mb + "\n"), IXL, false);
    assertFalse(comment.hasErrors());
    Pipeline.Result open = everything(b("PF { device = \"" + mb), IXL, false);
    assertTrue(codes(open).contains("IOV101"), codes(open).toString());
  }

  @Test
  void deviceNamesWithSlashesDotsAndSpaces() {
    Pipeline.Result path =
        everything(b("PF { device = \"/dev/iov/ixl0\"; num_vfs = 1; }"), IXL, true);
    assertEquals(List.of("IOV223"), codes(path));
    assertEquals("\"ixl0\"", path.diagnostics().get(0).fixes().get(0).edits().get(0).text());
    Pipeline.Result up = everything(b("PF { device = \"../ixl0\"; num_vfs = 1; }"), IXL, true);
    assertEquals(List.of("IOV223"), codes(up));
    Pipeline.Result trailing = everything(b("PF { device = \"ixl0/\"; num_vfs = 1; }"), IXL, true);
    assertEquals(List.of("IOV223"), codes(trailing));
    assertTrue(
        trailing.diagnostics().get(0).fixes().isEmpty(), "no fix when nothing follows the last /");
    for (String name : List.of("..", ".", "ixl 0", " ixl0 ", "ixl0\\n")) {
      Pipeline.Result r =
          everything(b("PF { device = \"" + name + "\"; num_vfs = 1; }"), IXL, true);
      assertFalse(r.hasErrors(), name);
    }
    assertEquals(
        "ixl 0",
        everything(b("PF { device = \"ixl 0\"; num_vfs = 1; }"), IXL, false)
            .check()
            .config()
            .device());
  }

  @Test
  void manyVfsExceedTheKernelLimit() {
    SyntaxTree t =
        Ucl.parse(
            new SourceText(
                "in.conf",
                b("PF { device = \"ixl0\"; num_vfs = 5000; }\nDEFAULT { passthrough = true }\n")));
    Pipeline.Result r = Pipeline.check(t, IXL, Pipeline.DEFAULT_MAX_CONFIG);
    assertEquals(
        List.of("IOV311"), codes(r), "5000 VFs with a parameter each exceed the 1 MiB limit");
    assertEquals("5000", t.source().text(r.diagnostics().get(0).span()));
  }

  @Test
  void noSchemaAtAll() {
    for (String in :
        List.of("", "PF { device = \"ixl0\"; num_vfs = 1; }", "[1]", "VF-0 = 5", "{")) {
      SyntaxTree t = Ucl.parse(new SourceText("in.conf", b(in)));
      Pipeline.Result r = Pipeline.check(t, null, Pipeline.DEFAULT_MAX_CONFIG);
      assertNull(r.config());
      for (Diagnostic d : r.diagnostics()) assertTrue(d.span().end() <= in.length());
    }
  }
}
