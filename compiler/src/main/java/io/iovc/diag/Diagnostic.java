package io.iovc.diag;

import io.iovc.source.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * One finding, shared by every front end (CLI renderers, the language server, pre-commit).
 *
 * @param code the rule
 * @param severity usually {@code code.severity()}
 * @param span primary span (byte offsets into the file)
 * @param message plain-language message, one sentence
 * @param label short text printed under the carets (may be empty)
 * @param labels secondary labelled spans
 * @param notes extra lines, e.g. what iovctl itself prints
 * @param help the fix in words (may be null)
 * @param fixes machine-applicable fixes (quick fixes in editors)
 */
public record Diagnostic(
    Code code,
    Severity severity,
    Span span,
    String message,
    String label,
    List<Label> labels,
    List<String> notes,
    String help,
    List<Fix> fixes) {

  public Diagnostic {
    labels = List.copyOf(labels);
    notes = List.copyOf(notes);
    fixes = List.copyOf(fixes);
    label = label == null ? "" : label;
  }

  public static Builder of(Code code, Span span, String message) {
    return new Builder(code, span, message);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** Fluent construction; keeps call sites in the checker short. */
  public static final class Builder {
    private final Code code;
    private Severity severity;
    private final Span span;
    private final String message;
    private String label = "";
    private final List<Label> labels = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private String help;
    private final List<Fix> fixes = new ArrayList<>();

    Builder(Code code, Span span, String message) {
      this.code = code;
      this.severity = code.severity();
      this.span = span;
      this.message = message;
    }

    public Builder severity(Severity s) {
      this.severity = s;
      return this;
    }

    public Builder label(String l) {
      this.label = l;
      return this;
    }

    public Builder label(Span s, String m) {
      if (s != null) labels.add(new Label(s, m));
      return this;
    }

    public Builder note(String n) {
      notes.add(n);
      return this;
    }

    /** The exact message iovctl prints for this problem, as a note. */
    public Builder iovctl(String msg) {
      notes.add("iovctl: " + msg);
      return this;
    }

    public Builder help(String h) {
      this.help = h;
      return this;
    }

    public Builder fix(Fix f) {
      if (f != null) fixes.add(f);
      return this;
    }

    public Diagnostic build() {
      return new Diagnostic(code, severity, span, message, label, labels, notes, help, fixes);
    }
  }

  /**
   * Orders diagnostics by their primary span. A class rather than a lambda: a lambda's call site is
   * linked at run time (a method handle spun on the first one), which a one-file check pays for at
   * every start.
   */
  public static final java.util.Comparator<Diagnostic> BY_SPAN = new BySpan();

  private static final class BySpan implements java.util.Comparator<Diagnostic> {
    @Override
    public int compare(Diagnostic a, Diagnostic b) {
      return a.span().compareTo(b.span());
    }
  }
}
