package io.iovc.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.iovc.diag.Diagnostic;
import io.iovc.format.Formatter;
import io.iovc.nvlist.NvFormatException;
import io.iovc.nvlist.NvList;
import io.iovc.nvlist.NvPacker;
import io.iovc.nvlist.NvUnpacker;
import io.iovc.pipeline.Pipeline;
import io.iovc.schema.Schema;
import io.iovc.source.SourceText;
import io.iovc.syntax.SyntaxTree;
import io.iovc.syntax.UValue;
import io.iovc.syntax.Ucl;
import io.iovc.syntax.UclModel;
import io.iovc.syntax.UclToken;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fuzz targets (Jazzer). Under {@code mvn test} each runs once per input of its regression corpus
 * in {@code src/test/resources/io/iovc/fuzz/PipelineFuzzTestInputs/<method>/}, in seconds. To fuzz
 * for real: {@code JAZZER_FUZZ=1 mvn -pl compiler test -Dtest=PipelineFuzzTest#method
 * -Djazzer.max_duration=10m} (see DEVELOPERS.md); findings are written to that directory.
 */
class PipelineFuzzTest {
  private static final Map<String, String> VARS = new LinkedHashMap<>();
  private static final Schema IXL;

  static {
    VARS.put("FILENAME", "/etc/iov/fuzz.conf");
    VARS.put("CURDIR", "/etc/iov");
    try {
      IXL =
          Schema.fromIovctlText(
              """
          The following configuration parameters may be configured on the PF:
          \tnum_vfs : uint16_t (required)
          \tdevice : string (required)

          The following configuration parameters may be configured on a VF:
          \tpassthrough : bool (default = false)
          \tmac-addr : unicast-mac (optional)
          \tmac-anti-spoof : bool (default = true)
          \tallow-set-mac : bool (default = false)
          \tallow-promisc : bool (default = false)
          \tnum-queues : uint16_t (default = 4)
          \tvlan : vlan (default = trunk)
          \tname : string (optional)
          \tbig : uint64_t (optional)
          """,
              "fuzz schema");
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * Lexer, parser, checker and packer on arbitrary bytes: nothing but diagnostics may come out, the
   * token stream covers the input, and an accepted file packs to bytes that unpack again.
   */
  @FuzzTest
  void pipelineOnArbitraryBytes(byte[] input) throws NvFormatException {
    SourceText src = new SourceText("fuzz.conf", input);
    SyntaxTree tree = Ucl.parse(src, VARS);
    assertNotNull(tree.root());
    int covered = 0;
    for (UclToken t : tree.tokens()) {
      if (t.getType() == io.iovc.syntax.UclParser.DEEP) covered = Math.max(covered, t.endOffset());
      if (t.startOffset() >= covered) covered = Math.max(covered, t.endOffset());
    }
    assertEquals(input.length, covered, "tokens must cover the input");
    Pipeline.Result r = Pipeline.compile(tree, IXL, Pipeline.DEFAULT_MAX_CONFIG);
    for (Diagnostic d : r.diagnostics()) {
      assertNotNull(d.message());
      assertEquals(true, d.span().end() <= input.length, "span beyond the input: " + d);
    }
    if (!r.hasErrors()) {
      NvList back = NvUnpacker.unpack(r.packed(), NvList.IGNORE_CASE);
      assertArrayEquals(r.packed(), NvPacker.pack(back));
    }
  }

  /** The nvlist unpacker on arbitrary bytes: NvFormatException or a list that packs back. */
  @FuzzTest
  void unpackerOnArbitraryBytes(byte[] input) {
    for (int flags = 0; flags < 2; flags++) {
      NvList l;
      try {
        l = NvUnpacker.unpack(input, flags);
      } catch (NvFormatException e) {
        continue;
      }
      byte[] again = NvPacker.pack(l);
      try {
        assertEquals(l, NvUnpacker.unpack(again, l.flags()));
      } catch (NvFormatException e) {
        throw new AssertionError(
            "a list that unpacked does not unpack after packing: " + e.getMessage(), e);
      }
    }
  }

  /**
   * The formatter: for a file libucl accepts, formatting succeeds, the output parses to the same
   * libucl tree, and formatting again changes nothing; a file nested deeper than the parser's tree
   * is declined (and only such a file).
   */
  @FuzzTest
  void formatterKeepsTheTree(byte[] input) throws Formatter.FormatException {
    SyntaxTree tree = Ucl.parse(new SourceText("fuzz.conf", input), VARS);
    if (tree.hasErrors()) return;
    if (tree.root() instanceof UValue.UObject root && Formatter.hasDeep(root)) {
      // Documented: a file nested deeper than the parser's tree is left as it is.
      assertThrows(Formatter.FormatException.class, () -> Formatter.format(tree, VARS));
      return;
    }
    byte[] once = Formatter.format(tree, VARS);
    SyntaxTree again = Ucl.parse(new SourceText("fuzz.conf", once), VARS);
    assertEquals(UclModel.fingerprint(tree), UclModel.fingerprint(again));
    assertArrayEquals(once, Formatter.format(again, VARS), "formatting is not idempotent");
  }
}
