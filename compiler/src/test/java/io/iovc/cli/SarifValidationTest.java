package io.iovc.cli;

import static io.iovc.cli.CliTest.iovc;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.iovc.testing.SarifMultitool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every kind of SARIF document the command-line tests produce ({@code CliTest.sarifFormat}, {@code
 * FirstContactTest}: errors and warnings, a machine-applicable fix, a file nobody can read, a file
 * with no schema, a clean file; relative, {@code ../}, absolute and non-ASCII names, a directory)
 * passes Microsoft's SARIF validator with its default and GitHub rule sets, in one run of it (its
 * .NET start-up costs seconds). Skipped, with the reason, where the validator is not installed; CI
 * installs it and requires it (see {@link SarifMultitool}).
 */
class SarifValidationTest {
  @Test
  void everySarifDocumentPassesMicrosoftsValidator() throws Exception {
    SarifMultitool.require();
    // relative names need a directory below the working directory (the module, in Maven)
    Path work = Files.createDirectories(Path.of("target", "sarif-validation").toAbsolutePath());
    Path files = Files.createDirectories(work.resolve("ä dir"));
    Path schema = write(files.resolve("ixl.txt"), CliTest.IXL_S);
    Path bad =
        write(
            files.resolve("bad.conf"),
            "PF { device = \"ixl0\"; num_vfs = 2; }\nVF-0 { bogus = 1 }\n");
    Path warn =
        write(
            files.resolve("wärn ü.conf"),
            "PF { device = \"ixl0\"; num_vfs = 2; }\nVF-0 { num-queues = 2.5; // x\n}\n");
    Path clean = write(files.resolve("clean.conf"), "PF { device = \"ixl0\"; num_vfs = 2; }\n");
    Path pasted = write(files.resolve("article.conf"), FirstContactTest.ARTICLE_PASTED);
    Path cwd = Path.of("").toAbsolutePath();
    String s = schema.toString();

    Map<String, String> docs = new LinkedHashMap<>();
    List<String[]> runs = new ArrayList<>();
    runs.add(
        new String[] {
          "relative", s, cwd.relativize(bad).toString(), cwd.relativize(warn).toString()
        });
    runs.add(new String[] {"dot-dot", s, "../" + cwd.getFileName() + "/" + cwd.relativize(bad)});
    runs.add(new String[] {"absolute", s, bad.toString(), warn.toString()});
    runs.add(new String[] {"directory", s, files.toString()});
    runs.add(new String[] {"clean", s, clean.toString()});
    runs.add(new String[] {"unreadable", s, files.resolve("missing.conf").toString()});
    runs.add(new String[] {"no-schema", null, pasted.toString()});
    for (String[] r : runs) {
      List<String> args = new ArrayList<>(List.of("check", "--format", "sarif", "--no-config"));
      if (r[1] != null) args.addAll(List.of("--schema", r[1]));
      args.addAll(java.util.Arrays.asList(r).subList(2, r.length));
      CliTest.Res res = iovc(args.toArray(String[]::new));
      assertEquals(true, res.out().startsWith("{"), r[0] + ": " + res.out() + res.err());
      docs.put(r[0], res.out());
    }
    assertEquals(List.of(), SarifMultitool.problems(work, docs));
  }

  /** The validator finds what it is here for: the bare absolute path of the issue. */
  @Test
  void theValidatorRejectsABareAbsolutePath() throws Exception {
    SarifMultitool.require();
    Path work = Files.createDirectories(Path.of("target", "sarif-validation-bad").toAbsolutePath());
    Path schema = write(work.resolve("ixl.txt"), CliTest.IXL_S);
    Path bad =
        write(
            work.resolve("bad.conf"),
            "PF { device = \"ixl0\"; num_vfs = 2; }\nVF-0 { bogus = 1 }\n");
    String sarif =
        iovc(
                "check",
                "--format",
                "sarif",
                "--no-config",
                "--schema",
                schema.toString(),
                bad.toString())
            .out();
    String broken = sarif.replace(bad.toUri().toString(), bad.toString());
    List<String> found = SarifMultitool.problems(work, Map.of("bare", broken));
    assertEquals(true, found.stream().anyMatch(f -> f.contains("SARIF1004")), found.toString());
  }

  private static Path write(Path p, String text) throws Exception {
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }
}
