package io.iovc.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iovc.diag.Code;
import io.iovc.diag.Codes;
import io.iovc.diag.Diagnostic;
import io.iovc.diag.Edit;
import io.iovc.diag.Severity;
import io.iovc.nvlist.NvDump;
import io.iovc.nvlist.NvList;
import io.iovc.nvlist.NvPacker;
import io.iovc.nvlist.NvValue;
import io.iovc.pipeline.Pipeline;
import io.iovc.plugin.DriverPlugin;
import io.iovc.plugin.ParamSpec;
import io.iovc.plugin.ParamType;
import io.iovc.plugin.PluginCode;
import io.iovc.plugin.ValueHint;
import io.iovc.schema.Schema;
import io.iovc.schema.SchemaException;
import io.iovc.source.SourceText;
import io.iovc.syntax.SyntaxTree;
import io.iovc.syntax.Ucl;
import io.iovc.testing.Oracle;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * iovctl's semantics (spec §3) and the lints of §10, through {@link Checker} and {@link Pipeline}.
 * Schemas are written as {@code iovctl -S} prints them (the same schemas as the oracle's {@code
 * ixl}, {@code ix-2026} and {@code cxgbe}). Every outcome and every quoted iovctl message was
 * confirmed with FreeBSD's parse.c/validate.c; with {@code IOVC_ORACLE} set each case is also run
 * through iovctl again: same verdict, and for accepted files the same dry-run listing and packed
 * bytes.
 */
class CheckerTest {
  private static final String PF_HEAD =
      "The following configuration parameters may be configured on the PF:\n"
          + "\tnum_vfs : uint16_t (required)\n"
          + "\tdevice : string (required)\n";
  private static final String VF_HEAD =
      "\nThe following configuration parameters may be configured on a VF:\n\tpassthrough : bool (default = false)\n";

  static final Schema IXL =
      schema(
          "ixl",
          PF_HEAD
              + VF_HEAD
              + "\tmac-addr : unicast-mac (optional)\n"
              + "\tmac-anti-spoof : bool (default = true)\n"
              + "\tallow-set-mac : bool (default = false)\n"
              + "\tallow-promisc : bool (default = false)\n"
              + "\tnum-queues : uint16_t (default = 4)\n");
  static final Schema IX_2026 =
      schema(
          "ix-2026",
          PF_HEAD
              + VF_HEAD
              + "\tmac-addr : unicast-mac (optional)\n"
              + "\tmac-anti-spoof : bool (default = true)\n"
              + "\tallow-set-mac : bool (default = false)\n"
              + "\tallow-promisc : bool (default = false)\n"
              + "\tvlan : vlan (default = trunk)\n");
  static final Schema CXGBE =
      schema(
          "cxgbe",
          PF_HEAD
              + VF_HEAD
              + "\tmac-addr : unicast-mac (optional)\n"
              + "\tvlan : vlan (optional)\n");

  /** A driver with a required PF parameter and a required VF parameter. */
  static final Schema REQ =
      schema(
          "req",
          PF_HEAD
              + "\tpf-mode : string (required)\n"
              + VF_HEAD
              + "\tmac-addr : unicast-mac (required)\n"
              + "\tnum-queues : uint16_t (default = 4)\n");

  /** Every integer width, string and bool, and a parameter spelled in mixed case. */
  static final Schema TYPES =
      schema(
          "types",
          PF_HEAD
              + VF_HEAD
              + "\tu8 : uint8_t (optional)\n"
              + "\tu32 : uint32_t (optional)\n"
              + "\tu64 : uint64_t (optional)\n"
              + "\ts : string (optional)\n"
              + "\tb : bool (optional)\n"
              + "\tMixed-Case : uint16_t (optional)\n");

  private static Schema schema(String name, String text) {
    try {
      return Schema.fromIovctlText(text, name);
    } catch (SchemaException e) {
      throw new AssertionError(e);
    }
  }

  private static final String PF2 = "PF { device = \"ixl0\"; num_vfs = 2; }\n";
  private static final String IX2 = "PF { device = \"ix0\"; num_vfs = 2; }\n";

  /** One checked file, with iovctl's verdict when the oracle is available. */
  record Out(String input, SyntaxTree tree, Pipeline.Result result, Oracle.Verdict iovctl) {
    List<Diagnostic> diags() {
      return result.diagnostics();
    }

    List<Code> codes() {
      return diags().stream().map(Diagnostic::code).toList();
    }

    List<Code> errors() {
      return diags().stream().filter(Diagnostic::isError).map(Diagnostic::code).toList();
    }

    boolean accepted() {
      return !result.hasErrors();
    }

    Diagnostic first(Code c) {
      return diags().stream()
          .filter(d -> d.code().equals(c))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no " + c + " in " + diags()));
    }

    /** The source text under a diagnostic's primary span. */
    String at(Code c) {
      return tree.source().text(first(c).span());
    }

    CheckedConfig config() {
      return result.check().config();
    }

    TypedValue vf(int i, String param) {
      ConfigSection s = config().vf(i);
      assertNotNull(s, "no VF-" + i);
      ConfigParam p = s.param(param);
      assertNotNull(p, "no " + param + " in VF-" + i);
      return p.value();
    }

    TypedValue pf(String param) {
      return config().pf().param(param).value();
    }
  }

  static Out run(Schema schema, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    SyntaxTree tree = Ucl.parse(new SourceText("t.conf", bytes));
    Pipeline.Result r = Pipeline.compile(tree, schema, Pipeline.DEFAULT_MAX_CONFIG);
    Oracle.Verdict v = Oracle.iovctl(NvPacker.pack(schema.nvlist()), bytes);
    if (v != null) {
      assertEquals(
          v.accepted(),
          !r.hasErrors(),
          "iovctl (exit "
              + v.exit()
              + ": "
              + v.stderr().strip()
              + ") and iovc "
              + r.diagnostics()
              + " disagree on:\n"
              + text);
      if (v.accepted()) {
        String listing =
            "Would enable SR-IOV on device '/dev/iov/"
                + r.check().config().device()
                + "'.\n"
                + "The following configuration parameters would be used:\n"
                + NvDump.fdump(r.config())
                + "The configuration parameters consume "
                + r.packed().length
                + " bytes when packed.\n";
        assertEquals(v.stdout(), listing, "dry-run listing for:\n" + text);
        assertEquals(
            v.packed(), HexFormat.of().formatHex(r.packed()), "packed bytes for:\n" + text);
      }
    }
    return new Out(text, tree, r, v);
  }

  private static Out accepted(Schema s, String text) {
    Out o = run(s, text);
    assertTrue(o.accepted(), () -> "refused: " + o.diags() + "\n" + text);
    assertNotNull(o.result().packed());
    return o;
  }

  /** Refused, with {@code code} among the errors and iovctl's message as that diagnostic's note. */
  private static Out refused(Schema s, String text, Code code, String iovctlMessage) {
    Out o = run(s, text);
    assertFalse(o.accepted(), () -> "accepted:\n" + text);
    assertNull(o.result().packed(), "nothing is packed when there are errors");
    assertTrue(o.errors().contains(code), () -> "no " + code + " among " + o.diags());
    if (iovctlMessage != null) {
      Diagnostic d = o.first(code);
      assertTrue(
          d.notes().contains("iovctl: " + iovctlMessage),
          () -> code + " notes " + d.notes() + ", expected iovctl: " + iovctlMessage);
      if (o.iovctl() != null) {
        String expected = iovctlMessage.replace("<an unrelated errno>", "");
        assertTrue(
            o.iovctl().message().startsWith(expected), "iovctl said: " + o.iovctl().message());
      }
    }
    return o;
  }

  private static void assertNoWarnings(Out o) {
    assertEquals(List.of(), o.diags(), o.input());
  }

  // ------------------------------------------------------------------ §2.5 coercions of integers

  @Test
  void fractionIsTruncatedTowardZeroWithAWarning() {
    Out o = accepted(IXL, "PF { device = \"ixl0\"; num_vfs = 2.9; }");
    assertEquals(new TypedValue.Num(2), o.pf("num_vfs"));
    assertEquals(2, o.config().numVfs());
    assertEquals(List.of(Codes.FLOAT_TRUNCATED), o.codes());
    assertEquals("2.9", o.at(Codes.FLOAT_TRUNCATED));
    assertEquals("2", o.first(Codes.FLOAT_TRUNCATED).fixes().get(0).edits().get(0).text());
  }

  @Test
  void integralFloatIsAcceptedQuietly() {
    Out o = accepted(TYPES, "PF { device = \"x0\"; num_vfs = 1; }\nVF-0 { u8 = 1e1 }");
    assertEquals(new TypedValue.Num(10), o.vf(0, "u8"));
    assertNoWarnings(o);
  }

  @Test
  void minutesAreSeconds() {
    Out o = accepted(IXL, "PF { device = \"ixl0\"; num_vfs = 10min; }");
    assertEquals(new TypedValue.Num(600), o.pf("num_vfs"));
    assertEquals(List.of(Codes.SUFFIX_NUMBER), o.codes());
  }

  @Test
  void fiveMIsFiveMillionAndOutOfRange() {
    Out o =
        refused(
            IXL,
            PF2 + "VF-0 { num-queues = 5m; }",
            Codes.INT_RANGE,
            "Value '(null)' of key 'num-queues' is not of type uint16_t");
    assertTrue(
        o.first(Codes.INT_RANGE).message().contains("5000000"), o.first(Codes.INT_RANGE).message());
  }

  @Test
  void millisecondsAreTruncatedSeconds() {
    Out o = accepted(IXL, PF2 + "VF-0 { num-queues = 1500ms; }");
    assertEquals(new TypedValue.Num(1), o.vf(0, "num-queues"));
    assertEquals(List.of(Codes.SUFFIX_NUMBER), o.codes());
  }

  @Test
  void hexWithMultiplier() {
    Out o = accepted(IXL, PF2 + "VF-0 { num-queues = 0x2k; }");
    assertEquals(new TypedValue.Num(2000), o.vf(0, "num-queues"));
    assertEquals(List.of(Codes.SUFFIX_NUMBER), o.codes());
  }

  @Test
  void minusHalfTruncatesToZeroAndPassesTheSignCheck() {
    Out o =
        refused(
            IXL,
            "PF { device = \"ixl0\"; num_vfs = -0.5 }",
            Codes.NUM_VFS_ZERO,
            "PF.num_vfs must be at least 1");
    assertEquals(List.of(Codes.FLOAT_TRUNCATED, Codes.NUM_VFS_ZERO), o.codes());
  }

  @Test
  void quotedNumbersAreRefused() {
    Out o =
        refused(
            IXL,
            "PF { device = \"ixl0\"; num_vfs = \"5\" }",
            Codes.QUOTED_NUMBER,
            "Value '5' of key 'num_vfs' is not of type uint16_t");
    assertEquals("5", o.first(Codes.QUOTED_NUMBER).fixes().get(0).edits().get(0).text());
  }

  @Test
  void suffixedNumberBeforeSpaceAndBraceIsAString() {
    Out o = run(IXL, PF2 + "VF-0 { num-queues = 1k }");
    assertFalse(o.accepted());
    assertTrue(
        o.diags().stream()
            .anyMatch(
                d ->
                    d.isError()
                        && d.notes()
                            .contains(
                                "iovctl: Value '1k' of key 'num-queues' is not of type uint16_t")),
        o.diags().toString());
    assertEquals(
        "1k",
        o.tree()
            .source()
            .text(o.diags().stream().filter(Diagnostic::isError).findFirst().orElseThrow().span()));
  }

  @Test
  void unquotedNumericTextIsNotCalledQuoted() {
    Out o = run(IXL, PF2 + "VF-0 { num-queues = 1k }");
    assertFalse(o.accepted());
    for (Diagnostic d : o.diags()) {
      assertNotEquals(Codes.QUOTED_NUMBER, d.code(), "the value has no quotes: " + d.message());
      for (var f : d.fixes()) {
        for (var e : f.edits())
          assertNotEquals(o.tree().source().text(e.span()), e.text(), "no-op fix " + f.title());
      }
    }
  }

  @Test
  void digitsBeforeAnXAreDroppedWithAWarning() {
    Out o = accepted(IXL, PF2 + "VF-0 { num-queues = 12x34; }");
    assertEquals(new TypedValue.Num(0x34), o.vf(0, "num-queues"));
    assertEquals(List.of(Codes.ODD_NUMBER), o.codes());
    assertEquals("12x34", o.at(Codes.ODD_NUMBER));
    assertEquals("52", o.first(Codes.ODD_NUMBER).fixes().get(0).edits().get(0).text());
    assertNoWarnings(
        accepted(IXL, PF2 + "VF-0 { num-queues = 0x10; }\nVF-1 { num-queues = 0X10; }"));
  }

  @Test
  void integerLimitsOfEachWidth() {
    String pf = "PF { device = \"x0\"; num_vfs = 1; }\n";
    Out o = accepted(TYPES, pf + "VF-0 { u8 = 255; u32 = 4294967295; u64 = 9223372036854775807 }");
    assertEquals(new TypedValue.Num(255), o.vf(0, "u8"));
    assertEquals(new TypedValue.Num(4294967295L), o.vf(0, "u32"));
    assertEquals(new TypedValue.Num(Long.MAX_VALUE), o.vf(0, "u64"));
    refused(
        TYPES,
        pf + "VF-0 { u8 = 256 }",
        Codes.INT_RANGE,
        "Value '(null)' of key 'u8' is not of type uint8_t");
    refused(
        TYPES,
        pf + "VF-0 { u32 = 4294967296 }",
        Codes.INT_RANGE,
        "Value '(null)' of key 'u32' is not of type uint32_t");
    refused(
        TYPES,
        pf + "VF-0 { u64 = -1 }",
        Codes.INT_RANGE,
        "Value '(null)' of key 'u64' is not of type uint64_t");
    refused(
        IXL,
        "PF { device = \"ixl0\"; num_vfs = 65536 }",
        Codes.INT_RANGE,
        "Value '(null)' of key 'num_vfs' is not of type uint16_t");
  }

  @Test
  void nanInfAndHugeFloatsAreRefusedLikeACCast() {
    String pf = "PF { device = \"x0\"; num_vfs = 1; }\n";
    refused(
        TYPES,
        pf + "VF-0 { u8 = nan }",
        Codes.INT_RANGE,
        "Value '(null)' of key 'u8' is not of type uint8_t");
    refused(
        TYPES,
        pf + "VF-0 { u64 = inf }",
        Codes.INT_RANGE,
        "Value '(null)' of key 'u64' is not of type uint64_t");
    refused(
        TYPES,
        pf + "VF-0 { u64 = 1e19 }",
        Codes.INT_RANGE,
        "Value '(null)' of key 'u64' is not of type uint64_t");
    Out o = accepted(TYPES, pf + "VF-0 { u64 = 9.2e18 }");
    assertEquals(new TypedValue.Num(9200000000000000000L), o.vf(0, "u64"));
  }

  @Test
  void negativeZeroIsFlagged() {
    Out o = accepted(TYPES, "PF { device = \"x0\"; num_vfs = 1; }\nVF-0 { u8 = -0.0 }");
    assertEquals(new TypedValue.Num(0), o.vf(0, "u8"));
    assertEquals(List.of(Codes.FLOAT_TRUNCATED), o.codes());
  }

  @Test
  void otherTypesForIntegers() {
    refused(
        IXL,
        PF2 + "VF-0 { num-queues = true; }",
        Codes.TYPE_MISMATCH,
        "Value '(null)' of key 'num-queues' is not of type uint16_t");
    refused(
        IXL,
        PF2 + "VF-0 { num-queues = { a = 1 } }",
        Codes.TYPE_MISMATCH,
        "Value '(null)' of key 'num-queues' is not of type uint16_t");
    refused(
        IXL,
        PF2 + "VF-0 { num-queues = [1] }",
        Codes.TYPE_MISMATCH,
        "Value '(null)' of key 'num-queues' is not of type uint16_t");
    refused(
        IXL,
        PF2 + "VF-0 { num-queues = null }",
        Codes.TYPE_MISMATCH,
        "Value '(null)' of key 'num-queues' is not of type uint16_t");
  }

  // ------------------------------------------------------------------ bool and string

  @Test
  void booleansOnlyFromUclBooleans() {
    Out o = accepted(IXL, PF2 + "VF-0 { passthrough = on; allow-promisc = NO }");
    assertEquals(new TypedValue.Bool(true), o.vf(0, "passthrough"));
    assertEquals(new TypedValue.Bool(false), o.vf(0, "allow-promisc"));
    Out one =
        refused(
            IXL,
            PF2 + "VF-0 { passthrough = 1 }",
            Codes.TYPE_MISMATCH,
            "Value '(null)' of key 'passthrough' is not of type bool");
    assertEquals("true", one.first(Codes.TYPE_MISMATCH).fixes().get(0).edits().get(0).text());
    Out quoted =
        refused(
            IXL,
            PF2 + "VF-0 { passthrough = \"true\" }",
            Codes.TYPE_MISMATCH,
            "Value 'true' of key 'passthrough' is not of type bool");
    assertEquals("true", quoted.first(Codes.TYPE_MISMATCH).fixes().get(0).edits().get(0).text());
  }

  @Test
  void stringsOnlyFromUclStrings() {
    String pf = "PF { device = \"x0\"; num_vfs = 1; }\n";
    refused(
        TYPES,
        pf + "VF-0 { s = 5 }",
        Codes.TYPE_MISMATCH,
        "Value '(null)' of key 's' is not of type string");
    refused(
        TYPES,
        pf + "VF-0 { s = yes }",
        Codes.TYPE_MISMATCH,
        "Value '(null)' of key 's' is not of type string");
    refused(
        TYPES,
        pf + "VF-0 { s = null }",
        Codes.TYPE_MISMATCH,
        "Value '(null)' of key 's' is not of type string");
    Out o = accepted(TYPES, pf + "VF-0 { s = NULL; b = yes }");
    assertEquals(new TypedValue.Str("NULL"), o.vf(0, "s"));
  }

  // ------------------------------------------------------------------ vlan

  @Test
  void trunkInAnySpellingIs4096() {
    for (String v : List.of("trunk", "TRUNK", "\"trunk\"", "\"Trunk\"")) {
      Out o = accepted(IX_2026, IX2 + "VF-0 { vlan = " + v + "; }");
      assertEquals(new TypedValue.Num(4096), o.vf(0, "vlan"), v);
      assertNoWarnings(o);
    }
  }

  @Test
  void vlanRefusals() {
    Out q =
        refused(
            IX_2026,
            IX2 + "VF-0 { vlan = \"100\"; }",
            Codes.BAD_VLAN,
            "Value '100' of key 'vlan' is not of type vlan");
    assertEquals("100", q.first(Codes.BAD_VLAN).fixes().get(0).edits().get(0).text());
    refused(
        IX_2026,
        IX2 + "VF-0 { vlan = \"5\"; }",
        Codes.BAD_VLAN,
        "Value '5' of key 'vlan' is not of type vlan");
    refused(
        IX_2026,
        IX2 + "VF-0 { vlan = \"\"; }",
        Codes.BAD_VLAN,
        "Value '' of key 'vlan' is not of type vlan");
    Out big =
        refused(
            IX_2026,
            IX2 + "VF-0 { vlan = 4096; }",
            Codes.BAD_VLAN,
            "Value '(null)' of key 'vlan' is not of type vlan");
    assertEquals("trunk", big.first(Codes.BAD_VLAN).fixes().get(0).edits().get(0).text());
    refused(
        IX_2026,
        IX2 + "VF-0 { vlan = -1; }",
        Codes.BAD_VLAN,
        "Value '(null)' of key 'vlan' is not of type vlan");
    refused(
        IX_2026,
        IX2 + "VF-0 { vlan = true; }",
        Codes.TYPE_MISMATCH,
        "Value '(null)' of key 'vlan' is not of type vlan");
  }

  @Test
  void vlanBoundsAndTruncation() {
    assertEquals(
        new TypedValue.Num(4095), accepted(CXGBE, IX2 + "VF-0 { vlan = 4095; }").vf(0, "vlan"));
    Out f = accepted(CXGBE, IX2 + "VF-0 { vlan = 4095.9; }");
    assertEquals(new TypedValue.Num(4095), f.vf(0, "vlan"));
    assertEquals(List.of(Codes.FLOAT_TRUNCATED), f.codes());
  }

  @Test
  void vlanZeroIsAcceptedWithAWarning() {
    Out o = accepted(IX_2026, IX2 + "VF-0 { vlan = 0; }");
    assertEquals(new TypedValue.Num(0), o.vf(0, "vlan"));
    assertEquals(List.of(Codes.VLAN_ZERO), o.codes());
    assertEquals(Severity.WARNING, o.first(Codes.VLAN_ZERO).severity());
  }

  // ------------------------------------------------------------------ §3.5 MAC addresses

  private static byte[] mac(int... b) {
    byte[] m = new byte[b.length];
    for (int i = 0; i < b.length; i++) m[i] = (byte) b[i];
    return m;
  }

  private static Out macCase(String written) {
    return run(IXL, PF2 + "VF-0 { mac-addr = \"" + written + "\"; }");
  }

  @Test
  void canonicalMac() {
    Out o = macCase("02:00:00:00:00:01");
    assertTrue(o.accepted());
    assertArrayEquals(mac(2, 0, 0, 0, 0, 1), ((TypedValue.Mac) o.vf(0, "mac-addr")).bytes());
    assertNoWarnings(o);
    assertNoWarnings(macCase("02:AB:cd:00:00:01"));
  }

  @Test
  void emptyFieldsAreSkippedAndOneDigitOctetsAccepted() {
    for (String w :
        List.of(
            "::02:00:00:00:00:01",
            "02::00:00:00:00:01",
            "02:00:00:00:00:01:",
            "2:0:0:0:0:1",
            "2::0:0:0:0:1")) {
      Out o = macCase(w);
      assertTrue(o.accepted(), w);
      assertArrayEquals(mac(2, 0, 0, 0, 0, 1), ((TypedValue.Mac) o.vf(0, "mac-addr")).bytes(), w);
      assertEquals(List.of(Codes.ODD_MAC), o.codes(), w);
      assertEquals(
          "\"02:00:00:00:00:01\"", o.first(Codes.ODD_MAC).fixes().get(0).edits().get(0).text());
    }
  }

  @Test
  void strtoulTakesBlanksAndSigns() {
    Out o = macCase(" 2:+f:00:00:00:01");
    assertTrue(o.accepted());
    assertArrayEquals(mac(2, 0xf, 0, 0, 0, 1), ((TypedValue.Mac) o.vf(0, "mac-addr")).bytes());
    assertEquals(List.of(Codes.ODD_MAC), o.codes());
    Out z = macCase("02:00:00:00:00:-0");
    assertTrue(z.accepted(), "-0 is zero");
    assertArrayEquals(mac(2, 0, 0, 0, 0, 0), ((TypedValue.Mac) z.vf(0, "mac-addr")).bytes());
  }

  @Test
  void invalidMacs() {
    for (String w :
        List.of(
            "-1:00:00:00:00:01",
            "0x:00:00:00:00:01",
            "002:00:00:00:00:01",
            "02-00-00-00-00-01",
            "02:00:00:00:00",
            "02:00:00:00:00:01:02",
            "02:00:00:00:00:0g",
            "")) {
      refused(
          IXL,
          PF2 + "VF-0 { mac-addr = \"" + w + "\"; }",
          Codes.BAD_MAC,
          "Value '" + w + "' of key 'mac-addr' is not of type unicast-mac");
    }
    Out dashed = macCase("02-00-00-00-00-01");
    assertEquals(
        "\"02:00:00:00:00:01\"", dashed.first(Codes.BAD_MAC).fixes().get(0).edits().get(0).text());
  }

  @Test
  void unquotedMacIsNotAString() {
    refused(
        IXL,
        PF2 + "VF-0 { mac-addr = 5; }",
        Codes.TYPE_MISMATCH,
        "Value '(null)' of key 'mac-addr' is not of type unicast-mac");
  }

  @Test
  void multicastAndBroadcastAreRefused() {
    Out m =
        refused(
            IXL,
            PF2 + "VF-0 { mac-addr = \"03:00:00:00:00:01\"; }",
            Codes.MULTICAST_MAC,
            "Value '03:00:00:00:00:01' of key 'mac-addr' is a multicast address");
    assertEquals(
        "\"02:00:00:00:00:01\"", m.first(Codes.MULTICAST_MAC).fixes().get(0).edits().get(0).text());
    refused(
        IXL,
        PF2 + "VF-0 { mac-addr = \"ff:ff:ff:ff:ff:ff\"; }",
        Codes.MULTICAST_MAC,
        "Value 'ff:ff:ff:ff:ff:ff' of key 'mac-addr' is a multicast address");
  }

  @Test
  void zeroMacIsAcceptedWithAWarning() {
    Out o = macCase("00:00:00:00:00:00");
    assertTrue(o.accepted());
    assertEquals(List.of(Codes.ZERO_MAC), o.codes());
  }

  @Test
  void theSameMacOnTwoVfsIsAccepted() {
    Out o =
        accepted(
            IXL,
            PF2
                + "VF-0 { mac-addr = \"02:00:00:00:00:01\"; }\nVF-1 { mac-addr = \"02:00:00:00:00:01\"; }");
    assertNoWarnings(o);
  }

  // ------------------------------------------------------------------ PF.device (find_device)

  @Test
  void deviceMustBeAString() {
    refused(
        IXL,
        "PF { device = 5; num_vfs = 1 }",
        Codes.DEVICE_NOT_STRING,
        "Config PF.device must be a string: <an unrelated errno>");
    Out b =
        refused(
            IXL,
            "PF { device = on; num_vfs = 1 }",
            Codes.DEVICE_NOT_STRING,
            "Config PF.device must be a string: <an unrelated errno>");
    assertEquals("\"on\"", b.first(Codes.DEVICE_NOT_STRING).fixes().get(0).edits().get(0).text());
  }

  @Test
  void noDevice() {
    refused(IXL, "PF { num_vfs = 1 }", Codes.NO_DEVICE, "Config file does not specify device");
    refused(IXL, "num_vfs = 1", Codes.NO_DEVICE, "Config file does not specify device");
    refused(IXL, "PF = 5", Codes.NO_DEVICE, "Config file does not specify device");
    refused(IXL, "", Codes.NO_DEVICE, "Config file does not specify device");
  }

  @Test
  void deviceComesFromTheFirstPfSectionIgnoringCase() {
    // find_device takes the first key equal to PF ignoring case; that one has no device
    refused(
        IXL,
        "pf { num_vfs = 1 }\nPF { device = \"ixl0\" }",
        Codes.NO_DEVICE,
        "Config file does not specify device");
  }

  @Test
  void byteOrderMarkHidesThePfSection() {
    Out o =
        refused(
            IXL,
            "\u00ef\u00bb\u00bfPF { device = \"ixl0\"; num_vfs = 1; }",
            Codes.NO_DEVICE,
            "Config file does not specify device");
    Diagnostic d = o.first(Codes.NO_DEVICE);
    assertTrue(d.help().contains("byte order mark"), d.help());
    assertEquals(new io.iovc.source.Span(0, 3), d.fixes().get(0).edits().get(0).span());
  }

  @Test
  void emptyDeviceIsAcceptedWithAWarning() {
    Out o = accepted(IXL, "PF { device = \"\"; num_vfs = 1 }");
    assertEquals("", o.config().device());
    assertEquals(List.of(Codes.EMPTY_DEVICE), o.codes());
  }

  @Test
  void devicePathIsAcceptedWithAWarning() {
    Out o = accepted(IXL, "PF { device = \"/dev/iov/ixl0\"; num_vfs = 1 }");
    assertEquals(List.of(Codes.DEVICE_SLASH), o.codes());
    assertEquals("\"ixl0\"", o.first(Codes.DEVICE_SLASH).fixes().get(0).edits().get(0).text());
    assertEquals("\"/dev/iov/ixl0\"", o.at(Codes.DEVICE_SLASH));
  }

  // ------------------------------------------------------------------ sections and case rules

  @Test
  void sectionAndParameterNamesIgnoreCase() {
    Out o =
        accepted(
            IXL,
            "pf { DEVICE = \"ixl0\"; NUM_VFS = 2 }\ndefault { PassThrough = true }\nvf-1 { Mac-Addr = \"02:00:00:00:00:01\" }");
    assertEquals("ixl0", o.config().device());
    assertEquals(2, o.config().numVfs());
    assertEquals(
        "Mac-Addr", o.config().vf(1).param("mac-addr").name(), "names are kept as written");
    assertNoWarnings(o);
  }

  @Test
  void defaultMustPrecedeEveryVf() {
    refused(
        IXL,
        PF2 + "VF-0 { }\nDEFAULT { passthrough = true }",
        Codes.DEFAULT_AFTER_VF,
        "'default' section must precede all VF sections");
    Out o =
        refused(
            IXL,
            PF2 + "vf-1 { }\ndefault { passthrough = true }",
            Codes.DEFAULT_AFTER_VF,
            "'default' section must precede all VF sections");
    assertEquals("default", o.at(Codes.DEFAULT_AFTER_VF));
    accepted(IXL, "DEFAULT { passthrough = true }\n" + PF2 + "VF-0 { }");
  }

  @Test
  void unexpectedTopLevelNodes() {
    refused(IXL, PF2 + "VF-01 { }", Codes.UNEXPECTED_SECTION, "Unexpected top-level node: VF-01");
    refused(IXL, PF2 + "VF-1x { }", Codes.UNEXPECTED_SECTION, "Unexpected top-level node: VF-1x");
    refused(IXL, PF2 + "VF- { }", Codes.UNEXPECTED_SECTION, "Unexpected top-level node: VF-");
    refused(IXL, PF2 + "vf0 { }", Codes.UNEXPECTED_SECTION, "Unexpected top-level node: vf0");
    refused(IXL, PF2 + "DRIVER { }", Codes.UNEXPECTED_SECTION, "Unexpected top-level node: DRIVER");
    Out rename = run(IXL, PF2 + "VF-01 { }");
    assertEquals(
        "VF-1", rename.first(Codes.UNEXPECTED_SECTION).fixes().get(0).edits().get(0).text());
  }

  @Test
  void renamingVfSpaceNRewritesBothWords() {
    // `VF 0 { … }` is a section `VF` holding a block `0`: the rename must replace `VF 0`, or the
    // result would be `VF-0 0 { … }`, a VF-0 section with an unknown key `0`.
    String text = PF2 + "VF 0 { passthrough = true; }\n";
    Out o = run(IXL, text);
    Edit e = o.first(Codes.UNEXPECTED_SECTION).fixes().get(0).edits().get(0);
    assertEquals("VF-0", e.text());
    assertEquals("VF 0", text.substring(e.span().start(), e.span().end()));
    String fixed = text.substring(0, e.span().start()) + e.text() + text.substring(e.span().end());
    accepted(IXL, fixed);
  }

  @Test
  void doubleSlashLineIsAnUnexpectedNode() {
    Out o =
        refused(
            IXL,
            PF2 + "// comment here\n",
            Codes.UNEXPECTED_SECTION,
            "Unexpected top-level node: //");
    assertEquals("#", o.first(Codes.UNEXPECTED_SECTION).fixes().get(0).edits().get(0).text());
    assertEquals(1, o.errors().size(), "the words after // are not reported again");
  }

  @Test
  void doubleSlashInsideAValueIsAWarningOnly() {
    Out o =
        refused(
            IXL,
            "PF { device = \"ixl0\"; num_vfs = 1 // two\n}",
            Codes.TYPE_MISMATCH,
            "Value '1 // two' of key 'num_vfs' is not of type uint16_t");
    assertTrue(o.codes().contains(Codes.SLASH_COMMENT));
  }

  @Test
  void caseVariantSectionsAreMultipleDefinitions() {
    Out pf =
        refused(
            IXL,
            PF2 + "pf { }",
            Codes.MULTIPLE_DEFINITIONS,
            "Multiple definitions of 'pf' in config file");
    assertEquals("pf", pf.at(Codes.MULTIPLE_DEFINITIONS));
    assertEquals(
        "PF", pf.tree().source().text(pf.first(Codes.MULTIPLE_DEFINITIONS).labels().get(0).span()));
    refused(
        IXL,
        PF2 + "VF-1 {}\nvf-1 {}",
        Codes.MULTIPLE_DEFINITIONS,
        "Multiple definitions of 'vf-1' in config file");
    refused(
        IXL,
        "DEFAULT {}\n" + PF2 + "default {}",
        Codes.MULTIPLE_DEFINITIONS,
        "Multiple definitions of 'default' in config file");
  }

  @Test
  void defaultThatEveryVfOverridesIsUnused() {
    Out o =
        accepted(
            IXL,
            PF2
                + "DEFAULT { passthrough = true; allow-promisc = true }\nVF-0 { passthrough = false }\nvf-1 { PASSTHROUGH = false }");
    assertEquals(List.of(Codes.DEFAULT_UNUSED), o.codes(), "allow-promisc still reaches both VFs");
    assertEquals("passthrough", o.at(Codes.DEFAULT_UNUSED));
    assertNoWarnings(
        accepted(IXL, PF2 + "DEFAULT { passthrough = true }\nVF-0 { passthrough = false }"));
  }

  @Test
  void findingsBehindASyntaxErrorAreNotReported() {
    Out o =
        run(
            IXL,
            "PF { device = \"ixl0\"; num_vfs = 2; bogus = 1; }\nVF-0 { mac-addr = \"open\n}\nVF-1 { other = 1 }\n");
    assertFalse(o.accepted());
    assertTrue(o.codes().contains(Codes.UNTERMINATED_STRING), o.diags().toString());
    assertEquals(
        1,
        o.diags().stream().filter(d -> d.code() == Codes.UNKNOWN_KEY).count(),
        "only `bogus`, in front of the error: " + o.diags());
    assertEquals("bogus", o.at(Codes.UNKNOWN_KEY));
  }

  @Test
  void exactDuplicateSectionIsIgnoredWithAWarning() {
    Out o = accepted(IXL, PF2 + "VF-0 { passthrough = false }\nVF-0 { passthrough = true }");
    assertEquals(new TypedValue.Bool(false), o.vf(0, "passthrough"), "the first one wins");
    assertEquals(List.of(Codes.DUPLICATE_SECTION), o.codes());
    assertEquals(3, o.tree().source().line(o.first(Codes.DUPLICATE_SECTION).span().start()));
  }

  @Test
  void exactDuplicateParameterIsIgnoredWithAWarning() {
    Out o = accepted(IXL, PF2 + "VF-0 { passthrough = true; passthrough = false }");
    assertEquals(new TypedValue.Bool(true), o.vf(0, "passthrough"), "the first one wins");
    assertEquals(List.of(Codes.DUPLICATE_PARAM), o.codes());
    assertEquals(
        o.input().lastIndexOf("passthrough"),
        o.first(Codes.DUPLICATE_PARAM).span().start(),
        "the second one is flagged");
  }

  @Test
  void caseVariantParametersAbortIovctl() {
    Out o =
        refused(
            IXL,
            PF2 + "VF-0 { passthrough = true; PASSTHROUGH = false }",
            Codes.CASE_DUPLICATE_PARAM,
            null);
    assertEquals("PASSTHROUGH", o.at(Codes.CASE_DUPLICATE_PARAM));
    if (o.iovctl() != null) assertEquals(134, o.iovctl().exit(), "SIGABRT");
    refused(
        IXL,
        "PF { device = \"ixl0\"; num_vfs = 2; NUM_VFS = 4; }",
        Codes.CASE_DUPLICATE_PARAM,
        null);
    refused(
        TYPES,
        "PF { device = \"x0\"; num_vfs = 1; }\nVF-0 { mixed-case = 1; MIXED-CASE = 2 }",
        Codes.CASE_DUPLICATE_PARAM,
        null);
  }

  @Test
  void keysAfterACaseVariantAreStillChecked() {
    // libnv only records the duplicate; iovctl checks the rest of the section and stops at the
    // invalid key before its next lookup would abort (found by the differential test).
    Out o =
        refused(
            IXL,
            PF2 + "VF-1 { passthrough = true; PASSTHROUGH = false; mac-adr = 1 }",
            Codes.UNKNOWN_KEY,
            "VF-1: Invalid config key 'mac-adr'");
    assertTrue(o.errors().contains(Codes.CASE_DUPLICATE_PARAM), o.diags()::toString);
    if (o.iovctl() != null) assertEquals(1, o.iovctl().exit(), "an error exit, not SIGABRT");
  }

  // ------------------------------------------------------------------ scalars, arrays, null as
  // sections

  @Test
  void scalarSectionIsAnInvalidKeyNamedAfterItself() {
    refused(IXL, PF2 + "VF-0 = 5", Codes.SECTION_NOT_OBJECT, "VF-0: Invalid config key 'VF-0'");
    refused(IXL, PF2 + "VF-0 = null", Codes.SECTION_NOT_OBJECT, "VF-0: Invalid config key 'VF-0'");
    refused(IXL, PF2 + "VF-0 = true", Codes.SECTION_NOT_OBJECT, "VF-0: Invalid config key 'VF-0'");
  }

  @Test
  void arraysCrashIovctl() {
    Out vf = refused(IXL, PF2 + "VF-0 = [1, 2]", Codes.ARRAY_VALUE, null);
    if (vf.iovctl() != null) assertEquals(139, vf.iovctl().exit(), "SIGSEGV");
    refused(IXL, "PF = [1,2]", Codes.ARRAY_VALUE, null);
    Out top = refused(IXL, "[1, 2]", Codes.TOP_LEVEL_ARRAY, null);
    if (top.iovctl() != null) assertEquals(139, top.iovctl().exit(), "SIGSEGV");
    refused(IXL, "[ { PF { device = \"ixl0\"; num_vfs = 2; } } ]", Codes.TOP_LEVEL_ARRAY, null);
  }

  @Test
  void emptyTopLevelArrayHasNoDevice() {
    Out o = refused(IXL, "[]", Codes.NO_DEVICE, "Config file does not specify device");
    assertFalse(o.codes().contains(Codes.TOP_LEVEL_ARRAY));
  }

  // ------------------------------------------------------------------ unknown keys

  @Test
  void unknownKeys() {
    refused(
        IXL,
        "PF { device = \"ixl0\"; num_vfs = 2; x = [1] }",
        Codes.UNKNOWN_KEY,
        "PF: Invalid config key 'x'");
    Out d =
        refused(
            IXL,
            PF2 + "DEFAULT { num_vfs = 2 }",
            Codes.UNKNOWN_KEY,
            "DEFAULT: Invalid config key 'num_vfs'");
    assertTrue(
        d.first(Codes.UNKNOWN_KEY).help().contains("PF section"),
        d.first(Codes.UNKNOWN_KEY).help());
    Out p =
        refused(
            IXL,
            "PF { device = \"ixl0\"; num_vfs = 2; passthrough = true }",
            Codes.UNKNOWN_KEY,
            "PF: Invalid config key 'passthrough'");
    assertTrue(
        p.first(Codes.UNKNOWN_KEY).help().contains("VF parameter"),
        p.first(Codes.UNKNOWN_KEY).help());
  }

  @Test
  void unknownKeyGetsASuggestionAndAFix() {
    Out o =
        refused(
            IXL,
            PF2 + "VF-0 { mac-adr = \"02:00:00:00:00:01\" }",
            Codes.UNKNOWN_KEY,
            "VF-0: Invalid config key 'mac-adr'");
    Diagnostic d = o.first(Codes.UNKNOWN_KEY);
    assertEquals("mac-adr", o.at(Codes.UNKNOWN_KEY));
    assertTrue(d.help().contains("mac-addr"), d.help());
    assertEquals("mac-addr", d.fixes().get(0).edits().get(0).text());
  }

  @Test
  void sectionNameIsQuotedAsWrittenInTheMessage() {
    refused(IXL, PF2 + "vf-1 { bogus = 1 }", Codes.UNKNOWN_KEY, "vf-1: Invalid config key 'bogus'");
  }

  // ------------------------------------------------------------------ validate_config

  @Test
  void numVfsZeroIsRefused() {
    refused(
        IXL,
        "PF { device = \"ixl0\"; num_vfs = 0 }",
        Codes.NUM_VFS_ZERO,
        "PF.num_vfs must be at least 1");
  }

  @Test
  void numVfsMissing() {
    refused(
        IXL,
        "PF { device = \"ixl0\" }",
        Codes.REQUIRED_MISSING,
        "Required parameter 'num_vfs' not found in 'PF'");
  }

  @Test
  void requiredDriverParametersComeBeforeIovOnes() {
    Out o =
        refused(
            REQ,
            "PF { device = \"ixl0\" }",
            Codes.REQUIRED_MISSING,
            "Required parameter 'pf-mode' not found in 'PF'");
    List<String> notes =
        o.diags().stream()
            .filter(d -> d.code() == Codes.REQUIRED_MISSING)
            .map(d -> d.notes().get(0))
            .toList();
    assertEquals(
        List.of(
            "iovctl: Required parameter 'pf-mode' not found in 'PF'",
            "iovctl: Required parameter 'num_vfs' not found in 'PF'"),
        notes);
  }

  @Test
  void requiredVfParameterMissingEverywhere() {
    Out o =
        refused(
            REQ,
            "PF { device = \"ixl0\"; num_vfs = 3; pf-mode = x }\n",
            Codes.REQUIRED_MISSING,
            "Required parameter 'mac-addr' not found in 'VF-0'");
    assertTrue(
        o.first(Codes.REQUIRED_MISSING).message().contains("VF-0, VF-1, VF-2"),
        o.first(Codes.REQUIRED_MISSING).message());
  }

  @Test
  void requiredVfParameterNamesTheFirstVfWithoutIt() {
    refused(
        REQ,
        "PF { device = \"ixl0\"; num_vfs = 3; pf-mode = x }\nVF-0 { mac-addr = \"02:00:00:00:00:01\" }\nVF-2 { mac-addr = \"02:00:00:00:00:03\" }",
        Codes.REQUIRED_MISSING,
        "Required parameter 'mac-addr' not found in 'VF-1'");
  }

  @Test
  void requiredVfParameterFromDefault() {
    Out o =
        accepted(
            REQ,
            "PF { device = \"ixl0\"; num_vfs = 3; pf-mode = x }\nDEFAULT { MAC-ADDR = \"02:00:00:00:00:01\" }\nVF-1 { mac-addr = \"02:00:00:00:00:02\" }");
    assertNoWarnings(o);
    accepted(
        REQ,
        "PF { device = \"ixl0\"; num_vfs = 2; pf-mode = x }\nVF-0 { mac-addr = \"02:00:00:00:00:01\" }\nvf-1 { Mac-Addr = \"02:00:00:00:00:02\" }");
  }

  @Test
  void refusedRequiredValueIsNotAlsoReportedMissing() {
    Out o =
        refused(
            REQ,
            "PF { device = \"ixl0\"; num_vfs = 1; pf-mode = x }\nVF-0 { mac-addr = \"zz\" }",
            Codes.BAD_MAC,
            null);
    assertFalse(o.codes().contains(Codes.REQUIRED_MISSING), o.diags().toString());
  }

  @Test
  void vfOutOfBounds() {
    Out o =
        refused(
            IXL,
            PF2 + "VF-2 { }",
            Codes.VF_OUT_OF_BOUNDS,
            "VF number 2 is out of bounds (num_vfs=2)");
    assertEquals("VF-2", o.at(Codes.VF_OUT_OF_BOUNDS));
    assertEquals("3", o.first(Codes.VF_OUT_OF_BOUNDS).fixes().get(0).edits().get(0).text());
    refused(
        IXL,
        PF2 + "VF-65535 {}",
        Codes.VF_OUT_OF_BOUNDS,
        "VF number 65535 is out of bounds (num_vfs=2)");
  }

  @Test
  void vfNumberTooLarge() {
    refused(
        IXL,
        PF2 + "VF-70000 { }",
        Codes.VF_NUMBER_TOO_LARGE,
        "VF number 70000 is too large to be valid");
    refused(
        IXL,
        PF2 + "VF-65536 { }",
        Codes.VF_NUMBER_TOO_LARGE,
        "VF number 65536 is too large to be valid");
  }

  @Test
  void hugeVfNumberSaturatesLikeStrtoul() {
    refused(
        IXL,
        PF2 + "VF-99999999999999999999999 { }",
        Codes.VF_NUMBER_TOO_LARGE,
        "VF number 18446744073709551615 is too large to be valid");
    refused(
        IXL,
        PF2 + "VF-18446744073709551616 { }",
        Codes.VF_NUMBER_TOO_LARGE,
        "VF number 18446744073709551615 is too large to be valid");
    refused(
        IXL,
        PF2 + "VF-18446744073709551614 { }",
        Codes.VF_NUMBER_TOO_LARGE,
        "VF number 18446744073709551614 is too large to be valid");
  }

  @Test
  void schemaTypeIovctlDoesNotKnow() throws SchemaException {
    NvList root = IXL.nvlist().copy();
    NvList weird = new NvList(NvList.IGNORE_CASE);
    weird.add("type", new NvValue.Str("frob"));
    root.getList("VF").getList("DRIVER").add("weird", new NvValue.Nested(weird));
    Schema s = Schema.fromNvList(root, "odd");
    refused(
        s,
        "PF { device = \"x0\"; num_vfs = 1; }\nVF-0 { weird = 1 }",
        Codes.UNKNOWN_TYPE,
        "Unexpected type 'frob' in schema");
    accepted(s, "PF { device = \"x0\"; num_vfs = 1; }\n");
  }

  @Test
  void schemaEntryWithoutTypeIsABadSchema() throws SchemaException {
    NvList root = IXL.nvlist().copy();
    NvList notype = new NvList(NvList.IGNORE_CASE);
    root.getList("VF").getList("DRIVER").add("nt", new NvValue.Nested(notype));
    Schema s = Schema.fromNvList(root, "odd");
    Out o =
        refused(s, "PF { device = \"x0\"; num_vfs = 1; }\nVF-0 { nt = 1 }", Codes.BAD_SCHEMA, null);
    if (o.iovctl() != null) assertEquals(134, o.iovctl().exit(), "libnv aborts");
  }

  // ------------------------------------------------------------------ size limit, driver plugin
  // lints

  @Test
  void packedSizeAboveTheKernelLimitIsRefused() {
    SyntaxTree t = Ucl.parse(SourceText.of("t.conf", "PF { device = \"ixl0\"; num_vfs = 200; }\n"));
    Pipeline.Result small = Pipeline.compile(t, IXL, 10_000);
    assertTrue(small.hasErrors());
    assertEquals(Codes.TOO_BIG, small.diagnostics().get(0).code());
    assertNull(small.packed());
    Pipeline.Result fits = Pipeline.compile(t, IXL, Pipeline.DEFAULT_MAX_CONFIG);
    assertFalse(fits.hasErrors());
    assertTrue(fits.packed().length > 10_000);
    Pipeline.Result exact = Pipeline.compile(t, IXL, fits.packed().length);
    assertFalse(exact.hasErrors(), "the limit itself is allowed");
  }

  static final PluginCode TEST_HINT_CODE =
      new PluginCode("TST001", PluginCode.Severity.WARNING, "test hint");

  /** What the checker reports for {@link #TEST_HINT_CODE}. */
  static final Code TEST_HINT = new Code("TST001", Severity.WARNING, "test hint");

  /** A plugin like the real ones: a VF limit and a value hint. */
  static final class TestPlugin implements DriverPlugin {
    @Override
    public String name() {
      return "tst";
    }

    @Override
    public String description() {
      return "test driver";
    }

    @Override
    public List<String> devicePatterns() {
      return List.of("tst[0-9]+");
    }

    @Override
    public List<String> linuxDrivers() {
      return List.of();
    }

    @Override
    public List<ParamSpec> vfParams() {
      return List.of(
          ParamSpec.of("num-queues", ParamType.UINT16)
              .defaultValue(4L)
              .hint(ValueHint.outside(1, 16, TEST_HINT_CODE, "clamped from {value}"))
              .build());
    }

    @Override
    public int maxVfs() {
      return 4;
    }

    @Override
    public String maxVfsReason() {
      return "the test card has four";
    }
  }

  @Test
  void pluginLimitsAndHints() {
    Schema s = Schema.fromPlugin(new TestPlugin());
    Out o =
        accepted(
            s,
            "PF { device = \"tst0\"; num_vfs = 5; }\nVF-0 { num-queues = 32 }\nVF-1 { num-queues = 16 }");
    assertEquals(List.of(Codes.DRIVER_MAX_VFS, TEST_HINT), o.codes());
    assertEquals("5", o.at(Codes.DRIVER_MAX_VFS));
    assertEquals("clamped from 32", o.first(TEST_HINT).message());
    assertNoWarnings(
        accepted(s, "PF { device = \"tst0\"; num_vfs = 4; }\nVF-0 { num-queues = 1 }"));
  }

  // ------------------------------------------------------------------ reporting everything at once

  @Test
  void everyProblemIsReportedInOneRun() {
    Out o =
        run(
            IXL,
            PF2
                + "VF-0 { num-queues = \"4\"; bogus = 1 }\nVF-1 { mac-addr = \"03:00:00:00:00:01\" }\nVF-7 { }");
    assertEquals(
        List.of(
            Codes.QUOTED_NUMBER, Codes.UNKNOWN_KEY, Codes.MULTICAST_MAC, Codes.VF_OUT_OF_BOUNDS),
        o.errors());
  }

  @Test
  void diagnosticsAreSortedBySpan() {
    Out o = run(IXL, PF2 + "VF-7 { }\nVF-0 { num-queues = 2.5 }\nVF-1 { bogus = 1 }");
    List<Diagnostic> d = o.diags();
    for (int i = 1; i < d.size(); i++)
      assertTrue(d.get(i - 1).span().compareTo(d.get(i).span()) <= 0, d.toString());
  }

  @Test
  void withoutASchemaOnlyLayoutIsChecked() {
    SyntaxTree t =
        Ucl.parse(SourceText.of("t.conf", "PF { device = \"ixl0\"; num_vfs = 2; bogus = 1 }\n"));
    CheckResult r = Checker.check(t, null);
    assertFalse(r.hasErrors(), r.diagnostics().toString());
    assertNull(r.config());
    CheckResult none = Checker.check(Ucl.parse(SourceText.of("t.conf", "VF-0 { }")), null);
    assertEquals(
        List.of(Codes.NO_DEVICE), none.diagnostics().stream().map(Diagnostic::code).toList());
  }

  @Test
  void findDevice() {
    assertEquals(
        "ixl0",
        ConfigTree.findDevice(
            Ucl.parse(SourceText.of("t", "VF-0 {}\npf { num_vfs = 1; DEVICE = \"ixl0\" }"))));
    assertNull(ConfigTree.findDevice(Ucl.parse(SourceText.of("t", "PF { device = 5 }"))));
    assertEquals(
        "ix",
        ConfigTree.findDevice(Ucl.parse(SourceText.of("t", "PF { device = \"ix\\u0000x\" }"))),
        "a C string ends at NUL");
  }

  // ------------------------------------------------------------------ suppression comments
  // (ecosystem §3.5)

  @Test
  void suppressionOnTheLineBeforeAKeyCoversThatKeyOnly() {
    Out o =
        run(
            IXL,
            PF2
                + "VF-0 {\n  num-queues = 4;\n  # iovc disable=IOV228\n  num-queues = 8;\n  allow-promisc = true;\n  allow-promisc = false;\n}");
    assertEquals(List.of(Codes.DUPLICATE_PARAM), o.codes());
    assertEquals(
        7,
        o.tree().source().line(o.first(Codes.DUPLICATE_PARAM).span().start()),
        "only the allow-promisc duplicate remains");
  }

  @Test
  void suppressionBeforeASectionCoversTheWholeBlock() {
    Out o =
        run(
            IXL,
            PF2
                + "# iovc disable=IOV228\nVF-0 {\n  num-queues = 4;\n  num-queues = 8;\n}\nVF-1 {\n  num-queues = 4;\n  num-queues = 8;\n}");
    assertEquals(List.of(Codes.DUPLICATE_PARAM), o.codes());
    assertEquals(
        9,
        o.tree().source().line(o.first(Codes.DUPLICATE_PARAM).span().start()),
        "VF-1's duplicate remains");
  }

  @Test
  void suppressionBeforeTheFirstKeyIsFileWide() {
    Out o =
        run(
            IXL,
            "# iovc disable=IOV220\n"
                + PF2
                + "VF-0 { num-queues = 2.5 }\nVF-1 { num-queues = 3.5 }");
    assertNoWarnings(o);
    assertTrue(o.accepted());
  }

  @Test
  void disableFileAnywhere() {
    assertNoWarnings(run(IXL, PF2 + "VF-0 { num-queues = 2.5 }\n# iovc disable-file=IOV220\n"));
  }

  @Test
  void trailingSuppressionCoversItsLine() {
    Out o =
        run(
            IXL,
            PF2 + "VF-0 { num-queues = 2.5; } # iovc disable=IOV220\nVF-1 { num-queues = 3.5 }");
    assertEquals(List.of(Codes.FLOAT_TRUNCATED), o.codes());
    assertEquals("3.5", o.at(Codes.FLOAT_TRUNCATED));
  }

  @Test
  void disableNextLine() {
    Out o =
        run(
            IXL,
            PF2
                + "# iovc disable-next-line=IOV220\nVF-0 { num-queues = 2.5; }\nVF-1 { num-queues = 3.5 }");
    assertEquals(List.of(Codes.FLOAT_TRUNCATED), o.codes());
    assertEquals("3.5", o.at(Codes.FLOAT_TRUNCATED));
  }

  @Test
  void blockCommentDirective() {
    assertNoWarnings(run(IXL, PF2 + "VF-0 {\n /* iovc disable=IOV220 */\n num-queues = 2.5;\n}"));
  }

  @Test
  void severalCodesInOneDirective() {
    Out o =
        run(
            IXL,
            PF2
                + "VF-0 {\n # iovc disable=IOV220, IOV228\n num-queues = 2.5;\n}\nVF-1 { num-queues = 2; num-queues = 3 }");
    // IOV228 is used nowhere in the key below the comment
    assertEquals(List.of(Codes.UNUSED_SUPPRESSION, Codes.DUPLICATE_PARAM), o.codes());
    assertTrue(o.first(Codes.UNUSED_SUPPRESSION).message().contains("IOV228"));
  }

  @Test
  void unusedCodeInAListIsPointedAtExactly() {
    Out o = run(IXL, PF2 + "VF-0 {\n # iovc disable=IOV220,IOV221\n num-queues = 2.5;\n}");
    assertEquals(List.of(Codes.UNUSED_SUPPRESSION), o.codes());
    assertEquals("IOV221", o.at(Codes.UNUSED_SUPPRESSION));
  }

  @Test
  void unknownCodeInASuppression() {
    Out o = run(IXL, PF2 + "VF-0 { num-queues = 4 # iovc disable=IOV999\n}");
    assertEquals(List.of(Codes.UNKNOWN_SUPPRESSION), o.codes());
    assertEquals("IOV999", o.at(Codes.UNKNOWN_SUPPRESSION));
    assertTrue(o.accepted());
  }

  @Test
  void errorsCannotBeSuppressed() {
    Out o = run(IXL, PF2 + "# iovc disable=IOV201\nVF-0 { bogus = 1 }");
    assertFalse(o.accepted());
    assertEquals(List.of(Codes.UNKNOWN_SUPPRESSION, Codes.UNKNOWN_KEY), o.codes());
    assertTrue(o.first(Codes.UNKNOWN_SUPPRESSION).message().contains("error"));
  }

  @Test
  void unusedSuppression() {
    Out o = run(IXL, "# iovc disable=IOV228\n" + PF2);
    assertEquals(List.of(Codes.UNUSED_SUPPRESSION), o.codes());
    assertEquals("IOV228", o.at(Codes.UNUSED_SUPPRESSION));
    assertEquals(
        "",
        o.first(Codes.UNUSED_SUPPRESSION).fixes().get(0).edits().get(0).text(),
        "the fix removes the comment");
    Out below =
        run(
            IXL,
            PF2 + "VF-0 {\n # iovc disable=IOV220\n num-queues = 2;\n}\nVF-1 { num-queues = 2.5 }");
    assertEquals(
        List.of(Codes.UNUSED_SUPPRESSION, Codes.FLOAT_TRUNCATED),
        below.codes(),
        "a next-key directive does not reach VF-1");
  }

  @Test
  void suppressionsDoNotChangeTheVerdictOrTheBytes() {
    Out plain = accepted(IXL, PF2 + "VF-0 { num-queues = 2.5 }");
    Out quiet = accepted(IXL, "# iovc disable=IOV220\n" + PF2 + "VF-0 { num-queues = 2.5 }");
    assertArrayEquals(plain.result().packed(), quiet.result().packed());
  }
}
