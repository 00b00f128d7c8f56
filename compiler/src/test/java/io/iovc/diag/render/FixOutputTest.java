package io.iovc.diag.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.iovc.diag.Codes;
import io.iovc.diag.Diagnostic;
import io.iovc.diag.Edit;
import io.iovc.diag.Fix;
import io.iovc.source.SourceText;
import io.iovc.source.Span;
import io.iovc.testing.StrictJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fixes in the machine formats: JSON carries every fix with its applicability; SARIF, which has no
 * place to say a fix is a guess, carries only the machine-applicable ones.
 */
class FixOutputTest {
  private static final Sarif.Tool TOOL =
      new Sarif.Tool("iovc", "9.9", "https://x.invalid", id -> null);

  // bytes: `mac-adr` 7-14, `//` 20-22, ` x` 22-24, the end of line 1 at 24
  private static final SourceText SRC = SourceText.of("ä.conf", "VF-0 { mac-adr = 1; // x\n}\n");

  /** A did-you-mean (a guess), and `//` → `#` with a removal and an insertion (certain). */
  private static List<FileResult> files() {
    Diagnostic guess =
        Diagnostic.of(Codes.UNKNOWN_KEY, new Span(7, 14), "unknown parameter `mac-adr` in VF-0")
            .fix(Fix.guess("change to `mac-addr`", new Edit(new Span(7, 14), "mac-addr")))
            .build();
    Diagnostic safe =
        Diagnostic.of(Codes.SLASH_COMMENT, new Span(20, 22), "`//` is not a comment")
            .fix(
                Fix.safe(
                    "turn `//` into `#`",
                    new Edit(new Span(20, 22), "#"),
                    new Edit(new Span(22, 24), ""),
                    new Edit(Span.at(24), ";")))
            .build();
    return List.of(new FileResult(SRC, List.of(guess, safe)));
  }

  @Test
  void jsonNamesEachFixsApplicability() {
    Object root = StrictJson.parse(MachineFormats.json(files()));
    assertEquals("maybe-incorrect", StrictJson.at(root, 0, "fixes", 0, "applicability"));
    assertEquals("change to `mac-addr`", StrictJson.at(root, 0, "fixes", 0, "title"));
    assertEquals("machine-applicable", StrictJson.at(root, 1, "fixes", 0, "applicability"));
    assertEquals("#", StrictJson.at(root, 1, "fixes", 0, "edits", 0, "text"));
  }

  @Test
  void sarifCarriesOnlyTheMachineApplicableFix() {
    Object run = StrictJson.at(StrictJson.parse(Sarif.render(files(), TOOL)), "runs", 0);
    Map<?, ?> guessed = (Map<?, ?>) StrictJson.at(run, "results", 0);
    assertFalse(guessed.containsKey("fixes"), "a guess is not a SARIF fix: " + guessed);

    Object fix = StrictJson.at(run, "results", 1, "fixes", 0);
    assertEquals(1, ((List<?>) StrictJson.at(run, "results", 1, "fixes")).size());
    assertEquals("turn `//` into `#`", StrictJson.at(fix, "description", "text"));
    Object change = StrictJson.at(fix, "artifactChanges", 0);
    assertEquals("%C3%A4.conf", StrictJson.at(change, "artifactLocation", "uri"));
    // the replacement: line 1, columns 21-23 (1-based code points)
    Object r = StrictJson.at(change, "replacements", 0);
    assertEquals(List.of(1L, 21L, 1L, 23L), region(StrictJson.at(r, "deletedRegion")));
    assertEquals("#", StrictJson.at(r, "insertedContent", "text"));
    // a deletion: no inserted content
    Map<?, ?> del = (Map<?, ?>) StrictJson.at(change, "replacements", 1);
    assertEquals(List.of(1L, 23L, 1L, 25L), region(del.get("deletedRegion")));
    assertNull(del.get("insertedContent"));
    // an insertion: an empty region
    Object ins = StrictJson.at(change, "replacements", 2);
    assertEquals(List.of(1L, 25L, 1L, 25L), region(StrictJson.at(ins, "deletedRegion")));
    assertEquals(";", StrictJson.at(ins, "insertedContent", "text"));
  }

  @Test
  void sarifWithOnlyGuessesHasNoFixes() {
    String sarif =
        Sarif.render(
            List.of(new FileResult(SRC, List.of(files().get(0).diagnostics().get(0)))), TOOL);
    assertFalse(sarif.contains("\"fixes\""), sarif);
  }

  private static List<Object> region(Object reg) {
    return List.of(
        StrictJson.at(reg, "startLine"),
        StrictJson.at(reg, "startColumn"),
        StrictJson.at(reg, "endLine"),
        StrictJson.at(reg, "endColumn"));
  }
}
