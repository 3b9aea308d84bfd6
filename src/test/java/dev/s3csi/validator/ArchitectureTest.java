package dev.s3csi.validator;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package structure of src/main/java (docs/development.md draws it): no package depends on
 * itself through others, and the directions the design rests on hold. A rule that breaks names the
 * classes and the dependency; the fix is a move, not an exception here.
 */
@AnalyzeClasses(
    packages = "dev.s3csi.validator",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  static final String ROOT = "dev.s3csi.validator";

  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching(ROOT + ".(**)").should().beFreeOfCycles();

  /** The CR model is what everything else builds on; it knows nothing of the operator. */
  @ArchTest
  static final ArchRule apiDependsOnNoOtherPackage =
      classes()
          .that()
          .resideInAPackage(ROOT + ".api..")
          .should()
          .onlyDependOnClassesThat(oursOnly("api"));

  /** What a spec means (defaults, types, checks) needs the CR model only. */
  @ArchTest
  static final ArchRule specDependsOnTheApiOnly =
      classes()
          .that()
          .resideInAPackage(ROOT + ".spec..")
          .should()
          .onlyDependOnClassesThat(oursOnly("spec", "api"));

  /** The engine runs any scenario; it never knows which ones exist, nor who calls it. */
  @ArchTest
  static final ArchRule engineNeverDependsOnTheCatalogueOrTheOperator =
      noClasses()
          .that()
          .resideInAPackage(ROOT + ".engine..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              ROOT + ".scenario..", ROOT + ".reconciler..", ROOT + ".lifecycle..", ROOT + ".cli..");

  /** Steps are building blocks: the scenario definitions use them, never the reverse. */
  @ArchTest
  static final ArchRule stepsNeverDependOnTheScenarioDefinitions =
      noClasses()
          .that()
          .resideInAPackage(ROOT + ".scenario.steps")
          .should()
          .dependOnClassesThat()
          .resideInAPackage(ROOT + ".scenario");

  /** S3 access knows buckets and objects, not scenarios, Kubernetes objects or the operator. */
  @ArchTest
  static final ArchRule s3DependsOnSpecAndProbeOnly =
      classes()
          .that()
          .resideInAPackage(ROOT + ".s3..")
          .should()
          .onlyDependOnClassesThat(oursOnly("s3", "spec", "api", "probe"));

  /**
   * The run lifecycle (queue, cleaner, TTL, sweeps) is used by the JOSDK glue, never the reverse.
   */
  @ArchTest
  static final ArchRule lifecycleNeverDependsOnTheReconciler =
      noClasses()
          .that()
          .resideInAPackage(ROOT + ".lifecycle..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(ROOT + ".reconciler..", ROOT + ".cli..");

  /** The probe runs in its own pod from the same jar: it must not drag the operator in. */
  @ArchTest
  static final ArchRule probeDependsOnNoOtherPackage =
      classes()
          .that()
          .resideInAPackage(ROOT + ".probe..")
          .should()
          .onlyDependOnClassesThat(oursOnly("probe"));

  /**
   * Classes of libraries and the JDK, and of the given packages of ours (with their subpackages).
   */
  static DescribedPredicate<JavaClass> oursOnly(String... packages) {
    String[] patterns =
        java.util.Arrays.stream(packages).map(p -> ROOT + "." + p + "..").toArray(String[]::new);
    return resideOutsideOfPackage(ROOT + "..").or(resideInAnyPackage(patterns));
  }
}
