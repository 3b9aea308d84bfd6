package dev.s3csi.validator.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * One validation run: like a Job, it runs its scenarios once and keeps the outcome in its status.
 */
@Group(ProvisioningValidation.GROUP)
@Version(ProvisioningValidation.VERSION)
@Kind("ProvisioningValidation")
@ShortNames("pval")
@AdditionalPrinterColumn(
    name = "Phase",
    jsonPath = ".status.phase",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Summary",
    jsonPath = ".status.summary",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Failure",
    jsonPath = ".status.firstFailure",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
@ValidationRule(
    value = "has(self.spec)",
    fieldPath = ".spec",
    reason = "FieldValueRequired",
    message = "is required")
@ValidationRule(
    value = "!has(oldSelf.status) || !has(oldSelf.status.startTime) || self.spec == oldSelf.spec",
    fieldPath = ".spec",
    reason = "FieldValueForbidden",
    message =
        "is immutable once the run has started (status.startTime is set): create a new run instead")
public class ProvisioningValidation extends CustomResource<ValidationSpec, ValidationStatus>
    implements Namespaced {
  public static final String GROUP = "validation.s3csi.dev";
  public static final String VERSION = "v1alpha1";
}
