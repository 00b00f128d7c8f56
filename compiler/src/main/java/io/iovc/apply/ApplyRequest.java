package io.iovc.apply;

import io.iovc.schema.PluginRegistry;
import io.iovc.schema.Schema;
import io.iovc.source.SourceText;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * What {@code iovc compile --apply FILE} asks of a backend.
 *
 * @param path the file (null for standard input)
 * @param source its bytes
 * @param registry the driver plugins
 * @param explicitSchema a schema forced by {@code --schema} or {@code --driver}, or null
 * @param maxSize the kernel's size limit ({@code --max-size})
 * @param replace delete existing VFs first ({@code --replace}), only after the file checked clean
 * @param out progress and results for the user
 * @param rollbackInterrupted instead of applying the file, restore the state an interrupted apply
 *     recorded before its first step ({@code --rollback-interrupted}; Linux)
 */
public record ApplyRequest(
    Path path,
    SourceText source,
    PluginRegistry registry,
    Schema explicitSchema,
    long maxSize,
    boolean replace,
    PrintStream out,
    boolean rollbackInterrupted) {
  public ApplyRequest(
      Path path,
      SourceText source,
      PluginRegistry registry,
      Schema explicitSchema,
      long maxSize,
      boolean replace,
      PrintStream out) {
    this(path, source, registry, explicitSchema, maxSize, replace, out, false);
  }
}
