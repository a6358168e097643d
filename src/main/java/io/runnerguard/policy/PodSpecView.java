package io.runnerguard.policy;

import java.util.List;
import java.util.Optional;

/**
 * What the rules may read of one pod spec, wherever it sits (a Pod's {@code spec}, a workload's
 * {@code spec.template.spec}, …). Built once per request from the raw object; immutable.
 *
 * @param path        field path of the pod spec in its object, e.g. {@code spec.template.spec}
 * @param podSecurity pod-level {@code securityContext} values the rules read
 * @param containers  every entry of {@code containers} and {@code initContainers}, in order
 * @param volumes     entries of {@code volumes}
 */
public record PodSpecView(String path, PodSecurity podSecurity, List<ContainerView> containers, List<Volume> volumes) {

    public PodSpecView {
        containers = List.copyOf(containers);
        volumes = List.copyOf(volumes);
    }

    public Optional<Volume> volume(String name) {
        return volumes.stream().filter(volume -> volume.name().equals(name)).findFirst();
    }

    /** Pod-level {@code securityContext} fields that a container inherits when it sets none. */
    public record PodSecurity(Long runAsUser, Long runAsGroup, Boolean runAsNonRoot) {
        public static final PodSecurity NONE = new PodSecurity(null, null, null);
    }

    /** A pod volume and the kind of source behind it. */
    public record Volume(String name, VolumeSource source) {
    }

    public enum VolumeSource {
        EMPTY_DIR, EPHEMERAL, OTHER;

        public boolean isScratchSpace() {
            return this == EMPTY_DIR || this == EPHEMERAL;
        }
    }
}
