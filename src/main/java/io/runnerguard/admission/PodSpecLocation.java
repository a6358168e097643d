package io.runnerguard.admission;

import io.runnerguard.patch.JsonPointers;
import java.util.Map;
import java.util.Optional;

/**
 * Where each kind in scope keeps its pod spec (SPEC §1). Any other kind is out of scope.
 *
 * @param fieldPath  e.g. {@code spec.template.spec}
 * @param pointer    the same as a JSON Pointer, e.g. {@code /spec/template/spec}
 * @param isPod      a Pod itself, rather than a workload's pod template
 */
public record PodSpecLocation(String fieldPath, String pointer, boolean isPod) {

    private static final PodSpecLocation POD = of("spec", true);
    private static final PodSpecLocation TEMPLATE = of("spec.template.spec", false);

    private static final Map<String, PodSpecLocation> BY_GROUP_KIND = Map.of(
            "/Pod", POD,
            "/ReplicationController", TEMPLATE,
            "/PodTemplate", of("template.spec", false),
            "apps/Deployment", TEMPLATE,
            "apps/ReplicaSet", TEMPLATE,
            "apps/StatefulSet", TEMPLATE,
            "apps/DaemonSet", TEMPLATE,
            "batch/Job", TEMPLATE,
            "batch/CronJob", of("spec.jobTemplate.spec.template.spec", false));

    public static Optional<PodSpecLocation> forKind(String group, String kind) {
        return Optional.ofNullable(BY_GROUP_KIND.get(group + "/" + kind));
    }

    private static PodSpecLocation of(String fieldPath, boolean isPod) {
        return new PodSpecLocation(fieldPath, JsonPointers.fromFieldPath(fieldPath), isPod);
    }
}
