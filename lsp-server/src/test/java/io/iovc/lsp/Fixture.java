package io.iovc.lsp;

import io.iovc.schema.PluginRegistry;
import io.iovc.source.SourceText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;

/**
 * Test helpers in LemMinX style: documents written with a {@code |} caret marker and a service with
 * the plugins on the test class path. Shared with the golden module (this module's test-jar), where
 * the tests that write the language server's golden documents run.
 */
final class Fixture {
  static final PluginRegistry PLUGINS = PluginRegistry.classPath();
  static final String URI = "file:///etc/iov/ixl0.conf";

  /** The ixl file most tests start from. */
  static final String IXL =
      """
      PF {
      	device = "ixl0";
      	num_vfs = 4;
      }

      DEFAULT {
      	num-queues = 8;
      }

      VF-0 {
      	mac-addr = "02:00:00:00:00:01";
      }

      VF-2 {
      	passthrough = true;
      }
      """;

  private Fixture() {}

  static Settings settings() {
    Settings s = new Settings();
    s.explainUrl = "https://iovc.invalid/explain/{code}";
    s.liveSchema = false;
    return s;
  }

  static IovcLanguageService service(ClientInfo client) {
    Settings s = settings();
    IovcLanguageService svc =
        new IovcLanguageService(PLUGINS, s, new Explanations(s, null, PLUGINS.codes()), null);
    svc.client = client;
    return svc;
  }

  static IovcLanguageService service() {
    return service(ClientInfo.BASIC);
  }

  /** A document and the position of its caret. */
  record At(Document doc, Position pos, int offset) {}

  static Document doc(String uri, String text) {
    Document d = new Document(uri, 1);
    d.text = text;
    d.size = IovcLanguageService.utf8Length(text);
    return d;
  }

  static Document doc(String text) {
    return doc(URI, text);
  }

  /** {@code text} with one {@code |} marking the caret. */
  static At at(String uri, String textWithCaret, Positions.Encoding enc) {
    int i = textWithCaret.indexOf('|');
    if (i < 0) throw new IllegalArgumentException("no | caret in the text");
    String text = textWithCaret.substring(0, i) + textWithCaret.substring(i + 1);
    int offset = textWithCaret.substring(0, i).getBytes(StandardCharsets.UTF_8).length;
    Positions pos = new Positions(SourceText.of(uri, text), enc);
    return new At(doc(uri, text), pos.position(offset), offset);
  }

  static At at(String textWithCaret) {
    return at(URI, textWithCaret, Positions.Encoding.UTF16);
  }

  /** The text with edits applied (LSP ranges, UTF-16). */
  static String apply(String text, List<? extends TextEdit> edits) {
    List<TextEdit> sorted = new ArrayList<>(edits);
    sorted.sort(
        Comparator.comparing((TextEdit e) -> e.getRange().getStart().getLine())
            .thenComparing(e -> e.getRange().getStart().getCharacter())
            .reversed());
    String out = text;
    for (TextEdit e : sorted) {
      int s = index(out, e.getRange().getStart());
      int end = index(out, e.getRange().getEnd());
      out = out.substring(0, s) + e.getNewText() + out.substring(end);
    }
    return out;
  }

  /** UTF-16 index of an LSP position (UTF-16 columns). */
  static int index(String text, Position p) {
    int line = 0;
    int i = 0;
    while (line < p.getLine() && i < text.length()) {
      if (text.charAt(i++) == '\n') line++;
    }
    return Math.min(i + p.getCharacter(), text.length());
  }

  static String range(Range r) {
    return (r.getStart().getLine() + 1)
        + ":"
        + r.getStart().getCharacter()
        + "-"
        + (r.getEnd().getLine() + 1)
        + ":"
        + r.getEnd().getCharacter();
  }

  /** The text with a ‸ at the caret, for golden documents. */
  static String withCaret(At at) {
    byte[] b = at.doc().text.getBytes(StandardCharsets.UTF_8);
    return new String(b, 0, at.offset(), StandardCharsets.UTF_8)
        + "‸"
        + new String(b, at.offset(), b.length - at.offset(), StandardCharsets.UTF_8);
  }
}
