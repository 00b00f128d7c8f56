package io.iovc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.iovc.diag.Codes;
import io.iovc.diag.Diagnostic;
import io.iovc.diag.Edit;
import io.iovc.diag.Fix;
import io.iovc.source.Span;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.junit.jupiter.api.Test;

/**
 * An editor may apply a preferred quick fix without showing it (VS Code's auto-fix, "fix all"), so
 * only a machine-applicable fix is preferred; a guess (did you mean…) is offered, never preferred.
 */
class PreferredFixTest {
  private static final Range RANGE = new Range(new Position(1, 1), new Position(1, 8));
  private static final org.eclipse.lsp4j.Diagnostic LSP =
      new org.eclipse.lsp4j.Diagnostic(RANGE, "unknown parameter `mac-adr` in VF-0");
  private static final WorkspaceEdit EDIT =
      new WorkspaceEdit(Map.of(Fixture.URI, List.of(new TextEdit(RANGE, "mac-addr"))));
  private static final Edit RENAME = new Edit(new Span(10, 17), "mac-addr");
  private static final Edit REMOVE = new Edit(new Span(10, 30), "");

  private static Diagnostic unknownKey(Fix... fixes) {
    Diagnostic.Builder b =
        Diagnostic.of(Codes.UNKNOWN_KEY, new Span(10, 17), "unknown parameter `mac-adr` in VF-0");
    for (Fix f : fixes) b.fix(f);
    return b.build();
  }

  private static boolean preferred(Diagnostic d, Fix f) {
    CodeAction ca = CodeActions.quickFix(d, f, LSP, EDIT);
    assertEquals(f.title(), ca.getTitle());
    assertEquals(EDIT, ca.getEdit());
    return Boolean.TRUE.equals(ca.getIsPreferred());
  }

  @Test
  void aGuessIsNotPreferredEvenAlone() {
    Fix guess = Fix.guess("change to `mac-addr`", RENAME);
    assertNotEquals(true, preferred(unknownKey(guess), guess));
  }

  @Test
  void theOneMachineApplicableFixIsPreferred() {
    Fix safe = Fix.safe("remove the line", REMOVE);
    assertEquals(true, preferred(unknownKey(safe), safe));
  }

  @Test
  void besideGuessesTheSafeFixIsTheOnePreferred() {
    Fix guess = Fix.guess("change to `mac-addr`", RENAME);
    Fix safe = Fix.safe("remove the line", REMOVE);
    Diagnostic d = unknownKey(guess, safe);
    assertEquals(false, preferred(d, guess));
    assertEquals(true, preferred(d, safe));
  }

  @Test
  void twoSafeFixesLeaveTheChoiceToThePerson() {
    Fix one = Fix.safe("remove the line", REMOVE);
    Fix other = Fix.safe("change to `mac-addr`", RENAME);
    Diagnostic d = unknownKey(one, other);
    assertEquals(false, preferred(d, one));
    assertEquals(false, preferred(d, other));
  }

  /** Through the service: a did-you-mean is a guess, so the editor does not apply it unasked. */
  @Test
  void theServiceDoesNotPreferADidYouMean() {
    IovcLanguageService svc = Fixture.service();
    Fixture.At at = Fixture.at(Fixture.IXL.replace("\tmac-addr =", "\tmac-a|dr ="));
    List<CodeAction> actions =
        svc
            .codeActions(
                at.doc(),
                new CodeActionParams(
                    new TextDocumentIdentifier(Fixture.URI),
                    new Range(at.pos(), at.pos()),
                    new CodeActionContext(List.of())))
            .stream()
            .map(e -> e.getRight())
            .toList();
    CodeAction rename =
        actions.stream()
            .filter(a -> a.getTitle().equals("change to `mac-addr`"))
            .findFirst()
            .orElseThrow();
    assertNotEquals(true, rename.getIsPreferred());
  }
}
