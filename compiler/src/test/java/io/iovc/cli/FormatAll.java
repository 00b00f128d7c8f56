package io.iovc.cli;

import io.iovc.diag.CodeBook;
import io.iovc.diag.Diagnostic;
import io.iovc.source.SourceText;
import java.util.List;

/** Test access to every output format, for tests outside this package. */
public final class FormatAll {
  private FormatAll() {}

  /**
   * Human (with and without colour), gcc, json, sarif, github and checkstyle output for one file.
   */
  public static List<String> render(SourceText src, List<Diagnostic> diags) {
    StringBuilder human = new StringBuilder();
    HumanRenderer plain = new HumanRenderer(false);
    HumanRenderer color = new HumanRenderer(true);
    for (Diagnostic d : diags) human.append(plain.render(src, d)).append(color.render(src, d));
    List<MachineFormats.FileResult> fr = List.of(new MachineFormats.FileResult(src, diags));
    return List.of(
        human.toString(),
        MachineFormats.gcc(fr),
        MachineFormats.json(fr),
        MachineFormats.sarif(fr, "test", CodeBook.CORE),
        MachineFormats.github(fr),
        MachineFormats.checkstyle(fr));
  }

  /** The JSON and SARIF documents only. */
  public static List<String> json(SourceText src, List<Diagnostic> diags) {
    List<MachineFormats.FileResult> fr = List.of(new MachineFormats.FileResult(src, diags));
    return List.of(MachineFormats.json(fr), MachineFormats.sarif(fr, "test", CodeBook.CORE));
  }
}
