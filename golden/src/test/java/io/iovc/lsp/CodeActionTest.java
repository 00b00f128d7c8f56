package io.iovc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.junit.jupiter.api.Test;

/**
 * Quick fixes: the checker's fixes and the suppressions, applied to the text and checked again;
 * every case goes into the golden {@code fixes} file.
 */
class CodeActionTest {
  private final IovcLanguageService svc = Fixture.service();
  private final StringBuilder golden = new StringBuilder();

  /** Applies the action titled {@code title} at the caret; returns the new text. */
  private String fix(String name, String textWithCaret, String uri, String title) {
    Fixture.At at = Fixture.at(uri, textWithCaret, Positions.Encoding.UTF16);
    List<org.eclipse.lsp4j.Diagnostic> diags = svc.diagnostics(at.doc()).getDiagnostics();
    CodeActionParams p =
        new CodeActionParams(
            new TextDocumentIdentifier(uri),
            new Range(at.pos(), at.pos()),
            new CodeActionContext(List.of()));
    List<Either<Command, CodeAction>> actions = svc.codeActions(at.doc(), p);
    golden
        .append("=== ")
        .append(name)
        .append('\n')
        .append(Fixture.withCaret(at))
        .append("--- diagnostics: ")
        .append(
            diags.stream()
                .map(d -> d.getCode().getLeft() + "@" + Fixture.range(d.getRange()))
                .collect(Collectors.joining(", ")))
        .append('\n');
    golden.append("--- actions\n");
    CodeAction chosen = null;
    for (Either<Command, CodeAction> e : actions) {
      CodeAction a = e.getRight();
      golden
          .append(a.getTitle())
          .append(Boolean.TRUE.equals(a.getIsPreferred()) ? " (preferred)" : "")
          .append(" [")
          .append(a.getDiagnostics().get(0).getCode().getLeft())
          .append("]");
      if (a.getEdit() != null) {
        for (TextEdit t : a.getEdit().getChanges().get(uri))
          golden
              .append(" ")
              .append(Fixture.range(t.getRange()))
              .append(" \"")
              .append(t.getNewText().replace("\n", "\\n").replace("\t", "\\t"))
              .append('"');
      }
      if (a.getCommand() != null)
        golden
            .append(" command ")
            .append(a.getCommand().getCommand())
            .append(' ')
            .append(a.getCommand().getArguments());
      golden.append('\n');
      if (a.getTitle().equals(title)) chosen = a;
    }
    assertNotNull(
        chosen,
        "no action `"
            + title
            + "` in "
            + actions.stream().map(x -> x.getRight().getTitle()).toList());
    String after = Fixture.apply(at.doc().text, chosen.getEdit().getChanges().get(uri));
    List<String> left =
        svc.diagnostics(Fixture.doc(uri, after)).getDiagnostics().stream()
            .map(d -> d.getCode().getLeft())
            .toList();
    golden
        .append("--- after `")
        .append(title)
        .append("`: ")
        .append(left.isEmpty() ? "no diagnostics" : String.join(", ", left))
        .append('\n')
        .append(after)
        .append('\n');
    return after;
  }

  private List<String> codesOf(String uri, String text) {
    return svc.diagnostics(Fixture.doc(uri, text)).getDiagnostics().stream()
        .map(d -> d.getCode().getLeft())
        .toList();
  }

  @Test
  void allCases() {
    String u = Fixture.URI;
    String base = Fixture.IXL;

    String after =
        fix(
            "did you mean",
            base.replace("\tmac-addr =", "\tmac-a|dr ="),
            u,
            "change to `mac-addr`");
    assertEquals(base, after);

    after =
        fix(
            "missing num_vfs",
            base.replace("\tnum_vfs = 4;\n", "").replace("PF {", "P|F {"),
            u,
            "add `num_vfs = 3;`");
    assertFalse(codesOf(u, after).contains("IOV208"));

    after =
        fix(
            "missing device",
            base.replace("\tdevice = \"ixl0\";\n", "").replace("PF {", "P|F {"),
            u,
            "add `device = \"ixl0\";`");
    assertTrue(codesOf(u, after).isEmpty(), codesOf(u, after).toString());

    after =
        fix(
            "missing device on one line",
            "|PF { num_vfs = 1; }\n",
            "file:///etc/iov/ixl3.conf",
            "add `device = \"ixl3\";`");
    assertEquals("PF { num_vfs = 1; device = \"ixl3\"; }\n", after);

    after =
        fix(
            "no PF at all",
            "# iovc: driver=ixl\n|VF-0 { passthrough = true; }\n",
            u,
            "add a PF section for ixl0");
    assertTrue(codesOf(u, after).isEmpty(), codesOf(u, after).toString());

    after =
        fix(
            "ignored duplicate",
            base.replace("\tnum-queues = 8;\n", "\tnum-queues = 8;\n\tnum-|queues = 16;\n"),
            u,
            "remove the ignored parameter");
    assertEquals(base, after);

    after =
        fix(
            "// is not a comment",
            base.replace("\tnum_vfs = 4;", "\tnum_vfs = 4; |// four"),
            u,
            "turn `//` into `#`");
    assertEquals(base.replace("\tnum_vfs = 4;", "\tnum_vfs = 4; # four"), after);

    after = fix("fraction", base.replace("num_vfs = 4;", "num_vfs = 4.|9;"), u, "write 4");
    assertEquals(base, after);

    after =
        fix(
            "suppress here",
            base.replace("\tnum-queues = 8;\n", "\tnum-queues = 8;\n\tnum-|queues = 16;\n"),
            u,
            "Suppress IOV228 for `num-queues`");
    assertTrue(codesOf(u, after).isEmpty(), codesOf(u, after).toString());
    assertTrue(after.contains("\t# iovc disable=IOV228\n\tnum-queues = 16;"));

    after =
        fix(
            "suppress in the file",
            base.replace("num_vfs = 4;", "num_vfs = 4.|9;"),
            u,
            "Suppress IOV220 in this file");
    assertTrue(after.startsWith("# iovc disable=IOV220\n"));
    assertTrue(codesOf(u, after).isEmpty(), codesOf(u, after).toString());

    // errors cannot be suppressed (iovctl refuses the file whatever a comment says)
    Fixture.At at = Fixture.at(base.replace("\tmac-addr =", "\tmac-a|dr ="));
    List<String> titles =
        svc
            .codeActions(
                at.doc(),
                new CodeActionParams(
                    new TextDocumentIdentifier(u),
                    new Range(at.pos(), at.pos()),
                    new CodeActionContext(List.of())))
            .stream()
            .map(e -> e.getRight().getTitle())
            .toList();
    assertEquals(List.of("change to `mac-addr`", "Explain IOV201"), titles);

    // `only` without quickfix: nothing
    CodeActionContext ctx = new CodeActionContext(List.of(), List.of("source.organizeImports"));
    assertTrue(
        svc.codeActions(
                at.doc(),
                new CodeActionParams(
                    new TextDocumentIdentifier(u), new Range(at.pos(), at.pos()), ctx))
            .isEmpty());

    LspDocuments.verify("fixes", golden.toString());
  }
}
