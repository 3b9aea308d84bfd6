package dev.s3csi.validator.probe;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.s3csi.validator.probe.ProbePlan.WriteFile;
import dev.s3csi.validator.probe.ProbeResult.FileResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProbeTest {
  @TempDir Path mount;

  @ParameterizedTest
  @ValueSource(longs = {0, 1, 7, 65_536, 65_537, 1_000_003})
  void contentIsDeterministicAndItsDigestMatchesTheBytes(long size) throws IOException {
    byte[] bytes = ProbeContent.bytes(42, (int) size);
    assertThat(bytes).hasSize((int) size).isEqualTo(ProbeContent.bytes(42, (int) size));
    assertThat(ProbeContent.digest(new java.io.ByteArrayInputStream(bytes)))
        .isEqualTo(new ProbeContent.Digest(ProbeContent.sha256Of(42, size), size));
    if (size > 0) {
      assertThat(ProbeContent.bytes(43, (int) size)).isNotEqualTo(bytes);
    }
  }

  @Test
  void writesReadsAndDeletesThroughADirectoryAndReportsEachOperation() throws IOException {
    Files.write(mount.resolve("from-s3.bin"), ProbeContent.bytes(7, 1000));
    ProbePlan plan =
        new ProbePlan(
            List.of(new WriteFile("a.bin", 4096, 1), new WriteFile("sub/b.bin", 0, 2)),
            List.of("from-s3.bin", "absent.bin"),
            List.of("a.bin"));

    ProbeResult result = Probe.run(plan, new LocalProbeVolume(mount));

    assertThat(result.files())
        .extracting(FileResult::op, FileResult::path, FileResult::sha256)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("write", "a.bin", ProbeContent.sha256Of(1, 4096)),
            org.assertj.core.groups.Tuple.tuple("write", "sub/b.bin", ProbeContent.sha256Of(2, 0)),
            org.assertj.core.groups.Tuple.tuple(
                "read", "from-s3.bin", ProbeContent.sha256Of(7, 1000)),
            org.assertj.core.groups.Tuple.tuple("read", "absent.bin", null),
            org.assertj.core.groups.Tuple.tuple("delete", "a.bin", null));
    assertThat(result.failures())
        .singleElement()
        .satisfies(f -> assertThat(f.error()).startsWith("NoSuchFileException"));
    assertThat(result.ok()).isFalse();
    assertThat(mount.resolve("a.bin")).doesNotExist();
    assertThat(Files.readAllBytes(mount.resolve("sub/b.bin"))).isEmpty();
  }

  @Test
  void neverOverwritesAnExistingFileAsMountpointCannot() throws IOException {
    Files.writeString(mount.resolve("a.bin"), "old");

    ProbeResult result =
        Probe.run(
            new ProbePlan(List.of(new WriteFile("a.bin", 10, 1)), null, null),
            new LocalProbeVolume(mount));

    assertThat(result.failures())
        .singleElement()
        .satisfies(f -> assertThat(f.error()).startsWith("FileAlreadyExistsException"));
    assertThat(Files.readString(mount.resolve("a.bin"))).isEqualTo("old");
  }

  @Test
  void refusesPathsOutsideTheMount() {
    assertThatThrownBy(() -> new LocalProbeVolume(mount).open("../etc/passwd"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("escapes the mount");
  }

  @Test
  void invocationRoundTripsThroughPodArguments() {
    ProbePlan plan = new ProbePlan(List.of(new WriteFile("f", 3, 9)), List.of("r"), List.of());
    ProbeInvocation invocation = new ProbeInvocation("/data", plan, "/dev/termination-log");

    List<String> args = invocation.toArgs();

    assertThat(args.get(0)).isEqualTo(ProbeInvocation.SUBCOMMAND);
    assertThat(ProbeInvocation.parse(args.subList(1, args.size()))).isEqualTo(invocation);
  }

  @Test
  void invocationRejectsIncompleteOrUnknownArguments() {
    assertThatThrownBy(() -> ProbeInvocation.parse(List.of("--mount", "/data")))
        .hasMessageContaining("usage");
    assertThatThrownBy(() -> ProbeInvocation.parse(List.of("--mount")))
        .hasMessageContaining("missing value");
    assertThatThrownBy(() -> ProbeInvocation.parse(List.of("--bogus", "x")))
        .hasMessageContaining("unknown probe option");
    assertThatThrownBy(() -> ProbeInvocation.parse(List.of("--mount", "/d", "--plan", "{not json")))
        .hasMessageContaining("not a probe plan");
  }

  @Test
  void resultStaysUnderTheTerminationMessageLimitForTheDefaultPlan() throws IOException {
    ProbePlan plan =
        new ProbePlan(
            List.of(
                new WriteFile("pval-p9-f0.bin", 0, 1),
                new WriteFile("pval-p9-f1.bin", 4096, 2),
                new WriteFile("pval-p9-f2.bin", 1 << 20, 3)),
            List.of("pval-s3-put.bin"),
            List.of());
    Files.write(mount.resolve("pval-s3-put.bin"), ProbeContent.bytes(1, 10));

    String json = ProbeInvocation.toJson(Probe.run(plan, new LocalProbeVolume(mount)));

    assertThat(json.length()).isLessThan(1024);
    try (InputStream in = new java.io.ByteArrayInputStream(json.getBytes())) {
      assertThat(ProbeInvocation.parseResult(new String(in.readAllBytes())).ok()).isTrue();
    }
  }

  @Test
  void theLargestPlanFailingWithTheLongestErrorsStillFitsTheKubeletsCapWholeAndParsable()
      throws IOException {
    // The spec allows 10 file sizes; the pod index and a neighbour's prefix as long as they get.
    List<ProbeResult.FileResult> results = new ArrayList<>();
    String error = ("AccessDeniedException: \u00e9\u00e9\u0001\"" + "\u4e2d").repeat(40);
    for (int i = 0; i < 10; i++) {
      results.add(
          new ProbeResult.FileResult("write", "pval-p99-f" + i + ".bin", null, null, error));
    }
    results.add(new ProbeResult.FileResult("read", "pval-s3-put.bin", null, null, error));
    for (int i = 0; i < 3; i++) {
      results.add(
          new ProbeResult.FileResult(
              "read",
              "pval-0123abcd-sharedbucket-static-" + i + "/pval-s3-put.bin",
              null,
              null,
              error));
    }
    results.add(new ProbeResult.FileResult("delete", "pval-s3-put.bin", null, null, error));
    ProbeResult result = new ProbeResult(results);
    assertThat(ProbeInvocation.toJson(result).getBytes(StandardCharsets.UTF_8))
        .as("unbounded, it would be cut by the kubelet")
        .hasSizeGreaterThan(ProbeResult.TERMINATION_MESSAGE_LIMIT);

    String json = ProbeInvocation.toBoundedJson(result, ProbeResult.TERMINATION_MESSAGE_LIMIT);

    assertThat(json.getBytes(StandardCharsets.UTF_8))
        .hasSizeLessThanOrEqualTo(ProbeResult.TERMINATION_MESSAGE_LIMIT);
    ProbeResult parsed = ProbeInvocation.parseResult(json);
    assertThat(parsed.files()).hasSize(results.size());
    assertThat(parsed.failures()).as("every failure still reads as one").hasSize(results.size());
    assertThat(parsed.files().get(0).error()).startsWith("AccessDeniedException");
  }

  @Test
  void aResultThatFitsIsWrittenAsItIs() throws IOException {
    ProbeResult result =
        new ProbeResult(
            List.of(
                new ProbeResult.FileResult(
                    "write", "pval-p0-f0.bin", 4096L, "ab".repeat(32), null)));

    assertThat(ProbeInvocation.toBoundedJson(result, ProbeResult.TERMINATION_MESSAGE_LIMIT))
        .isEqualTo(ProbeInvocation.toJson(result));
  }
}
