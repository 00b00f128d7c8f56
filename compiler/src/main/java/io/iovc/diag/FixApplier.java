package io.iovc.diag;

import io.iovc.source.SourceText;
import io.iovc.source.Span;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Applies the machine-applicable fixes of a file's diagnostics ({@code iovc check --fix}). Guesses
 * are never applied. A fix whose edits touch bytes another chosen fix already edits is left for the
 * next round (the caller checks the result again and repeats), so no two edits ever overlap; every
 * byte no edit touches, comments included, is kept as it is.
 */
public final class FixApplier {
  private FixApplier() {}

  /** One fix that was applied: where its diagnostic was, its code and its title. */
  public record Applied(int line, int column, String code, String title) {}

  /** The new bytes and the fixes applied to get them (none: the bytes are the input's). */
  public record Result(byte[] bytes, List<Applied> applied) {
    public boolean changed() {
      return !applied.isEmpty();
    }
  }

  /** Rounds of fixing in {@link #fixAll}; each round applies at least one fix or stops. */
  public static final int MAX_ROUNDS = 8;

  /**
   * Fixes, checks the result again ({@code check} gives a text's diagnostics) and repeats until no
   * machine-applicable fix is left: one fix can uncover another (curly quotes hid a quoted number).
   */
  public static Result fixAll(
      SourceText src, java.util.function.Function<SourceText, List<Diagnostic>> check) {
    List<Applied> applied = new ArrayList<>();
    SourceText current = src;
    for (int round = 0; round < MAX_ROUNDS; round++) {
      Result r = apply(current, check.apply(current));
      if (!r.changed()) break;
      applied.addAll(r.applied());
      current = new SourceText(src.name(), r.bytes());
    }
    return new Result(current.bytes(), List.copyOf(applied));
  }

  public static Result apply(SourceText src, List<Diagnostic> diagnostics) {
    List<Edit> chosen = new ArrayList<>();
    List<Applied> applied = new ArrayList<>();
    for (Diagnostic d : diagnostics) {
      for (Fix f : d.fixes()) {
        if (!f.machineApplicable() || f.edits().isEmpty()) continue;
        if (f.edits().stream().anyMatch(e -> e.span().end() > src.length())) continue;
        if (overlaps(f.edits(), chosen) || overlaps(f.edits(), f.edits())) continue;
        chosen.addAll(f.edits());
        applied.add(
            new Applied(
                src.line(d.span().start()),
                src.column(d.span().start()),
                d.code().id(),
                f.title()));
        break; // one fix per diagnostic: the first safe one is the preferred fix
      }
    }
    if (chosen.isEmpty()) return new Result(src.bytes(), List.of());
    chosen.sort(Comparator.comparingInt((Edit e) -> e.span().start()));
    ByteArrayOutputStream out = new ByteArrayOutputStream(src.length() + 64);
    byte[] b = src.bytes();
    int at = 0;
    for (Edit e : chosen) {
      out.write(b, at, e.span().start() - at);
      byte[] text = e.text().getBytes(StandardCharsets.UTF_8);
      out.write(text, 0, text.length);
      at = e.span().end();
    }
    out.write(b, at, b.length - at);
    return new Result(out.toByteArray(), List.copyOf(applied));
  }

  /**
   * True when an edit of {@code a} touches the bytes or the insertion point of one in {@code b}.
   */
  private static boolean overlaps(List<Edit> a, List<Edit> b) {
    for (Edit x : a) {
      for (Edit y : b) {
        if (x == y) continue;
        Span s = x.span();
        Span t = y.span();
        if (s.start() < t.end() && t.start() < s.end()) return true;
        if (s.start() == t.start() || s.end() == t.end()) return true;
        if ((s.start() == s.end() || t.start() == t.end())
            && s.start() <= t.end()
            && t.start() <= s.end()) return true;
      }
    }
    return false;
  }
}
