package io.iovc.lsp;

import io.iovc.diag.Diagnostic;
import io.iovc.diag.Label;
import io.iovc.diag.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.lsp4j.DiagnosticCodeDescription;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DiagnosticTag;
import org.eclipse.lsp4j.Location;

/**
 * The checker's diagnostics as LSP diagnostics: same code, same message (the notes and the help
 * follow on their own lines, as {@code iovc check} prints them), the primary span as the range,
 * secondary labels as related information, and a link to the code's explanation.
 */
final class Diagnostics {
  /** Codes about text iovctl never reads: shown faded. */
  private static final Set<String> UNNECESSARY = Set.of("IOV001", "IOV151", "IOV228", "IOV309");

  private final Explanations explanations;

  Diagnostics(Explanations explanations) {
    this.explanations = explanations;
  }

  List<org.eclipse.lsp4j.Diagnostic> map(Analysis a) {
    List<org.eclipse.lsp4j.Diagnostic> out = new ArrayList<>(a.diagnostics.size());
    for (Diagnostic d : a.diagnostics) out.add(map(a, d));
    return out;
  }

  org.eclipse.lsp4j.Diagnostic map(Analysis a, Diagnostic d) {
    org.eclipse.lsp4j.Diagnostic l =
        new org.eclipse.lsp4j.Diagnostic(
            a.pos.range(d.span()), message(d), severity(d.severity()), "iovc", d.code().id());
    l.setCodeDescription(new DiagnosticCodeDescription(explanations.href(d.code().id())));
    if (!d.labels().isEmpty()) {
      List<DiagnosticRelatedInformation> rel = new ArrayList<>();
      for (Label lab : d.labels())
        rel.add(
            new DiagnosticRelatedInformation(
                new Location(a.uri, a.pos.range(lab.span())), lab.message()));
      l.setRelatedInformation(rel);
    }
    if (UNNECESSARY.contains(d.code().id())) l.setTags(List.of(DiagnosticTag.Unnecessary));
    return l;
  }

  /** The message, then each note and the help on a line of its own. */
  static String message(Diagnostic d) {
    StringBuilder sb = new StringBuilder(d.message());
    for (String n : d.notes()) sb.append("\nnote: ").append(n);
    if (d.help() != null && !d.help().isEmpty()) sb.append("\nhelp: ").append(d.help());
    return sb.toString();
  }

  static DiagnosticSeverity severity(Severity s) {
    return switch (s) {
      case ERROR -> DiagnosticSeverity.Error;
      case WARNING -> DiagnosticSeverity.Warning;
      case INFO -> DiagnosticSeverity.Information;
    };
  }
}
