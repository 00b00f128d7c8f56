package io.iovc.cli;

import io.iovc.diag.FixApplier;
import io.iovc.source.SourceText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.List;

/**
 * {@code iovc check --fix}: applies the machine-applicable fixes of one file, checks the result
 * again and repeats (a fix can uncover another: curly quotes hid a quoted number), then writes the
 * file atomically (a temporary file in the same directory, renamed over it, with the original's
 * permissions) or, with {@code --diff}, prints a unified diff and writes nothing.
 */
final class Fixing {
  private Fixing() {}

  /** The analysis of the fixed file; what changed is appended to {@code changes}. */
  static Analysis fix(Inputs.Input in, SchemaOptions opts, boolean diff, StringBuilder changes)
      throws UserError {
    if (in.path() == null && in.problem() == null && !diff)
      throw new UserError(2, "--fix rewrites files; for standard input use --fix --diff");
    Analysis first = Analysis.run(in, opts, false);
    if (in.problem() != null) return first;
    FixApplier.Result r =
        FixApplier.fixAll(
            in.source(),
            text ->
                text == in.source()
                    ? first.diagnostics
                    : run(new Inputs.Input(in.name(), in.path(), text, null), opts).diagnostics);
    List<FixApplier.Applied> applied = r.applied();
    Inputs.Input current =
        new Inputs.Input(in.name(), in.path(), new SourceText(in.source().name(), r.bytes()), null);
    Analysis a = applied.isEmpty() ? first : Analysis.run(current, opts, false);
    if (applied.isEmpty()) return a;
    changes
        .append(diff ? "iovc: would fix " : "iovc: fixed ")
        .append(in.name())
        .append(": ")
        .append(applied.size() == 1 ? "1 fix" : applied.size() + " fixes")
        .append('\n');
    for (FixApplier.Applied f : applied)
      changes
          .append("  ")
          .append(f.line())
          .append(':')
          .append(f.column())
          .append(' ')
          .append(f.code())
          .append(' ')
          .append(f.title())
          .append('\n');
    if (diff) Output.out.print(UnifiedDiff.of(in.name(), in.source().bytes(), r.bytes()));
    else write(in.path(), r.bytes());
    return a;
  }

  private static Analysis run(Inputs.Input in, SchemaOptions opts) {
    try {
      return Analysis.run(in, opts, false);
    } catch (UserError e) {
      throw new IllegalStateException(e); // the schema options were read for the first round
    }
  }

  /** Replaces the file atomically, keeping its permissions. */
  static void write(Path file, byte[] bytes) throws UserError {
    Path abs = file.toAbsolutePath();
    Path tmp = null;
    try {
      tmp = SiblingTemp.create(abs);
      Files.write(tmp, bytes);
      PosixFileAttributeView view = Files.getFileAttributeView(abs, PosixFileAttributeView.class);
      if (view != null) {
        PosixFileAttributes attrs = view.readAttributes();
        Files.setPosixFilePermissions(tmp, attrs.permissions());
      }
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      try {
        if (tmp != null) Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the temporary file is all that is left; the original is unchanged
      }
      throw new UserError(3, "cannot write " + file + ": " + e.getMessage());
    }
  }
}
