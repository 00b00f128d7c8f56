package io.iovc;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.LocationProvider;
import com.tngtech.archunit.lang.ArchRule;
import io.iovc.check.Checker;
import io.iovc.plugin.DriverPlugin;
import java.net.URISyntaxException;
import java.util.Set;

/**
 * The layering of design.md as it holds in the compiler's main code, so a wrong import fails the
 * build. From the bottom: {@code source} (bytes and spans), {@code diag} (the Diagnostic type and
 * its renderers), {@code syntax}, {@code check}, {@code lower}, {@code pipeline} (the front door);
 * above them {@code apply} (operations as records: it analyses the file, lowers it to what a device
 * takes and hands that to {@code kernel}), and the front end {@code cli}. {@code kernel} is a leaf
 * beside the stages: design.md draws it as "a leaf: device and host operations only … imports no
 * stage above" and says it "knows nothing of files, schemas' origin or diagnostics' wording"; issue
 * 10 spells the target out as "kernel is a leaf over the JDK and jnr-ffi". So not even the data
 * types of {@code source} (spans), {@code diag}, {@code schema} or {@code nvlist} are allowed
 * there: the backends take records of their own ({@code kernel.linux.Target}, packed bytes) and
 * answer with records ({@code kernel.DeviceResult} and its {@code Outcome}). The plugin API (its
 * own module) sees the JDK only.
 */
@AnalyzeClasses(
    locations = ArchitectureTest.CompilerAndPluginApi.class,
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  /** The compiler's classes and the plugin API's, and nothing else from the class path. */
  static final class CompilerAndPluginApi implements LocationProvider {
    @Override
    public Set<Location> get(Class<?> testClass) {
      return Set.of(codeSource(Checker.class), codeSource(DriverPlugin.class));
    }

    private static Location codeSource(Class<?> c) {
      try {
        return Location.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
      } catch (URISyntaxException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static final String JDK = "java..";

  @ArchTest
  static final ArchRule sourceIsALeaf =
      classes()
          .that()
          .resideInAPackage("io.iovc.source..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("io.iovc.source..", JDK);

  @ArchTest
  static final ArchRule diagnosticsAndRenderersSeeOnlySource =
      classes()
          .that()
          .resideInAPackage("io.iovc.diag..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("io.iovc.diag..", "io.iovc.source..", JDK);

  @ArchTest
  static final ArchRule syntaxImportsNothingAboveIt =
      classes()
          .that()
          .resideInAPackage("io.iovc.syntax..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "io.iovc.syntax..",
              "io.iovc.diag..",
              "io.iovc.source..",
              "org.antlr.v4.runtime..",
              JDK);

  @ArchTest
  static final ArchRule nvlistIsALeaf =
      classes()
          .that()
          .resideInAPackage("io.iovc.nvlist..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("io.iovc.nvlist..", JDK);

  @ArchTest
  static final ArchRule pluginApiSeesOnlyTheJdk =
      classes()
          .that()
          .resideInAPackage("io.iovc.plugin..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("io.iovc.plugin..", JDK);

  @ArchTest
  static final ArchRule schemasKnowNoFileSyntaxOrStage =
      noClasses()
          .that()
          .resideInAPackage("io.iovc.schema..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.iovc.syntax..",
              "io.iovc.check..",
              "io.iovc.lower..",
              "io.iovc.pipeline..",
              "io.iovc.format..",
              "io.iovc.kernel..",
              "io.iovc.apply..",
              "io.iovc.cli..");

  @ArchTest
  static final ArchRule checkNeverImportsALaterStage =
      noClasses()
          .that()
          .resideInAPackage("io.iovc.check..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.iovc.lower..",
              "io.iovc.pipeline..",
              "io.iovc.format..",
              "io.iovc.kernel..",
              "io.iovc.cli..",
              "io.iovc.lsp..");

  @ArchTest
  static final ArchRule lowerNeverImportsALaterStage =
      noClasses()
          .that()
          .resideInAPackage("io.iovc.lower..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.iovc.pipeline..",
              "io.iovc.format..",
              "io.iovc.kernel..",
              "io.iovc.cli..",
              "io.iovc.lsp..");

  @ArchTest
  static final ArchRule pipelineKnowsNoKernelNorFrontEnd =
      noClasses()
          .that()
          .resideInAPackage("io.iovc.pipeline..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.iovc.kernel..", "io.iovc.apply..", "io.iovc.cli..", "io.iovc.lsp..");

  @ArchTest
  static final ArchRule formatterSeesOnlySyntax =
      noClasses()
          .that()
          .resideInAPackage("io.iovc.format..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.iovc.check..",
              "io.iovc.lower..",
              "io.iovc.pipeline..",
              "io.iovc.kernel..",
              "io.iovc.cli..",
              "io.iovc.lsp..");

  /**
   * The kernel layer is a leaf: device and host operations over the JDK and jnr-ffi (design.md,
   * "The pipeline and the layers"). On the code before the {@code apply/} layer this failed with,
   * among 260 violations, {@code Method <io.iovc.kernel.linux.LinuxBackend.prepare(...)> calls
   * method <io.iovc.pipeline.Pipeline.analyze(...)>} and {@code Class <io.iovc.kernel.ApplyResult>
   * ... depends on io.iovc.diag.Diagnostic}.
   */
  @ArchTest
  static final ArchRule kernelIsALeaf =
      classes()
          .that()
          .resideInAPackage("io.iovc.kernel..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("io.iovc.kernel..", "jnr.ffi..", "com.google.gson..", JDK);

  /** Operations sit between the front door and the front ends: they never reach a front end. */
  @ArchTest
  static final ArchRule applyKnowsNoFrontEnd =
      noClasses()
          .that()
          .resideInAPackage("io.iovc.apply..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.iovc.cli..", "io.iovc.lsp..");

  @ArchTest
  static final ArchRule kernelKnowsNoFrontEnd =
      noClasses()
          .that()
          .resideInAPackage("io.iovc.kernel..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.iovc.cli..", "io.iovc.lsp..");

  /** One front door: only the pipeline runs the checker ({@code Pipeline.analyze}). */
  @ArchTest
  static final ArchRule onlyThePipelineRunsTheChecker =
      noClasses()
          .that()
          .resideOutsideOfPackages("io.iovc.check..", "io.iovc.pipeline..")
          .should()
          .dependOnClassesThat()
          .areAssignableTo(Checker.class);

  @ArchTest
  static final ArchRule packagesAreFreeOfCycles =
      slices().matching("io.iovc.(*)..").should().beFreeOfCycles();
}
