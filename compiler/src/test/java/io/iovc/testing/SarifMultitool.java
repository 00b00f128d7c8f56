package io.iovc.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Microsoft's SARIF validator ({@code @microsoft/sarif-multitool} on npm, the tool behind
 * sarifweb's validator) run over SARIF documents: its default rules ({@code Sarif}) and GitHub code
 * scanning's ({@code Ghas}). It is not a Maven artifact (a .NET program shipped through npm), so it
 * is looked for where {@code .ci/run} installs it: {@code $IOVC_SARIF_MULTITOOL}, else {@code
 * ~/.cache/iovc-sarif/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool} (npm's {@code
 * bin} wrapper is not used: it passes the arguments through a shell, which splits {@code
 * Sarif;Ghas}). Without it a test is skipped with the command that installs it, unless {@code
 * IOVC_REQUIRE_SARIF_VALIDATOR=1} (CI sets it), which makes its absence a failure.
 */
public final class SarifMultitool {
  private SarifMultitool() {}

  /** The command that installs the validator where {@link #tool} looks. */
  public static final String INSTALL =
      "mkdir -p ~/.cache/iovc-sarif && cd ~/.cache/iovc-sarif && npm install --no-audit --no-fund"
          + " --no-package-lock @microsoft/sarif-multitool@5.7.0";

  /** The validator's executable, or null when it is not installed. */
  public static Path tool() {
    String env = System.getenv("IOVC_SARIF_MULTITOOL");
    Path p =
        env != null && !env.isBlank()
            ? Path.of(env)
            : Path.of(
                System.getProperty("user.home"),
                ".cache/iovc-sarif/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool");
    return Files.isExecutable(p) ? p : null;
  }

  /** Skips the calling test (or fails it, in CI) when the validator is absent. */
  public static Path require() {
    Path t = tool();
    if (t == null) {
      String why =
          "Microsoft's SARIF validator (@microsoft/sarif-multitool) is not installed; install it with: "
              + INSTALL;
      if ("1".equals(System.getenv("IOVC_REQUIRE_SARIF_VALIDATOR"))) fail(why);
      Assumptions.abort(why);
    }
    return t;
  }

  /**
   * Validates every document (name → SARIF text) in one run of the validator, with its default and
   * GitHub rule sets, and returns its findings as {@code name: RULE level: message}; empty when all
   * are valid.
   */
  public static List<String> problems(Path work, Map<String, String> documents)
      throws IOException, InterruptedException {
    Path tool = require();
    Path in = Files.createDirectories(work.resolve("sarif-in"));
    List<String> cmd = new ArrayList<>(List.of(tool.toString(), "validate"));
    for (Map.Entry<String, String> e : documents.entrySet()) {
      Path f = in.resolve(e.getKey() + ".sarif");
      Files.writeString(f, e.getValue(), StandardCharsets.UTF_8);
      cmd.add(f.toString());
    }
    Path out = work.resolve("validation.sarif");
    cmd.addAll(
        List.of(
            "--output", out.toString(), "--log", "ForceOverwrite", "--rule-kind", "Sarif;Ghas"));
    Path log = work.resolve("validator.log");
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("the SARIF validator took more than 300 s: " + String.join(" ", cmd));
    }
    if (p.exitValue() != 0 || !Files.exists(out))
      fail("the SARIF validator failed (exit " + p.exitValue() + "): " + Files.readString(log));
    Object root = StrictJson.parse(Files.readString(out, StandardCharsets.UTF_8));
    List<String> found = new ArrayList<>();
    Object results = ((Map<?, ?>) StrictJson.at(root, "runs", 0)).get("results");
    if (results == null) return found;
    for (Object r : (List<?>) results) {
      Map<?, ?> m = (Map<?, ?>) r;
      Object uri = null;
      try {
        uri = StrictJson.at(r, "locations", 0, "physicalLocation", "artifactLocation", "uri");
      } catch (RuntimeException | AssertionError noLocation) {
        uri = "?";
      }
      found.add(
          uri
              + ": "
              + m.get("ruleId")
              + " "
              + m.get("level")
              + ": "
              + ((Map<?, ?>) m.get("message")).get("arguments"));
    }
    return found;
  }
}
