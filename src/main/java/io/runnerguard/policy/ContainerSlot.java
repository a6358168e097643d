package io.runnerguard.policy;

/**
 * Where a container sits in its pod spec: {@code containers[index]} or
 * {@code initContainers[index]}.
 */
public record ContainerSlot(String list, int index) {

    public static final String CONTAINERS = "containers";
    public static final String INIT_CONTAINERS = "initContainers";

    /** Field path in the object, e.g. {@code spec.containers[1]}. */
    public String fieldPath(String podSpecPath) {
        return podSpecPath + "." + list + "[" + index + "]";
    }
}
