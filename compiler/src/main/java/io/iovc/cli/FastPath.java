package io.iovc.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The command lines users type at a prompt and boot scripts run ({@code check}, {@code compile},
 * {@code fmt}, {@code schema}, {@code dump}, {@code explain}, {@code drivers}, {@code plan}, {@code
 * status}, and {@code lsp}, which every editor start runs) parsed without picocli, so they cost
 * little more than starting the JVM: picocli builds its model of all fourteen commands by
 * reflection, and its classes (Java 5 bytecode) cannot go into a class-data archive. This parser
 * fills the same command objects picocli would. Anything else (help, {@code --version}, an option
 * it does not know, a repeated option, a value that looks like an option, an {@code @file}
 * argument, a wrong number of operands, a malformed number) returns null and picocli handles the
 * command line, so usage errors read the same either way. A test checks that both parsers agree,
 * and that both paths print the same and exit the same.
 */
final class FastPath {
  /** Off only in tests, to run the picocli path for comparison. */
  static boolean enabled = true;

  private FastPath() {}

  private static final Set<String> SCHEMA_VALUED =
      Set.of("--driver", "--backend", "--schema", "--plugin-path", "--max-size", "--max-input");

  /** The parsed command, or null when picocli should parse these arguments. */
  static Callable<Integer> parse(String[] args) {
    if (!enabled || args.length == 0) return null;
    try {
      return switch (args[0]) {
        case "check", "lint" -> parseCheck(args);
        case "compile" -> compile(args);
        case "fmt" -> fmt(args);
        case "schema" -> schema(args);
        case "dump" -> dump(args);
        case "explain" -> explain(args);
        case "drivers" -> drivers(args);
        case "plan" -> plan(args);
        case "status" -> status(args);
        case "lsp" -> lsp(args);
        default -> null;
      };
    } catch (Malformed e) {
      return null;
    }
  }

  /** {@code check} or {@code lint}, or null when picocli should parse these arguments. */
  static CheckCommand parseCheck(String[] args) {
    if (args.length < 2 || !(args[0].equals("check") || args[0].equals("lint"))) return null;
    try {
      Line l = split(args, Set.of("--strict"), union(Set.of("--format", "--color")));
      if (l.operands.isEmpty()) return null;
      CheckCommand c = new CheckCommand();
      c.schema = schemaOptions(l);
      c.strict = l.flag("--strict");
      c.format = l.valueOr("--format", null);
      c.color = l.valueOr("--color", "auto");
      c.files = l.operands;
      return c;
    } catch (Malformed e) {
      return null;
    }
  }

  private static CompileCommand compile(String[] args) throws Malformed {
    Line l =
        split(
            args,
            Set.of("-n", "--dry-run", "--apply", "--replace"),
            union(Set.of("-o", "--output", "--color", "--backend", "--format")));
    if (l.operands.size() != 1) return null;
    CompileCommand c = new CompileCommand();
    c.file = l.operands.get(0);
    c.output = l.value("-o", "--output");
    c.dryRun = l.flag("-n") || l.flag("--dry-run");
    if (l.flag("-n") && l.flag("--dry-run")) return null;
    c.color = l.valueOr("--color", "auto");
    c.apply = l.flag("--apply");
    c.replace = l.flag("--replace");
    c.format = l.valueOr("--format", "human");
    c.schema = schemaOptions(l);
    return c;
  }

  private static FmtCommand fmt(String[] args) throws Malformed {
    Line l = split(args, Set.of("--check", "--stdout"), Set.of("--max-input"));
    if (l.operands.isEmpty()) return null;
    FmtCommand c = new FmtCommand();
    c.files = l.operands;
    c.check = l.flag("--check");
    c.toStdout = l.flag("--stdout");
    String max = l.valueOr("--max-input", null);
    if (max != null) c.maxInput = number(max);
    return c;
  }

  private static SchemaCommand schema(String[] args) throws Malformed {
    Line l = split(args, Set.of("--diff"), union(Set.of("-o", "--output", "-d", "--device")));
    if (l.operands.size() > 1) return null;
    SchemaCommand c = new SchemaCommand();
    c.file = l.operands.isEmpty() ? null : l.operands.get(0);
    c.output = l.value("-o", "--output");
    c.device = l.value("-d", "--device");
    c.diff = l.flag("--diff");
    c.schema = schemaOptions(l);
    return c;
  }

  private static DumpCommand dump(String[] args) throws Malformed {
    Line l = split(args, Set.of("--schema-text"), Set.of());
    if (l.operands.size() != 1) return null;
    DumpCommand c = new DumpCommand();
    c.file = l.operands.get(0);
    c.schemaText = l.flag("--schema-text");
    return c;
  }

  private static ExplainCommand explain(String[] args) throws Malformed {
    Line l = split(args, Set.of(), SCHEMA_VALUED);
    if (l.operands.size() > 1) return null;
    ExplainCommand c = new ExplainCommand();
    c.code = l.operands.isEmpty() ? null : l.operands.get(0);
    c.schema = schemaOptions(l);
    return c;
  }

  private static DriversCommand drivers(String[] args) throws Malformed {
    Line l = split(args, Set.of(), Set.of("--plugin-path"));
    if (!l.operands.isEmpty()) return null;
    DriversCommand c = new DriversCommand();
    pluginPath(l, c.pluginPath);
    return c;
  }

  private static PlanCommand plan(String[] args) throws Malformed {
    Line l = split(args, Set.of("--replace"), union(Set.of("--color", "--format", "--backend")));
    if (l.operands.size() != 1) return null;
    PlanCommand c = new PlanCommand();
    c.file = l.operands.get(0);
    c.replace = l.flag("--replace");
    c.color = l.valueOr("--color", "auto");
    c.format = l.valueOr("--format", "human");
    c.schema = schemaOptions(l);
    return c;
  }

  private static StatusCommand status(String[] args) throws Malformed {
    Line l = split(args, Set.of(), Set.of("--format", "--backend"));
    StatusCommand c = new StatusCommand();
    c.devices = List.copyOf(l.operands);
    c.format = l.valueOr("--format", "human");
    c.backend = l.valueOr("--backend", null);
    return c;
  }

  private static LspCommand lsp(String[] args) throws Malformed {
    Line l =
        split(
            args,
            Set.of("--stdio"),
            Set.of("--driver", "--plugin-path", "--debounce", "--max-message"));
    if (!l.operands.isEmpty()) return null;
    LspCommand c = new LspCommand();
    c.stdio = l.flag("--stdio");
    c.driver = l.valueOr("--driver", null);
    pluginPath(l, c.pluginPath);
    String debounce = l.valueOr("--debounce", null);
    if (debounce != null) {
      try {
        c.debounce = Integer.valueOf(debounce);
      } catch (NumberFormatException e) {
        throw new Malformed();
      }
    }
    String max = l.valueOr("--max-message", null);
    if (max != null) c.maxMessage = number(max);
    return c;
  }

  private static Set<String> union(Set<String> own) {
    Set<String> s = new HashSet<>(own);
    s.addAll(SCHEMA_VALUED);
    return s;
  }

  private static SchemaOptions schemaOptions(Line l) throws Malformed {
    SchemaOptions s = new SchemaOptions();
    s.driver = l.valueOr("--driver", null);
    s.backend = l.valueOr("--backend", null);
    String file = l.valueOr("--schema", null);
    if (file != null) s.schemaFile = path(file);
    pluginPath(l, s.pluginPath);
    String max = l.valueOr("--max-size", null);
    if (max != null) s.maxSize = number(max);
    String input = l.valueOr("--max-input", null);
    if (input != null) s.maxInput = number(input);
    return s;
  }

  /**
   * The {@code --plugin-path} values split at colons, as picocli's {@code split = ":"} does for the
   * plain case; empty pieces and quotes (which picocli's splitting treats specially) go to picocli.
   */
  private static void pluginPath(Line l, List<Path> into) throws Malformed {
    for (String[] o : l.options) {
      if (!o[0].equals("--plugin-path")) continue;
      String v = o[1];
      if (v.isEmpty() || v.indexOf('"') >= 0 || v.startsWith(":") || v.endsWith(":")) {
        throw new Malformed();
      }
      if (v.contains("::")) throw new Malformed();
      for (String p : v.split(":")) into.add(path(p));
    }
  }

  private static Path path(String s) throws Malformed {
    try {
      return Path.of(s);
    } catch (InvalidPathException e) {
      throw new Malformed();
    }
  }

  private static long number(String s) throws Malformed {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new Malformed();
    }
  }

  /** A command line picocli should read (and report on) instead. */
  private static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed() {
      super(null, null, false, false);
    }
  }

  /** Operands and options of a command line, in order. */
  private static final class Line {
    final List<String> operands = new ArrayList<>();
    final List<String[]> options = new ArrayList<>();

    boolean flag(String name) {
      for (String[] o : options) if (o[0].equals(name)) return true;
      return false;
    }

    /** The value of the option called {@code name} or {@code alias}; null when absent. */
    String value(String name, String alias) {
      for (String[] o : options) if (o[0].equals(name) || o[0].equals(alias)) return o[1];
      return null;
    }

    String valueOr(String name, String absent) {
      String v = value(name, null);
      return v == null ? absent : v;
    }
  }

  /**
   * Splits the arguments after the command name. Throws Malformed for anything this parser does not
   * read exactly as picocli does.
   */
  private static Line split(String[] args, Set<String> flags, Set<String> valued) throws Malformed {
    Line l = new Line();
    Set<String> seen = new HashSet<>();
    boolean operandsOnly = false;
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      if (a.startsWith("@")) throw new Malformed();
      if (operandsOnly || a.equals("-") || !a.startsWith("-")) {
        l.operands.add(a);
        continue;
      }
      if (a.equals("--")) {
        operandsOnly = true;
        continue;
      }
      String name = a;
      String value = null;
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 0) {
        name = a.substring(0, eq);
        value = a.substring(eq + 1);
      }
      if (flags.contains(name)) {
        if (value != null) throw new Malformed();
        if (!seen.add(name)) throw new Malformed();
        l.options.add(new String[] {name, null});
        continue;
      }
      if (!valued.contains(name)) throw new Malformed();
      if (value == null) {
        if (i + 1 >= args.length) throw new Malformed();
        value = args[++i];
        if (value.startsWith("-") && !value.equals("-")) throw new Malformed();
        if (value.startsWith("@")) throw new Malformed();
      }
      if (!name.equals("--plugin-path") && !seen.add(canonical(name))) throw new Malformed();
      l.options.add(new String[] {name, value});
    }
    return l;
  }

  /** The long name of an option with a short one, so that {@code -o X --output Y} is a repeat. */
  private static String canonical(String name) {
    return switch (name) {
      case "-o" -> "--output";
      case "-d" -> "--device";
      default -> name;
    };
  }
}
