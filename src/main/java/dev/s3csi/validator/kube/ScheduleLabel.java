package dev.s3csi.validator.kube;

import java.util.Map;

import dev.s3csi.validator.api.ProvisioningValidation;

/**
 * The schedule a run belongs to: {@code trigger} labels the runs it creates with its schedule's
 * name; a run applied by hand has no such label and counts as {@code manual}. It is the {@code
 * schedule} label of the metrics, so it stays as bounded as the set of CronJobs.
 */
public final class ScheduleLabel {
  public static final String KEY = ProvisioningValidation.GROUP + "/schedule";
  public static final String MANUAL = "manual";

  private ScheduleLabel() {}

  public static String of(ProvisioningValidation run) {
    Map<String, String> labels = run.getMetadata().getLabels();
    String value = labels == null ? null : labels.get(KEY);
    return value == null || value.isBlank() ? MANUAL : value;
  }
}
