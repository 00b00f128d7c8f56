package io.iovc.schema;

import io.iovc.diag.Code;
import io.iovc.diag.CodeBook;
import io.iovc.diag.Severity;
import io.iovc.plugin.DriverPlugin;
import io.iovc.plugin.PluginCode;

/** A plugin's codes ({@link PluginCode}, from the plugin API) as iovc's diagnostic codes. */
public final class PluginCodes {
  private PluginCodes() {}

  /** The diagnostic code for a plugin code: same id, severity and title. */
  public static Code code(PluginCode c) {
    return new Code(
        c.id(),
        c.severity() == PluginCode.Severity.INFO ? Severity.INFO : Severity.WARNING,
        c.title());
  }

  /**
   * Adds a plugin's codes and explanations to {@code book}: all of them, or none when one is
   * already known (a core code, another plugin's, or declared twice by this one).
   *
   * @throws IllegalArgumentException naming the first such code
   */
  static void add(CodeBook.Builder book, DriverPlugin p) {
    java.util.Set<String> own = new java.util.HashSet<>();
    for (DriverPlugin.CodeDoc d : p.codes()) {
      String id = d.code().id();
      if (book.knows(id) || !own.add(id)) {
        throw new IllegalArgumentException("the code " + id + " is already declared");
      }
    }
    for (DriverPlugin.CodeDoc d : p.codes()) book.add(code(d.code()), d.explanation());
  }

  /** The core codes and those of one plugin (only the core codes for null). */
  public static CodeBook of(DriverPlugin p) {
    if (p == null) return CodeBook.CORE;
    CodeBook.Builder b = CodeBook.builder();
    add(b, p);
    return b.build();
  }
}
