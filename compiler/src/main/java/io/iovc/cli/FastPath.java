package io.iovc.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code iovc check} without picocli: the command pre-commit hooks and boot scripts run most, so it
 * should cost little more than starting the JVM. picocli builds its model by reflection and its
 * classes (Java 5 bytecode) cannot go into a class-data archive; for the plain forms of {@code
 * check} this parser fills the same {@link CheckCommand} fields itself. Anything else (help, an
 * option it does not know, a malformed value) returns null and picocli handles the command line, so
 * usage errors read the same either way. A test checks that both parsers agree.
 */
final class FastPath {
  private FastPath() {}

  /** The parsed command, or null when picocli should parse these arguments. */
  static CheckCommand parseCheck(String[] args) {
    if (args.length < 2 || !(args[0].equals("check") || args[0].equals("lint"))) return null;
    CheckCommand c = new CheckCommand();
    c.schema = new SchemaOptions();
    c.color = "auto";
    List<String> files = new ArrayList<>();
    boolean operandsOnly = false;
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      if (operandsOnly || a.equals("-") || !a.startsWith("-")) {
        files.add(a);
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
      if (name.equals("--strict")) {
        if (value != null) return null;
        c.strict = true;
        continue;
      }
      if (value == null) {
        if (i + 1 >= args.length) return null;
        value = args[++i];
      }
      switch (name) {
        case "--format" -> c.format = value;
        case "--color" -> c.color = value;
        case "--driver" -> c.schema.driver = value;
        case "--schema" -> c.schema.schemaFile = Path.of(value);
        case "--plugin-path" -> {
          for (String p : value.split(":")) c.schema.pluginPath.add(Path.of(p));
        }
        case "--max-size" -> {
          try {
            c.schema.maxSize = Long.parseLong(value);
          } catch (NumberFormatException e) {
            return null;
          }
        }
        default -> {
          return null;
        }
      }
    }
    if (files.isEmpty()) return null;
    c.files = files;
    return c;
  }
}
