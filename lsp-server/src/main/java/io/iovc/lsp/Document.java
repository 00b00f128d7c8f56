package io.iovc.lsp;

import io.iovc.syntax.Ucl;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * One open document: its URI, the latest version and text the client sent, and the analysis of that
 * text (computed on demand, dropped on every change). Only the server's worker thread touches it.
 */
final class Document {
  final String uri;

  /** The file behind a {@code file:} URI, or null (untitled buffers, other schemes). */
  final Path path;

  /** FILENAME and CURDIR as libucl defines them for this file. */
  final Map<String, String> vars;

  int version;

  /** The text, or null when it is larger than the server analyses. */
  String text;

  /** UTF-8 size of the text (also known for a text that was too large to keep). */
  long size;

  /** Why {@link #text} is null although the client sent one: "message" or "memory" (else size). */
  String dropped;

  Analysis analysis;

  Document(String uri, int version) {
    this.uri = uri;
    this.path = pathOf(uri);
    this.vars = Ucl.fileVariables(path);
    this.version = version;
  }

  /** The name used in diagnostics and fixes: the file's path, or the URI. */
  String name() {
    return path != null ? path.toString() : uri;
  }

  static Path pathOf(String uri) {
    try {
      URI u = new URI(uri);
      if ("file".equalsIgnoreCase(u.getScheme())) return Path.of(u);
    } catch (Exception e) {
      // not a file URI we understand
    }
    return null;
  }
}
