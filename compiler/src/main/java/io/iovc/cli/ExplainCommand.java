package io.iovc.cli;

import io.iovc.diag.Code;
import io.iovc.diag.CodeBook;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code iovc explain CODE}: the long explanation of a diagnostic; without a code, the list. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = "Explain a diagnostic code (e.g. IOV201); without one, list them all.")
final class ExplainCommand implements Callable<Integer> {
  @Parameters(paramLabel = "CODE", arity = "0..1")
  String code;

  @Mixin SchemaOptions schema;

  @Override
  public Integer call() throws UserError {
    CodeBook codes = schema.registry().codes();
    if (code == null) {
      List<Code> all = new ArrayList<>(codes.all());
      all.sort((a, b) -> a.id().compareTo(b.id()));
      for (Code c : all)
        Output.out.printf("%-9s %-8s %s%n", c.id(), c.severity().label(), c.title());
      Output.flush();
      return 0;
    }
    Code c = codes.lookup(code.toUpperCase(Locale.ROOT));
    String text = c == null ? null : codes.explain(c.id());
    if (c == null)
      throw new UserError(2, "no diagnostic code " + code + "; `iovc explain` lists them");
    Output.out.println(c.id() + " (" + c.severity().label() + "): " + c.title());
    Output.out.println();
    Output.out.print(text == null ? "No explanation written yet.\n" : text);
    Output.flush();
    return 0;
  }
}
