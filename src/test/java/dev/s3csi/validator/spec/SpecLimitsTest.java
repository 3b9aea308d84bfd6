package dev.s3csi.validator.spec;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.s3csi.validator.api.ValidationSpec;
import dev.s3csi.validator.harness.RunDocuments;
import dev.s3csi.validator.sandbox.AdmissionEmulator;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;

import static dev.s3csi.validator.harness.RunDocuments.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limits of a spec have one source, the CRD generated from the api classes' annotations. Each
 * row here is fed both to admission (the CRD's schema and CEL rules, as the sandbox's
 * AdmissionEmulator applies them) and to the operator's own SpecValidator, which repeats only what
 * it needs to run a spec at all. The table says, field by field, which of the two refuses: where
 * both check, they refuse the same specs at the same field path; beyond that the operator leaves
 * the limits to the CRD, and parses only the endpoint URL, which no schema pattern can.
 */
class SpecLimitsTest {
  static final String CRD = "META-INF/fabric8/provisioningvalidations.validation.s3csi.dev-v1.yml";
  static final ObjectMapper JSON = new ObjectMapper();
  static final AdmissionEmulator ADMISSION = new AdmissionEmulator(crd());

  /** Who refuses a row's spec. */
  enum Refused {
    /** Nobody: a valid spec, often at a limit. */
    NOT,
    /** Admission, and the operator too (with the message in the row): it cannot run such a spec. */
    BY_BOTH,
    /** Admission only: the operator can run such a spec, and leaves the limit to the CRD. */
    AT_ADMISSION,
    /**
     * The operator only: a URL's grammar is beyond a schema pattern, and the S3 client needs a
     * host. The run ends Failed, InvalidSpec, naming the field.
     */
    BY_THE_OPERATOR
  }

  static CustomResourceDefinition crd() {
    try (InputStream in = SpecLimitsTest.class.getClassLoader().getResourceAsStream(CRD)) {
      return Serialization.unmarshal(in, CustomResourceDefinition.class);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Consumer<Map<String, Object>> set(String value, String... path) {
    return run ->
        at(run, java.util.Arrays.copyOf(path, path.length - 1)).put(path[path.length - 1], value);
  }

  static Consumer<Map<String, Object>> setNumber(long value, String... path) {
    return run ->
        at(run, java.util.Arrays.copyOf(path, path.length - 1)).put(path[path.length - 1], value);
  }

  static Consumer<Map<String, Object>> cases(int count, String name, String accessMode) {
    return run -> {
      List<Map<String, Object>> cases = new ArrayList<>();
      IntStream.range(0, count)
          .forEach(
              i -> {
                Map<String, Object> c =
                    new LinkedHashMap<>(Map.of("name", name == null ? "case-" + i : name));
                if (accessMode != null) {
                  c.put("accessMode", accessMode);
                }
                cases.add(c);
              });
      at(run, "spec", "invalidParameters").put("cases", cases);
    };
  }

  static Arguments row(
      String description,
      Refused refused,
      String field,
      String operatorSays,
      Consumer<Map<String, Object>> change) {
    return Arguments.of(description, refused, field, operatorSays, change);
  }

  static Arguments accepted(String description, Consumer<Map<String, Object>> change) {
    return row(description, Refused.NOT, null, null, change);
  }

  static Arguments byBoth(
      String description, String field, String operatorSays, Consumer<Map<String, Object>> change) {
    return row(description, Refused.BY_BOTH, field, operatorSays, change);
  }

  static Arguments byTheOperator(
      String description, String field, String operatorSays, Consumer<Map<String, Object>> change) {
    return row(description, Refused.BY_THE_OPERATOR, field, operatorSays, change);
  }

  static Arguments atAdmission(
      String description, String field, Consumer<Map<String, Object>> change) {
    return row(description, Refused.AT_ADMISSION, field, null, change);
  }

  static Stream<Arguments> table() {
    return Stream.of(
        accepted("the smallest valid spec", run -> {}),
        accepted(
            "an https endpoint with a port and a path",
            set("https://s3.example.com:8443/base/v1", "spec", "s3", "endpoint")),
        accepted("an IPv4 endpoint", set("http://10.0.0.12:9000", "spec", "s3", "endpoint")),
        accepted("an IPv6 endpoint", set("http://[fd00::12]:9000", "spec", "s3", "endpoint")),
        accepted(
            "a label that starts with a digit",
            set("http://1a.s3.example", "spec", "s3", "endpoint")),
        accepted(
            "every timeout at the run's",
            run ->
                at(run, "spec")
                    .put(
                        "timeouts",
                        new LinkedHashMap<>(
                            Map.of(
                                "bind",
                                "10m",
                                "podReady",
                                "10m",
                                "objectVisible",
                                "10m",
                                "deletion",
                                "10m",
                                "refusalSettle",
                                "10m",
                                "run",
                                "10m")))),
        accepted("the longest durations", set("999999h", "spec", "timeouts", "run")),
        accepted("ten shared volumes", setNumber(10, "spec", "sharedBucket", "volumes")),
        accepted("a 3-character bucket", set("abc", "spec", "sharedBucket", "bucketName")),
        accepted(
            "50 volumes of 10 pods",
            run ->
                at(run, "spec").put("concurrentVolumes", Map.of("count", 50, "podsPerVolume", 10))),
        accepted("runAsUser 1", setNumber(1, "spec", "probe", "runAsUser")),
        accepted(
            "files of 0 bytes and 1 GiB",
            run -> at(run, "spec", "probe").put("fileSizes", List.of(0, 1L << 30))),
        accepted("20 invalid cases", cases(20, null, "ReadWriteOnce")),
        byBoth("no spec", "spec", "is required", run -> run.remove("spec")),
        byBoth("no s3", "spec.s3", "is required", run -> at(run, "spec").remove("s3")),
        byBoth(
            "no endpoint",
            "spec.s3.endpoint",
            "is required",
            run -> at(run, "spec", "s3").remove("endpoint")),
        byBoth(
            "an ftp endpoint",
            "spec.s3.endpoint",
            "must be an http(s) URL with a host",
            set("ftp://s3.local", "spec", "s3", "endpoint")),
        byBoth(
            "a space in the host",
            "spec.s3.endpoint",
            "is not a URL",
            set("http://s3 local", "spec", "s3", "endpoint")),
        byTheOperator(
            "an underscore in the host",
            "spec.s3.endpoint",
            "with a host",
            set("http://s3_1.example:8000", "spec", "s3", "endpoint")),
        byTheOperator(
            "a numeric last label",
            "spec.s3.endpoint",
            "with a host",
            set("http://s3.123:8000", "spec", "s3", "endpoint")),
        byTheOperator(
            "a label that ends with a hyphen",
            "spec.s3.endpoint",
            "with a host",
            set("http://s3-.example", "spec", "s3", "endpoint")),
        byTheOperator(
            "a port that is not a number",
            "spec.s3.endpoint",
            "with a host",
            set("http://s3.example:http", "spec", "s3", "endpoint")),
        byTheOperator(
            "a space in the path",
            "spec.s3.endpoint",
            "is not a URL",
            set("http://s3.example/a b", "spec", "s3", "endpoint")),
        byBoth(
            "no credentials Secret",
            "spec.s3.credentialsSecretRef",
            "is required",
            run -> at(run, "spec", "s3").remove("credentialsSecretRef")),
        byBoth(
            "a Secret without a name",
            "spec.s3.credentialsSecretRef.name",
            "is required",
            run -> at(run, "spec", "s3", "credentialsSecretRef").remove("name")),
        byBoth(
            "a duration in words",
            "spec.timeouts.bind",
            "must be a duration",
            set("2 minutes", "spec", "timeouts", "bind")),
        byBoth(
            "a zero duration",
            "spec.timeouts.run",
            "must be a duration",
            set("0s", "spec", "timeouts", "run")),
        byBoth(
            "a settling period in words",
            "spec.timeouts.refusalSettle",
            "must be a duration",
            set("half a minute", "spec", "timeouts", "refusalSettle")),
        atAdmission(
            "a settling period longer than the run",
            "spec.timeouts.refusalSettle",
            run ->
                at(run, "spec")
                    .put(
                        "timeouts",
                        new LinkedHashMap<>(Map.of("refusalSettle", "20m", "run", "10m")))),
        byBoth(
            "a duration of seven digits",
            "spec.timeouts.deletion",
            "must be a duration",
            set("1000000s", "spec", "timeouts", "deletion")),
        atAdmission(
            "a step longer than the run (the run's deadline caps it)",
            "spec.timeouts.podReady",
            run ->
                at(run, "spec")
                    .put("timeouts", new LinkedHashMap<>(Map.of("podReady", "20m", "run", "10m")))),
        byBoth(
            "an empty list of scenarios (it would run none; leaving it out runs all)",
            "spec.scenarios",
            "must list at least one scenario",
            run -> at(run, "spec").put("scenarios", List.of())),
        atAdmission(
            "a scenario listed twice",
            "spec.scenarios",
            run -> at(run, "spec").put("scenarios", List.of("sharedBucket", "sharedBucket"))),
        atAdmission(
            "a provisioner that is not a DNS name",
            "spec.provisioner",
            set("S3_Driver", "spec", "provisioner")),
        atAdmission(
            "a bucket name with capitals",
            "spec.sharedBucket.bucketName",
            set("Team_Bucket", "spec", "sharedBucket", "bucketName")),
        atAdmission(
            "a bucket name of two characters",
            "spec.sharedBucket.bucketName",
            set("ab", "spec", "sharedBucket", "bucketName")),
        atAdmission(
            "one shared volume",
            "spec.sharedBucket.volumes",
            setNumber(1, "spec", "sharedBucket", "volumes")),
        atAdmission(
            "eleven shared volumes",
            "spec.sharedBucket.volumes",
            setNumber(11, "spec", "sharedBucket", "volumes")),
        atAdmission(
            "no concurrent volume",
            "spec.concurrentVolumes.count",
            setNumber(0, "spec", "concurrentVolumes", "count")),
        atAdmission(
            "51 concurrent volumes",
            "spec.concurrentVolumes.count",
            setNumber(51, "spec", "concurrentVolumes", "count")),
        atAdmission(
            "11 pods per volume",
            "spec.concurrentVolumes.podsPerVolume",
            setNumber(11, "spec", "concurrentVolumes", "podsPerVolume")),
        atAdmission(
            "a probe running as root",
            "spec.probe.runAsUser",
            setNumber(0, "spec", "probe", "runAsUser")),
        atAdmission(
            "a negative file size",
            "spec.probe.fileSizes[1]",
            run -> at(run, "spec", "probe").put("fileSizes", List.of(1, -5))),
        atAdmission(
            "a file over 1 GiB",
            "spec.probe.fileSizes[0]",
            run -> at(run, "spec", "probe").put("fileSizes", List.of((1L << 30) + 1))),
        atAdmission("21 invalid cases", "spec.invalidParameters.cases", cases(21, null, null)),
        atAdmission("no invalid case", "spec.invalidParameters.cases", cases(0, null, null)),
        atAdmission(
            "two cases of one name", "spec.invalidParameters.cases", cases(2, "same", null)),
        atAdmission(
            "a case name that starts with a digit",
            "spec.invalidParameters.cases[0].name",
            cases(1, "1st", null)),
        atAdmission(
            "an unknown access mode",
            "spec.invalidParameters.cases[0].accessMode",
            cases(1, "rwx", "ReadWriteSometimes")),
        atAdmission(
            "a TTL below zero",
            "spec.ttlSecondsAfterFinished",
            setNumber(-1, "spec", "ttlSecondsAfterFinished")));
  }

  static List<String> admission(Map<String, Object> run) {
    return ADMISSION.validate(JSON.valueToTree(run), null).stream()
        .map(AdmissionEmulator.Violation::field)
        .toList();
  }

  static List<FieldError> operator(Map<String, Object> run) {
    Object spec = run.get("spec");
    return SpecValidator.validate(
        spec == null ? null : JSON.convertValue(spec, ValidationSpec.class));
  }

  @ParameterizedTest(name = "{0}: refused {1} {2}")
  @MethodSource("table")
  void admissionAndTheOperatorAgree(
      String description,
      Refused refused,
      String field,
      String operatorSays,
      Consumer<Map<String, Object>> change) {
    Map<String, Object> run = RunDocuments.admissible("limits");
    change.accept(run);

    List<String> admission = admission(run);
    List<FieldError> operator = operator(run);

    switch (refused) {
      case NOT -> {
        assertThat(admission).as("admission").isEmpty();
        assertThat(operator).as("the operator").isEmpty();
      }
      case BY_BOTH -> {
        assertThat(admission).as("admission").isNotEmpty().containsOnly(field);
        assertThat(operator)
            .as("the operator")
            .singleElement()
            .satisfies(
                error -> {
                  assertThat(error.path()).isEqualTo(field);
                  assertThat(error.message()).contains(operatorSays);
                });
      }
      case AT_ADMISSION -> {
        assertThat(admission).as("admission").isNotEmpty().containsOnly(field);
        assertThat(operator).as("the operator leaves this to the CRD").isEmpty();
      }
      case BY_THE_OPERATOR -> {
        assertThat(admission).as("admission").isEmpty();
        assertThat(operator)
            .as("the operator")
            .singleElement()
            .satisfies(
                error -> {
                  assertThat(error.path()).isEqualTo(field);
                  assertThat(error.message()).contains(operatorSays);
                });
      }
    }
  }

  @Test
  void bothReportEveryProblemAtOnce() {
    Map<String, Object> run = RunDocuments.admissible("limits");
    at(run, "spec").put("s3", new LinkedHashMap<>());
    at(run, "spec").put("timeouts", new LinkedHashMap<>(Map.of("run", "soon", "bind", "later")));

    assertThat(admission(run))
        .containsExactlyInAnyOrder(
            "spec.s3.endpoint",
            "spec.s3.credentialsSecretRef",
            "spec.timeouts.run",
            "spec.timeouts.bind");
    assertThat(operator(run))
        .extracting(FieldError::path)
        .containsExactly(
            "spec.s3.endpoint",
            "spec.s3.credentialsSecretRef",
            "spec.timeouts.run",
            "spec.timeouts.bind");
  }
}
