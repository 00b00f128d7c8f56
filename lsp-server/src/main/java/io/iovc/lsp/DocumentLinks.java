package io.iovc.lsp;

import io.iovc.check.ConfigTree;
import io.iovc.diag.CodeBook;
import io.iovc.syntax.UclParser;
import io.iovc.syntax.UclToken;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.DocumentLink;

/**
 * Document links: {@code PF.device} to the FreeBSD manual page of the driver whose plugin serves it
 * ({@code ixl0} → ixl(4), mlx5_core0 → mlx5en(4)), and each diagnostic code a {@code # iovc
 * disable=…} comment names to its explanation (the same link as the diagnostic's code: {@code iovc
 * explain CODE}).
 */
final class DocumentLinks {
  /** The suppression comments {@code Suppressions} reads. */
  private static final Pattern DIRECTIVE =
      Pattern.compile(
          "(?:#|/\\*)\\s*iovc\\s+(?:disable|disable-next-line|disable-file)\\s*=\\s*([A-Za-z0-9_]+(?:\\s*,\\s*[A-Za-z0-9_]+)*)");

  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_]+");

  static final String MAN = "https://man.freebsd.org/cgi/man.cgi?query=%s&sektion=4";

  private DocumentLinks() {}

  static List<DocumentLink> links(Analysis a, CodeBook codes, Explanations explanations) {
    List<DocumentLink> out = new ArrayList<>();
    if (a.tooLarge) return out;
    ConfigTree.DeviceRef device = ConfigTree.findDeviceRef(a.tree);
    // the plugin names its FreeBSD manual page; netdevsim (Linux's) and vnic have none
    String name =
        a.schema != null && a.schema.plugin() != null ? a.schema.plugin().manualPage() : null;
    if (device != null && name != null && a.schemaHow.startsWith("PF.device")) {
      DocumentLink l = new DocumentLink(a.pos.range(device.span()), String.format(MAN, name));
      l.setTooltip(name + "(4): the FreeBSD manual page of the driver");
      out.add(l);
    }
    for (UclToken t : a.tree.tokens()) {
      if (t.getType() != UclParser.COMMENT) continue;
      String text = t.getText();
      Matcher m = DIRECTIVE.matcher(text);
      if (!m.find()) continue;
      int base =
          t.span().start() + text.substring(0, m.start(1)).getBytes(StandardCharsets.UTF_8).length;
      Matcher c = CODE.matcher(m.group(1));
      while (c.find()) {
        String code = c.group().toUpperCase(java.util.Locale.ROOT);
        if (codes.lookup(code) == null) continue; // an unknown code gets a diagnostic instead
        DocumentLink l =
            new DocumentLink(
                a.pos.range(new io.iovc.source.Span(base + c.start(), base + c.end())),
                explanations.href(code));
        l.setTooltip("iovc explain " + code);
        out.add(l);
      }
    }
    return out;
  }
}
