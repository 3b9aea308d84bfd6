package dev.s3csi.validator.api;

/** When the objects a run created are left in place for inspection instead of being deleted. */
public enum KeepResources {
  Never,
  OnFailure,
  Always
}
