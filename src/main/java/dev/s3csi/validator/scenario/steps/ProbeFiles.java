package dev.s3csi.validator.scenario.steps;

import java.util.ArrayList;
import java.util.List;

import dev.s3csi.validator.engine.ScenarioContext;
import dev.s3csi.validator.probe.ProbeContent;
import dev.s3csi.validator.probe.ProbePlan;
import dev.s3csi.validator.probe.ProbePlan.WriteFile;

/**
 * The files of a scenario's probes, derived from the run's UID: the pod writes them, and the
 * operator knows what S3 must then hold without any state beyond the status. Each run writes
 * different bytes, so an object left over from an earlier run can never pass for this one's.
 */
public record ProbeFiles(long seedBase, List<Long> sizes) {
  /** Object put through S3 and read back through the mount. */
  public static final String S3_PUT_KEY = "pval-s3-put.bin";

  public static final int S3_PUT_SIZE = 64 * 1024;

  public static ProbeFiles of(ScenarioContext ctx) {
    long base =
        ((long) ctx.run().getMetadata().getUid().hashCode() << 16)
            ^ ctx.status().getName().ordinal();
    return new ProbeFiles(base, ctx.spec().probe().fileSizes());
  }

  /**
   * The files probe pod {@code pod} writes: distinct per pod, so pods sharing a volume never
   * collide.
   */
  public List<WriteFile> writes(int pod) {
    List<WriteFile> files = new ArrayList<>();
    for (int i = 0; i < sizes.size(); i++) {
      files.add(
          new WriteFile(
              "pval-p" + pod + "-f" + i + ".bin", sizes.get(i), seedBase + 1000L * (pod + 1) + i));
    }
    return files;
  }

  /**
   * Probe pod {@code pod}'s plan: write its files, read back the object put through S3 into its
   * volume, read paths that must not exist (its neighbours' objects, when isolation is checked),
   * then delete what it must be able to delete.
   */
  public ProbePlan plan(int pod, List<String> mustNotSee, List<String> delete) {
    List<String> reads = new ArrayList<>(List.of(S3_PUT_KEY));
    reads.addAll(mustNotSee);
    return new ProbePlan(writes(pod), reads, delete);
  }

  /** Probe pod {@code pod}'s plan when nothing was put through S3 for it to read: its writes. */
  public ProbePlan writeOnlyPlan(int pod) {
    return new ProbePlan(writes(pod), List.of(), List.of());
  }

  /** The content put through S3 into claim {@code claim}'s volume: distinct per claim. */
  public long s3PutSeed(int claim) {
    return seedBase - claim;
  }

  public String s3PutSha256(int claim) {
    return ExpectedDigests.of(s3PutSeed(claim), S3_PUT_SIZE);
  }

  public byte[] s3PutContent(int claim) {
    return ProbeContent.bytes(s3PutSeed(claim), S3_PUT_SIZE);
  }

  public static String sha256(WriteFile file) {
    return ExpectedDigests.of(file.seed(), file.size());
  }
}
