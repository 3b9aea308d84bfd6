package dev.s3csi.validator.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

import dev.s3csi.validator.probe.ProbePlan.WriteFile;
import dev.s3csi.validator.probe.ProbeResult.FileResult;

/** Executes a plan against a volume. Every operation is attempted and reported; none throws. */
public final class Probe {
  static final int MAX_ERROR_LENGTH = 160;

  private Probe() {}

  public static ProbeResult run(ProbePlan plan, ProbeVolume volume) {
    List<FileResult> results = new ArrayList<>();
    for (WriteFile file : plan.write()) {
      results.add(write(volume, file));
    }
    for (String path : plan.read()) {
      results.add(read(volume, path));
    }
    for (String path : plan.delete()) {
      results.add(delete(volume, path));
    }
    return new ProbeResult(results);
  }

  private static FileResult write(ProbeVolume volume, WriteFile file) {
    try (OutputStream out = volume.createNew(file.path())) {
      String sha256 = ProbeContent.write(file.seed(), file.size(), out);
      return new FileResult("write", file.path(), file.size(), sha256, null);
    } catch (IOException | RuntimeException e) {
      return new FileResult("write", file.path(), null, null, describe(e));
    }
  }

  private static FileResult read(ProbeVolume volume, String path) {
    try (InputStream in = volume.open(path)) {
      ProbeContent.Digest digest = ProbeContent.digest(in);
      return new FileResult("read", path, digest.size(), digest.sha256(), null);
    } catch (IOException | RuntimeException e) {
      return new FileResult("read", path, null, null, describe(e));
    }
  }

  private static FileResult delete(ProbeVolume volume, String path) {
    try {
      volume.delete(path);
      return new FileResult("delete", path, null, null, null);
    } catch (IOException | RuntimeException e) {
      return new FileResult("delete", path, null, null, describe(e));
    }
  }

  private static String describe(Exception e) {
    String text =
        e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
  }
}
