package io.iovc.cli;

import io.iovc.diag.Diagnostic;
import io.iovc.diag.render.HumanRenderer;
import io.iovc.source.SourceText;
import io.iovc.source.Span;
import io.iovc.syntax.SyntaxTree;
import io.iovc.syntax.UValue;
import io.iovc.syntax.Ucl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The project configuration file {@code .iovc.conf}: defaults for {@code check} and {@code compile}
 * that a repository of iovctl.conf files shares, so that its pre-commit hook, its CI job and its
 * people run the same command without repeating options.
 *
 * <p>Why this convention: the linters iovc follows find their settings in a file of their own,
 * searched upward from the file being checked ({@code ruff.toml}/{@code pyproject.toml}, {@code
 * .shellcheckrc}, {@code .hadolint.yaml}); an iovctl.conf repository usually has no {@code
 * pyproject.toml} or {@code package.json} to host a section, and a section inside a checked file
 * would be read by iovctl as a PF/VF section. So it is a dot file of its own, and it is UCL, the
 * language its readers already write, read by iovc's own UCL parser (libucl's syntax, byte for
 * byte):
 *
 * <pre>
 * # .iovc.conf at the top of the repository
 * ignore = ["IOV228", "IOV16"];   # or "IOV228,IOV16"
 * select = "IOV2";
 * driver = "ixl";                 # or: schema = "schemas/ixl0.schema" (relative to this file)
 * strict = true;
 * format = "gcc";
 * </pre>
 *
 * <p>The nearest {@code .iovc.conf} wins: it is looked for in the directory of the first FILE (the
 * directory itself when FILE is one; the working directory for {@code -}) and then in each parent
 * up to the root. Options on the command line win over the file; {@code --no-config} skips it.
 * {@code # iovc disable=CODE} comments in a checked file keep working on top of it. A mistake in
 * the file (bad UCL, an unknown key, a value of the wrong kind, a code that does not exist or is an
 * error) is a usage error, exit 2, naming the file, line and column (bad UCL is shown as {@code
 * iovc check} shows a syntax error). The language server does not read the file yet.
 */
final class ProjectConfig {
  static final String NAME = ".iovc.conf";
  private static final Set<String> KEYS =
      Set.of("ignore", "select", "driver", "schema", "strict", "format");

  final Path file;
  final List<String> ignore = new ArrayList<>();
  final List<String> select = new ArrayList<>();
  String driver;
  Path schema;
  Boolean strict;
  String format;

  private ProjectConfig(Path file) {
    this.file = file;
  }

  /** The nearest {@code .iovc.conf} above the first operand, or null when there is none. */
  static ProjectConfig find(List<String> operands) throws UserError {
    Path start;
    String first = operands.isEmpty() ? "-" : operands.get(0);
    try {
      start = first.equals("-") ? Path.of("") : Path.of(first);
    } catch (java.nio.file.InvalidPathException e) {
      return null; // the operand itself is reported as unreadable
    }
    Path dir = start.toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) dir = dir.getParent();
    for (Path d = dir; d != null; d = d.getParent()) {
      Path f = d.resolve(NAME);
      if (Files.isRegularFile(f)) return read(f);
    }
    return null;
  }

  static ProjectConfig read(Path f) throws UserError {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(f);
    } catch (IOException e) {
      throw new UserError(Exit.UNUSABLE, "cannot read " + f + ": " + e.getMessage());
    }
    SourceText src = new SourceText(f.toString(), bytes);
    SyntaxTree tree = Ucl.parse(src);
    if (tree.hasErrors()) {
      HumanRenderer r = new HumanRenderer(false);
      StringBuilder sb = new StringBuilder();
      for (Diagnostic d : tree.diagnostics()) if (d.isError()) sb.append(r.render(src, d));
      throw new UserError(
          Exit.USAGE, f + " is not valid UCL (see below); fix it or pass --no-config\n" + sb);
    }
    ProjectConfig c = new ProjectConfig(f);
    if (!(tree.root() instanceof UValue.UObject root)) return c;
    for (UValue.UMember m : root.members()) {
      String key = m.key().name();
      UValue v = m.value();
      switch (key) {
        case "ignore" -> c.ignore.addAll(codes(src, key, v));
        case "select" -> c.select.addAll(codes(src, key, v));
        case "driver" -> c.driver = string(src, key, v);
        case "schema" -> c.schema = f.toAbsolutePath().getParent().resolve(string(src, key, v));
        case "format" -> c.format = string(src, key, v);
        case "strict" -> {
          if (!(v instanceof UValue.UBool b)) throw wrong(src, key, v, "true or false");
          c.strict = b.value();
        }
        default ->
            throw new UserError(
                Exit.USAGE,
                at(src, m.key().span())
                    + ": unknown key `"
                    + io.iovc.source.Shown.decode(key)
                    + "` in "
                    + NAME
                    + "; it takes "
                    + String.join(", ", KEYS.stream().sorted().toList()));
      }
    }
    return c;
  }

  private static List<String> codes(SourceText src, String key, UValue v) throws UserError {
    List<String> out = new ArrayList<>();
    if (v instanceof UValue.UString s) {
      for (String part : s.value().split(",")) if (!part.isBlank()) out.add(part.strip());
      return out;
    }
    if (v instanceof UValue.UArray a) {
      for (UValue item : a.items()) {
        if (!(item instanceof UValue.UString s)) throw wrong(src, key, item, "a code in quotes");
        out.add(s.value().strip());
      }
      return out;
    }
    throw wrong(src, key, v, "a code, \"CODE,CODE\" or [\"CODE\", …]");
  }

  private static String string(SourceText src, String key, UValue v) throws UserError {
    if (v instanceof UValue.UString s && !s.value().isEmpty()) return s.value();
    throw wrong(src, key, v, "a string");
  }

  private static UserError wrong(SourceText src, String key, UValue v, String wanted) {
    return new UserError(
        Exit.USAGE,
        at(src, v.span()) + ": `" + key + "` takes " + wanted + ", not " + v.kindName());
  }

  private static String at(SourceText src, Span s) {
    return src.name() + ":" + src.line(s.start()) + ":" + src.column(s.start());
  }

  /**
   * Finds the project file for {@code operands} (unless {@code noConfig}) and fills in what the
   * command line left unset: {@code --driver}/{@code --schema} (the file's {@code schema} before
   * its {@code driver}), {@code --select} and {@code --ignore}. Returns the file's settings, or
   * null when there is none. The file's codes are checked like the options' (exit 2, naming the
   * file).
   */
  static ProjectConfig load(
      List<String> operands, boolean noConfig, SchemaOptions schema, CodeFilter filter)
      throws UserError {
    if (noConfig) return null;
    ProjectConfig c = find(operands);
    if (c == null) return null;
    CodeFilter own = new CodeFilter();
    own.select.addAll(c.select);
    own.ignore.addAll(c.ignore);
    try {
      own.validate(schema.registry().codes());
    } catch (UserError e) {
      throw new UserError(
          Exit.USAGE, c.file + ": " + e.getMessage().replace("--select/--ignore", "ignore/select"));
    }
    if (schema.driver == null && schema.schemaFile == null) {
      if (c.schema != null) schema.schemaFile = c.schema;
      else schema.driver = c.driver;
    }
    if (filter.select.isEmpty()) filter.select.addAll(c.select);
    if (filter.ignore.isEmpty()) filter.ignore.addAll(c.ignore);
    return c;
  }
}
