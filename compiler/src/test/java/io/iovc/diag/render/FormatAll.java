package io.iovc.diag.render;

import io.iovc.diag.CodeBook;
import io.iovc.diag.Diagnostic;
import io.iovc.source.SourceText;
import java.util.List;

/** Every output format of one file, for tests that feed the renderers odd diagnostics. */
public final class FormatAll {
  private static final Sarif.Tool TOOL =
      new Sarif.Tool("iovc", "test", "https://iovc.invalid", CodeBook.CORE::explain);

  private FormatAll() {}

  /**
   * Human (with and without colour), gcc, json, sarif, github and checkstyle output for one file.
   */
  public static List<String> render(SourceText src, List<Diagnostic> diags) {
    StringBuilder human = new StringBuilder();
    HumanRenderer plain = new HumanRenderer(false);
    HumanRenderer color = new HumanRenderer(true);
    for (Diagnostic d : diags) human.append(plain.render(src, d)).append(color.render(src, d));
    List<FileResult> fr = List.of(new FileResult(src, diags));
    return List.of(
        human.toString(),
        MachineFormats.gcc(fr),
        MachineFormats.json(fr),
        Sarif.render(fr, TOOL),
        MachineFormats.github(fr),
        MachineFormats.checkstyle(fr));
  }

  /** The JSON and SARIF documents only. */
  public static List<String> json(SourceText src, List<Diagnostic> diags) {
    List<FileResult> fr = List.of(new FileResult(src, diags));
    return List.of(MachineFormats.json(fr), Sarif.render(fr, TOOL));
  }
}
