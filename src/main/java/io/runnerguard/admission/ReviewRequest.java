package io.runnerguard.admission;

import tools.jackson.databind.JsonNode;

/**
 * The parts of an {@code admission.k8s.io/v1} AdmissionReview request we use.
 *
 * @param group        {@code request.kind.group} ({@code ""} for core)
 * @param kind         {@code request.kind.kind}
 * @param subResource  {@code request.subResource}, {@code ""} when none
 * @param namespace    {@code request.namespace}, {@code ""} for cluster-scoped objects
 * @param name         {@code request.name}, or the object's {@code generateName} followed by {@code *}
 * @param object       {@code request.object}, {@code null} when absent (DELETE)
 * @param oldObject    {@code request.oldObject}, {@code null} when absent (CREATE)
 */
public record ReviewRequest(
        String uid,
        String group,
        String kind,
        String operation,
        String subResource,
        String namespace,
        String name,
        boolean dryRun,
        JsonNode object,
        JsonNode oldObject) {
}
