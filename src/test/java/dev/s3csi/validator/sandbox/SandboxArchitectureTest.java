package dev.s3csi.validator.sandbox;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/**
 * The simulated world is written from the driver's contract, never from the validator's reading of
 * it: a misreading shared by both sides would pass both. So it knows the CR model (the CRD it
 * serves) and the in-pod probe program (what a probe pod runs), and nothing else of the validator;
 * the harness that starts the operator against it lives in {@code harness}.
 */
@AnalyzeClasses(packages = "dev.s3csi.validator.sandbox")
class SandboxArchitectureTest {
  private static final String ROOT = "dev.s3csi.validator";

  @ArchTest
  static final ArchRule theSandboxKnowsOnlyTheApiAndTheProbe =
      classes()
          .that()
          .resideInAPackage(ROOT + ".sandbox..")
          .should()
          .onlyDependOnClassesThat(
              resideOutsideOfPackage(ROOT + "..")
                  .or(resideInAnyPackage(ROOT + ".sandbox..", ROOT + ".api..", ROOT + ".probe..")));
}
