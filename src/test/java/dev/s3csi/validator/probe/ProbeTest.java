package dev.s3csi.validator.probe;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
