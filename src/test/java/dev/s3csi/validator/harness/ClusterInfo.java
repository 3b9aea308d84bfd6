package dev.s3csi.validator.harness;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a {@link World} is made of, as the demo's JSON reports it.
 *
 * @param kind {@code sandbox} or {@code real}
 * @param kubernetesVersion the API server's version, as it reports it
 * @param driver the CSI driver that serves the runs' StorageClasses, with its version
 * @param operatorUser who the operator is to the API server
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterInfo(
    String kind, String kubernetesVersion, String driver, String operatorUser) {}
