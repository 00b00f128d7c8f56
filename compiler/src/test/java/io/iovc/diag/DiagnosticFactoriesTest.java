package io.iovc.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every diagnostic's words are in one place per code (issue 10): the check and syntax stages build
 * diagnostics only through factories whose Javadoc starts with the code, one per code, and each
 * rule's Javadoc names the codes it emits. See {@link FactoryConvention} for the exact rules.
 */
class DiagnosticFactoriesTest {
  private static final Path MAIN = Path.of("src/main/java");
  private static final List<String> STAGES = List.of("io/iovc/check", "io/iovc/syntax");

  @Test
  void everyCodeTheStagesEmitHasExactlyOneFactory() {
    FactoryConvention c = FactoryConvention.check(MAIN, STAGES);
    assertEquals(List.of(), c.problems);
    // Not vacuous: the stages emit codes of every group, syntax to meta.
    for (String code : List.of("IOV001", "IOV002", "IOV007", "IOV101", "IOV106", "IOV153"))
      assertTrue(c.emitted.contains(code), code + " in " + c.emitted);
    for (String code : List.of("IOV201", "IOV213", "IOV228", "IOV301", "IOV310", "IOV313"))
      assertTrue(c.emitted.contains(code), code + " in " + c.emitted);
    assertTrue(c.emitted.size() >= 50, "emitted: " + c.emitted);
  }

  @Test
  void aMissingOrDuplicatedFactoryIsFound(@TempDir Path root) throws IOException {
    Path check = root.resolve("io/iovc/check");
    Files.createDirectories(check);
    write(
        check.resolve("ThingDiagnostics.java"),
        """
        package io.iovc.check;
        final class ThingDiagnostics {
          /** IOV301: no PF device. */
          static Diagnostic noDevice(Span at) {
            return Diagnostic.of(Codes.NO_DEVICE, at, "no device").build();
          }
          /** IOV301: the same code again. */
          static Diagnostic noDeviceAgain(Span at) {
            return Diagnostic.of(Codes.NO_DEVICE, at, "still no device").build();
          }
          /** IOV303: says one code, builds another. */
          static Diagnostic wrong(Span at) {
            return Diagnostic.of(Codes.NO_SCHEMA, at, "x").build();
          }
          static Diagnostic unnamed(Span at) {
            return Diagnostic.of(Codes.DEFAULT_AFTER_VF, at, "no factory").build();
          }
        }
        """);
    write(
        check.resolve("Rule.java"),
        """
        package io.iovc.check;
        final class Rule {
          /** Finds the device. Emits nothing, says this comment. */
          static void find(CheckRun r) {
            r.add(ThingDiagnostics.noDevice(null));
          }
          /** Emits IOV310. */
          static void direct(CheckRun r) {
            r.add(Diagnostic.of(Codes.TOP_LEVEL_ARRAY, null, "words in a rule").build());
            r.fix(Fix.safe("a fix in a rule"));
          }
        }
        """);
    List<String> problems = FactoryConvention.check(root, STAGES).problems;
    String all = String.join("\n", problems);
    assertTrue(all.contains("IOV301 has 2 factories"), all);
    assertTrue(all.contains("IOV005 is used in the factory of IOV303"), all);
    assertTrue(all.contains("the factory of IOV303 does not build a IOV303"), all);
    assertTrue(all.contains("IOV304 is used outside a factory"), all);
    assertTrue(all.contains("find calls the factory of IOV301 but its Javadoc does not name"), all);
    assertTrue(all.contains("Rule.java:9: Diagnostic.of outside a …Diagnostics class"), all);
    assertTrue(all.contains("Fix.safe outside a …Diagnostics class"), all);
    assertTrue(all.contains("IOV304 is emitted but has no factory"), all);
    assertTrue(all.contains("IOV005 is emitted but has no factory"), all);
    assertEquals(9, problems.size(), all);
  }

  @Test
  void theRealTreeFailsWhenAFactoryLosesItsCode(@TempDir Path root) throws IOException {
    // Copy the stages, strip the code from one factory's Javadoc: the check must notice.
    for (String stage : STAGES) {
      Path from = MAIN.resolve(stage);
      Path to = root.resolve(stage);
      Files.createDirectories(to);
      try (var files = Files.list(from)) {
        for (Path f : files.toList()) Files.copy(f, to.resolve(f.getFileName()));
      }
    }
    Path lints = root.resolve("io/iovc/check/LintDiagnostics.java");
    String text = Files.readString(lints);
    assertTrue(text.contains("/** IOV226: "), "the factory this test edits");
    write(lints, text.replace("/** IOV226: ", "/** "));
    String all = String.join("\n", FactoryConvention.check(root, STAGES).problems);
    assertTrue(all.contains("IOV226 is used outside a factory"), all);
    assertTrue(all.contains("IOV226 is emitted but has no factory"), all);
  }

  private static void write(Path p, String text) throws IOException {
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }
}
