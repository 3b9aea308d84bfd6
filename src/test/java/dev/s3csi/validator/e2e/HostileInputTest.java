package dev.s3csi.validator.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.harness.DemoHarness;
import dev.s3csi.validator.harness.RunDocuments;
import dev.s3csi.validator.harness.Sandbox;
import dev.s3csi.validator.sandbox.SandboxOptions;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;

import static dev.s3csi.validator.harness.RunDocuments.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bad input at the door: every CR below is refused by admission (the generated CRD's schema and CEL
 * rules, as the sandbox's API server applies them), with a message that names the field and the
 * rule it broke, and nothing is stored.
 */
class HostileInputTest {
  static Sandbox sandbox;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults());
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  static Arguments refused(
      String description, String field, String rule, Consumer<Map<String, Object>> breakIt) {
    return Arguments.of(description, field, rule, breakIt);
  }

  static Stream<Arguments> invalidRuns() {
    return Stream.of(
        refused("no spec", "spec", "has(self.spec)", r -> r.remove("spec")),
        refused("spec is a string", "spec", "must be of type object", r -> r.put("spec", "all")),
        refused("no s3", "spec.s3", "Required value", r -> at(r, "spec").remove("s3")),
        refused(
            "no endpoint",
            "spec.s3.endpoint",
            "Required value",
            r -> at(r, "spec", "s3").remove("endpoint")),
        refused(
            "no credentials",
            "spec.s3.credentialsSecretRef",
            "Required value",
            r -> at(r, "spec", "s3").remove("credentialsSecretRef")),
        refused(
            "Secret without a name",
            "spec.s3.credentialsSecretRef.name",
            "Required value",
            r -> at(r, "spec", "s3", "credentialsSecretRef").remove("name")),
        refused(
            "ftp endpoint",
            "spec.s3.endpoint",
            "should match '^https?://",
            r -> at(r, "spec", "s3").put("endpoint", "ftp://s3.local")),
        refused(
            "endpoint of 3000 bytes",
            "spec.s3.endpoint",
            "may not be more than 2048",
            r -> at(r, "spec", "s3").put("endpoint", "http://s3.local/" + "a".repeat(3000))),
        refused(
            "Secret name not a DNS name",
            "spec.s3.credentialsSecretRef.name",
            "should match '^[a-z0-9]",
            r -> at(r, "spec", "s3", "credentialsSecretRef").put("name", "S3_Keys")),
        refused(
            "Secret namespace not a DNS label",
            "spec.s3.credentialsSecretRef.namespace",
            "should match '^[a-z0-9]",
            r -> at(r, "spec", "s3", "credentialsSecretRef").put("namespace", "team.storage")),
        refused(
            "region with spaces",
            "spec.s3.region",
            "should match",
            r -> at(r, "spec", "s3").put("region", "US East 1")),
        refused(
            "pathStyle as text",
            "spec.s3.pathStyle",
            "must be of type boolean",
            r -> at(r, "spec", "s3").put("pathStyle", "yes")),
        refused(
            "provisioner in capitals",
            "spec.provisioner",
            "should match",
            r -> at(r, "spec").put("provisioner", "S3.CSI.Scality.com")),
        refused(
            "unknown scenario",
            "spec.scenarios[0]",
            "supported values: \"concurrentVolumes\", \"dedicatedBucket\", \"deleteReclaim\"",
            r -> at(r, "spec").put("scenarios", List.of("everything"))),
        refused(
            "scenario twice",
            "spec.scenarios",
            "self.all(s, self.exists_one(t, t == s))",
            r -> at(r, "spec").put("scenarios", List.of("dedicatedBucket", "dedicatedBucket"))),
        refused(
            "keepResources Sometimes",
            "spec.keepResources",
            "supported values: \"Always\", \"Never\", \"OnFailure\"",
            r -> at(r, "spec").put("keepResources", "Sometimes")),
        refused(
            "negative TTL",
            "spec.ttlSecondsAfterFinished",
            "greater than or equal to 0",
            r -> at(r, "spec").put("ttlSecondsAfterFinished", -1)),
        refused(
            "TTL beyond 32 bits",
            "spec.ttlSecondsAfterFinished",
            "less than or equal to 2147483647",
            r -> at(r, "spec").put("ttlSecondsAfterFinished", 3_000_000_000L)),
        refused(
            "duration in words",
            "spec.timeouts.bind",
            "should match '^[1-9][0-9]{0,5}(ms|s|m|h)$'",
            r -> at(r, "spec", "timeouts").put("bind", "2 minutes")),
        refused(
            "zero duration",
            "spec.timeouts.deletion",
            "should match '^[1-9]",
            r -> at(r, "spec", "timeouts").put("deletion", "0s")),
        refused(
            "duration as a number",
            "spec.timeouts.podReady",
            "must be of type string",
            r -> at(r, "spec", "timeouts").put("podReady", 180)),
        refused(
            "step longer than the run",
            "spec.timeouts.bind",
            "duration(self.bind) <= duration(self.run)",
            r -> at(r, "spec", "timeouts").put("bind", "20m")),
        refused(
            "root probe",
            "spec.probe.runAsUser",
            "greater than or equal to 1",
            r -> at(r, "spec", "probe").put("runAsUser", 0)),
        refused(
            "no probe files",
            "spec.probe.fileSizes",
            "should have at least 1 items",
            r -> at(r, "spec", "probe").put("fileSizes", List.of())),
        refused(
            "negative file size",
            "spec.probe.fileSizes[1]",
            "greater than or equal to 0",
            r -> at(r, "spec", "probe").put("fileSizes", List.of(1, -5))),
        refused(
            "2 GiB file",
            "spec.probe.fileSizes[0]",
            "less than or equal to 1073741824",
            r -> at(r, "spec", "probe").put("fileSizes", List.of(2_147_483_648L))),
        refused(
            "eleven files",
            "spec.probe.fileSizes",
            "must have at most 10 items",
            r -> at(r, "spec", "probe").put("fileSizes", IntStream.range(0, 11).boxed().toList())),
        refused(
            "empty image",
            "spec.probe.image",
            "at least 1 chars long",
            r -> at(r, "spec", "probe").put("image", "")),
        refused(
            "empty mount option",
            "spec.storageClass.mountOptions[0]",
            "at least 1 chars long",
            r -> at(r, "spec", "storageClass").put("mountOptions", List.of(""))),
        refused(
            "33 StorageClass parameters",
            "spec.storageClass.parameters",
            "must have at most 32 items",
            r -> at(r, "spec", "storageClass").put("parameters", parameters(33))),
        refused(
            "shared bucket name not an S3 name",
            "spec.sharedBucket.bucketName",
            "should match '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$'",
            r -> at(r, "spec").put("sharedBucket", Map.of("bucketName", "Shared_Bucket"))),
        refused(
            "shared bucket name too short",
            "spec.sharedBucket.bucketName",
            "should match",
            r -> at(r, "spec").put("sharedBucket", Map.of("bucketName", "ab"))),
        refused(
            "one volume cannot share",
            "spec.sharedBucket.volumes",
            "greater than or equal to 2",
            r -> at(r, "spec").put("sharedBucket", Map.of("volumes", 1))),
        refused(
            "shared mode Sometimes",
            "spec.sharedBucket.mode",
            "supported values",
            r -> at(r, "spec").put("sharedBucket", Map.of("mode", "Sometimes"))),
        refused(
            "51 concurrent volumes",
            "spec.concurrentVolumes.count",
            "less than or equal to 50",
            r -> at(r, "spec").put("concurrentVolumes", Map.of("count", 51))),
        refused(
            "invalid case without a name",
            "spec.invalidParameters.cases[0].name",
            "Required value",
            r ->
                at(r, "spec")
                    .put(
                        "invalidParameters",
                        Map.of("cases", List.of(Map.of("accessMode", "ReadWriteOnce"))))),
        refused(
            "invalid case with an unknown access mode",
            "spec.invalidParameters.cases[0].accessMode",
            "should match",
            r ->
                at(r, "spec")
                    .put(
                        "invalidParameters",
                        Map.of(
                            "cases",
                            List.of(Map.of("name", "rwx", "accessMode", "ReadWriteAll"))))),
        refused(
            "typo in a field name",
            "spec.keepResource",
            "unknown field \"spec.keepResource\"",
            r -> at(r, "spec").put("keepResource", "Always")),
        refused(
            "unknown top-level field",
            "spec.secretAccessKey",
            "unknown field",
            r -> at(r, "spec").put("secretAccessKey", "inline")));
  }

  static Map<String, String> parameters(int count) {
    Map<String, String> parameters = new LinkedHashMap<>();
    IntStream.range(0, count).forEach(i -> parameters.put("key" + i, "value"));
    return parameters;
  }

  static GenericKubernetesResource resource(Map<String, Object> run) {
    return Serialization.unmarshal(Serialization.asJson(run), GenericKubernetesResource.class);
  }

  static KubernetesClientException refusal(Map<String, Object> run) {
    GenericKubernetesResource resource = resource(run);
    Throwable thrown =
        org.assertj.core.api.Assertions.catchThrowable(
            () ->
                sandbox
                    .client()
                    .genericKubernetesResources(
                        ProvisioningValidation.GROUP + "/" + ProvisioningValidation.VERSION,
                        "ProvisioningValidation")
                    .inNamespace(Sandbox.NAMESPACE)
                    .resource(resource)
                    .create());
    assertThat(thrown)
        .as("admission refused %s", run)
        .isInstanceOf(KubernetesClientException.class);
    return (KubernetesClientException) thrown;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidRuns")
  void admissionRefusesNamingTheFieldAndTheRuleAndStoresNothing(
      String description, String field, String rule, Consumer<Map<String, Object>> breakIt) {
    Map<String, Object> run = RunDocuments.admissible("hostile");
    breakIt.accept(run);

    KubernetesClientException refused = refusal(run);

    assertThat(refused.getCode()).isEqualTo(422);
    assertThat(refused.getStatus().getReason()).isEqualTo("Invalid");
    assertThat(refused.getStatus().getMessage())
        .startsWith("ProvisioningValidation.validation.s3csi.dev \"hostile\" is invalid: ")
        .contains(field + ": ")
        .contains(rule);
    assertThat(refused.getStatus().getDetails().getCauses())
        .anySatisfy(c -> assertThat(c.getField()).isEqualTo(field));
    assertThat(
            sandbox
                .client()
                .resources(ProvisioningValidation.class)
                .inAnyNamespace()
                .list()
                .getItems())
        .isEmpty();
  }

  @Test
  void theTableCoversAtLeastTwentyDistinctInputs() {
    assertThat(invalidRuns().map(a -> a.get()[0]).distinct().count()).isGreaterThanOrEqualTo(20);
  }

  @Test
  void aValidRunIsAdmittedAndItsSpecIsImmutableOnceStarted() {
    Map<String, Object> run = RunDocuments.admissible("hostile");
    at(run, "metadata").put("name", "admitted");
    var runs =
        sandbox.client().resources(ProvisioningValidation.class).inNamespace(Sandbox.NAMESPACE);
    sandbox
        .client()
        .genericKubernetesResources(
            ProvisioningValidation.GROUP + "/" + ProvisioningValidation.VERSION,
            "ProvisioningValidation")
        .inNamespace(Sandbox.NAMESPACE)
        .resource(resource(run))
        .create();
    try {
      // Not started yet: the spec may still change.
      runs.withName("admitted")
          .edit(
              r -> {
                r.getSpec().setKeepResources(dev.s3csi.validator.api.KeepResources.Always);
                return r;
              });
      runs.withName("admitted")
          .editStatus(
              r -> {
                r.setStatus(new dev.s3csi.validator.api.ValidationStatus());
                r.getStatus().setStartTime("2026-05-01T08:00:00Z");
                return r;
              });

      assertThatThrownBy(
              () ->
                  runs.withName("admitted")
                      .edit(
                          r -> {
                            r.getSpec()
                                .setKeepResources(dev.s3csi.validator.api.KeepResources.Never);
                            return r;
                          }))
          .isInstanceOfSatisfying(
              KubernetesClientException.class,
              e ->
                  assertThat(e.getStatus().getMessage())
                      .contains("spec: Forbidden: is immutable once the run has started")
                      .contains("self.spec == oldSelf.spec"));
      assertThatThrownBy(
              () ->
                  runs.withName("admitted")
                      .patch(
                          PatchContext.of(PatchType.JSON_MERGE),
                          "{\"spec\":{\"timeouts\":{\"bind\":\"45s\"}}}"))
          .isInstanceOfSatisfying(
              KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422));

      // Metadata (finalizers, labels) of a started run still changes: only its spec is frozen.
      runs.withName("admitted")
          .edit(
              r -> {
                r.getMetadata().setLabels(Map.of("team", "storage"));
                return r;
              });
      assertThat(runs.withName("admitted").get().getSpec().getKeepResources())
          .isEqualTo(dev.s3csi.validator.api.KeepResources.Always);
      assertThat(runs.withName("admitted").get().getMetadata().getLabels())
          .containsEntry("team", "storage");
    } finally {
      runs.withName("admitted").delete();
    }
  }

  /**
   * What JOSDK does first with every run: a JSON patch adding its finalizer, before any status
   * exists.
   */
  @Test
  void theFinalizerPatchOfARunWithoutStatusIsAdmitted() {
    var runs =
        sandbox.client().resources(ProvisioningValidation.class).inNamespace(Sandbox.NAMESPACE);
    Map<String, Object> run = RunDocuments.admissible("hostile");
    at(run, "metadata").put("name", "fresh");
    run.put("status", null);
    sandbox
        .client()
        .genericKubernetesResources(
            ProvisioningValidation.GROUP + "/" + ProvisioningValidation.VERSION,
            "ProvisioningValidation")
        .inNamespace(Sandbox.NAMESPACE)
        .resource(resource(run))
        .create();
    try {
      runs.withName("fresh")
          .edit(
              r -> {
                r.getMetadata().setAnnotations(Map.of("touched", "yes"));
                return r;
              });
      String version = runs.withName("fresh").get().getMetadata().getResourceVersion();

      runs.withName("fresh")
          .patch(
              PatchContext.of(PatchType.JSON),
              "[{\"op\":\"add\",\"path\":\"/metadata/finalizers\",\"value\":"
                  + "[\"provisioningvalidations.validation.s3csi.dev/finalizer\"]},{\"op\":\"add\",\"path\":\"/metadata/resourceVersion\",\"value\":\""
                  + version
                  + "\"}]");

      assertThat(runs.withName("fresh").get().getMetadata().getFinalizers())
          .containsExactly("provisioningvalidations.validation.s3csi.dev/finalizer");
    } finally {
      runs.withName("fresh")
          .edit(
              r -> {
                r.getMetadata().setFinalizers(List.of());
                return r;
              });
      runs.withName("fresh").delete();
    }
  }

  @Test
  void theDemoRefusesABadFileWithExitTwoNamingFieldAndRule(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(
        file,
        String.join(
            "\n",
            "apiVersion: validation.s3csi.dev/v1alpha1",
            "kind: ProvisioningValidation",
            "metadata:",
            "  name: bad",
            "spec:",
            "  keepResources: Sometimes",
            "  timeouts: {bind: 2 minutes}",
            ""));

    DemoHarness.Result result = DemoHarness.run(List.of("--file", file.toString()));

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stdout()).as("no run, so no table").isEmpty();
    assertThat(result.stderr())
        .contains(
            "the API server refused the run: ProvisioningValidation.validation.s3csi.dev \"bad\" is invalid: [")
        .contains(
            "spec.keepResources: Unsupported value: \"Sometimes\": supported values: \"Always\", \"Never\", \"OnFailure\"")
        .contains(
            "spec.timeouts.bind: Invalid value: \"2 minutes\": spec.timeouts.bind in body should match '^[1-9][0-9]{0,5}(ms|s|m|h)$'");
  }
}
