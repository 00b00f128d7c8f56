package io.iovc.lsp;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.LocationProvider;
import com.tngtech.archunit.lang.ArchRule;
import java.net.URISyntaxException;
import java.util.Set;

/**
 * The language server holds no rules (design.md): it reads files through {@code Pipeline.analyze},
 * so of the checker it sees only the results (the accepted configuration and its sections,
 * parameters and values) and the tree queries front ends share ({@code ConfigTree}), never the
 * checker or a rule. It knows nothing of the command line or the kernel backends.
 */
@AnalyzeClasses(
    locations = LayeringTest.ServerClasses.class,
    importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {
  /** The server's own classes (not the whole class path: that takes half a minute to scan). */
  static final class ServerClasses implements LocationProvider {
    @Override
    public Set<Location> get(Class<?> testClass) {
      try {
        return Set.of(
            Location.of(
                Analysis.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
      } catch (URISyntaxException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @ArchTest
  static final ArchRule seesOnlyTheCheckersResults =
      noClasses()
          .that()
          .resideInAPackage("io.iovc.lsp..")
          .should()
          .dependOnClassesThat(
              resideInAPackage("io.iovc.check..")
                  .and(
                      not(
                          nameMatching(
                              "io\\.iovc\\.check\\.(CheckResult|CheckedConfig|ConfigSection|ConfigParam"
                                  + "|TypedValue|EffectiveValues|ConfigTree)(\\$.*)?")))
                  .as("check classes other than its results and ConfigTree"));

  @ArchTest
  static final ArchRule knowsNoCommandLineNorKernel =
      noClasses()
          .that()
          .resideInAPackage("io.iovc.lsp..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.iovc.cli..", "io.iovc.kernel..");
}
