package io.iovc.lsp;

import io.iovc.diag.Code;
import io.iovc.diag.CodeBook;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The long explanation of each diagnostic code ({@code iovc explain CODE}) and the link a
 * diagnostic's {@code codeDescription} carries. The link is the {@code iovc.explainUrl} setting
 * when the client sets one ({@code {code}} is replaced); otherwise a local file holding exactly
 * what {@code iovc explain CODE} prints, written once into the user's cache directory, so that
 * clicking the code opens the explanation without any network. If that file cannot be written the
 * link falls back to {@code https://iovc.invalid/explain/CODE}.
 */
final class Explanations {
  static final String FALLBACK = "https://iovc.invalid/explain/";

  private final Settings settings;
  private final Path dir;
  private final CodeBook codes;
  private final Map<String, String> hrefs = new ConcurrentHashMap<>();

  /** {@code codes}: the plugin registry's, so plugin codes are explained too. */
  Explanations(Settings settings, Path dir, CodeBook codes) {
    this.settings = settings;
    this.dir = dir;
    this.codes = codes;
  }

  /**
   * {@code $XDG_CACHE_HOME/iovc/explain/VERSION}, or {@code ~/.cache/…}; null when neither is
   * known.
   */
  static Path defaultDir(String version) {
    String base = System.getenv("XDG_CACHE_HOME");
    Path root;
    if (base != null && !base.isBlank()) {
      root = Path.of(base);
    } else {
      String home = System.getProperty("user.home");
      if (home == null || home.isBlank() || home.equals("?")) return null;
      root = Path.of(home, ".cache");
    }
    return root.resolve("iovc").resolve("explain").resolve(version);
  }

  String href(String code) {
    String t = settings.explainUrl;
    if (t != null) return t.replace("{code}", code);
    return hrefs.computeIfAbsent(code, this::write);
  }

  /** What {@code iovc explain CODE} prints, or null for an unknown code. */
  String text(String code) {
    Code c = codes.lookup(code);
    if (c == null) return null;
    String text = codes.explain(c.id());
    return c.id()
        + " ("
        + c.severity().label()
        + "): "
        + c.title()
        + "\n\n"
        + (text == null ? "No explanation written yet.\n" : text);
  }

  /** The file with the explanation (written now if needed), or null. */
  Path file(String code) {
    String t = text(code);
    if (t == null || dir == null) return null;
    Path f = dir.resolve(code + ".txt");
    try {
      byte[] bytes = t.getBytes(StandardCharsets.UTF_8);
      if (Files.isRegularFile(f) && java.util.Arrays.equals(Files.readAllBytes(f), bytes)) return f;
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, code, ".tmp");
      Files.write(tmp, bytes);
      Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return f;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private String write(String code) {
    Path f = file(code);
    return f != null ? f.toUri().toString() : FALLBACK + code;
  }
}
