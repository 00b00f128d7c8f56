package io.iovc.cli;

import io.iovc.diag.Code;
import io.iovc.diag.CodeBook;
import io.iovc.diag.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * {@code --select} and {@code --ignore} (ruff's convention): which warnings and notes are shown, by
 * code or code prefix ({@code IOV2} is every IOV2xx). Errors are always shown: an error means
 * iovctl refuses the file, and hiding it would not change that (as with {@code # iovc disable=},
 * naming an error code exactly is refused).
 */
final class CodeFilter {
  @Option(
      names = "--select",
      paramLabel = "CODE[,CODE]",
      split = ",",
      description =
          "Show only these warnings and notes (codes or prefixes such as IOV2); errors always show.")
  List<String> select = new ArrayList<>();

  @Option(
      names = "--ignore",
      paramLabel = "CODE[,CODE]",
      split = ",",
      description = "Hide these warnings and notes (codes or prefixes such as IOV16); not errors.")
  List<String> ignore = new ArrayList<>();

  /** Checks the options against the known codes: usage error (exit 2) for a mistake. */
  void validate(CodeBook codes) throws UserError {
    List<String> all = new ArrayList<>(select);
    all.addAll(ignore);
    for (String raw : all) {
      String p = raw.strip().toUpperCase(Locale.ROOT);
      if (p.isEmpty()) throw new UserError(2, "--select/--ignore: an empty code");
      boolean known = false;
      for (Code c : codes.all()) known |= c.id().startsWith(p);
      if (!known)
        throw new UserError(2, "--select/--ignore: no code is or starts with `" + raw + "`");
      Code exact = codes.lookup(p);
      if (exact != null && exact.severity() == io.iovc.diag.Severity.ERROR && ignore.contains(raw))
        throw new UserError(
            2,
            "--ignore "
                + exact.id()
                + ": an error cannot be ignored (iovctl refuses such a file); only warnings and notes");
    }
  }

  /** The diagnostics to show. */
  List<Diagnostic> apply(List<Diagnostic> diags) {
    if (select.isEmpty() && ignore.isEmpty()) return diags;
    List<Diagnostic> out = new ArrayList<>();
    for (Diagnostic d : diags) {
      String id = d.code().id();
      boolean keep =
          d.isError() || ((select.isEmpty() || matches(select, id)) && !matches(ignore, id));
      if (keep) out.add(d);
    }
    return out;
  }

  private static boolean matches(List<String> prefixes, String id) {
    for (String p : prefixes) {
      if (id.startsWith(p.strip().toUpperCase(Locale.ROOT))) return true;
    }
    return false;
  }
}
