package io.runnerguard.policy;

import io.runnerguard.policy.ContainerView.ContainerSecurity;
import io.runnerguard.policy.ContainerView.EnvVar;
import io.runnerguard.policy.ContainerView.VolumeMount;
import io.runnerguard.policy.PodSpecView.PodSecurity;
import io.runnerguard.policy.PodSpecView.Volume;
import io.runnerguard.policy.PodSpecView.VolumeSource;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reads a {@link PodSpecView} straight from the request's JSON tree: no typed binding on the hot
 * path, and only the fields the rules need. Absent and {@code null} fields read the same; a field
 * of the wrong JSON type is a {@link MalformedObjectException}.
 */
public final class PodSpecReader {

    private PodSpecReader() {
    }

    public static PodSpecView read(JsonNode spec, String path) {
        requireObject(spec, path);
        List<ContainerView> containers = new ArrayList<>();
        readContainers(spec, path, ContainerSlot.CONTAINERS, containers);
        readContainers(spec, path, ContainerSlot.INIT_CONTAINERS, containers);
        return new PodSpecView(path, podSecurity(spec, path), containers, volumes(spec, path));
    }

    private static PodSecurity podSecurity(JsonNode spec, String path) {
        JsonNode context = objectAt(spec, "securityContext", path);
        if (context == null) {
            return PodSecurity.NONE;
        }
        String at = path + ".securityContext";
        return new PodSecurity(
                longAt(context, "runAsUser", at), longAt(context, "runAsGroup", at), booleanAt(context, "runAsNonRoot", at));
    }

    private static void readContainers(JsonNode spec, String path, String list, List<ContainerView> into) {
        JsonNode entries = arrayAt(spec, list, path);
        if (entries == null) {
            return;
        }
        for (int i = 0; i < entries.size(); i++) {
            ContainerSlot slot = new ContainerSlot(list, i);
            String at = slot.fieldPath(path);
            JsonNode container = entries.get(i);
            requireObject(container, at);
            into.add(new ContainerView(
                    slot,
                    stringAt(container, "name", at),
                    stringAt(container, "image", at),
                    strings(container, "command", at),
                    strings(container, "args", at),
                    env(container, at),
                    arrayAt(container, "envFrom", at) != null && !container.get("envFrom").isEmpty(),
                    containerSecurity(container, at),
                    volumeMounts(container, at),
                    stringAt(container, "restartPolicy", at)));
        }
    }

    private static List<EnvVar> env(JsonNode container, String path) {
        JsonNode entries = arrayAt(container, "env", path);
        if (entries == null) {
            return List.of();
        }
        List<EnvVar> env = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            String at = path + ".env[" + i + "]";
            JsonNode entry = entries.get(i);
            requireObject(entry, at);
            String name = stringAt(entry, "name", at);
            boolean fromReference = objectAt(entry, "valueFrom", at) != null;
            String value = ContainerView.SETTINGS_WITH_VALUES.contains(name) && !fromReference
                    ? stringAt(entry, "value", at)
                    : null;
            env.add(new EnvVar(i, name == null ? "" : name, value, fromReference));
        }
        return env;
    }

    private static ContainerSecurity containerSecurity(JsonNode container, String path) {
        JsonNode context = objectAt(container, "securityContext", path);
        if (context == null) {
            return ContainerSecurity.ABSENT;
        }
        String at = path + ".securityContext";
        return new ContainerSecurity(
                true,
                longAt(context, "runAsUser", at),
                longAt(context, "runAsGroup", at),
                booleanAt(context, "runAsNonRoot", at),
                booleanAt(context, "readOnlyRootFilesystem", at));
    }

    private static List<VolumeMount> volumeMounts(JsonNode container, String path) {
        JsonNode entries = arrayAt(container, "volumeMounts", path);
        if (entries == null) {
            return List.of();
        }
        List<VolumeMount> mounts = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            String at = path + ".volumeMounts[" + i + "]";
            JsonNode mount = entries.get(i);
            requireObject(mount, at);
            Boolean readOnly = booleanAt(mount, "readOnly", at);
            mounts.add(new VolumeMount(
                    i, stringAt(mount, "name", at), stringAt(mount, "mountPath", at), Boolean.TRUE.equals(readOnly)));
        }
        return mounts;
    }

    private static List<Volume> volumes(JsonNode spec, String path) {
        JsonNode entries = arrayAt(spec, "volumes", path);
        if (entries == null) {
            return List.of();
        }
        List<Volume> volumes = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            String at = path + ".volumes[" + i + "]";
            JsonNode volume = entries.get(i);
            requireObject(volume, at);
            VolumeSource source = volume.hasNonNull("emptyDir") ? VolumeSource.EMPTY_DIR
                    : volume.hasNonNull("ephemeral") ? VolumeSource.EPHEMERAL
                    : VolumeSource.OTHER;
            String name = stringAt(volume, "name", at);
            volumes.add(new Volume(name == null ? "" : name, source));
        }
        return volumes;
    }

    private static List<String> strings(JsonNode parent, String field, String path) {
        JsonNode entries = arrayAt(parent, field, path);
        if (entries == null) {
            return List.of();
        }
        List<String> values = new ArrayList<>(entries.size());
        for (JsonNode entry : entries) {
            if (!entry.isString()) {
                throw new MalformedObjectException(path + "." + field, "a list of strings");
            }
            values.add(entry.stringValue());
        }
        return values;
    }

    private static void requireObject(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw new MalformedObjectException(path, "an object");
        }
    }

    private static JsonNode present(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        return value == null || value.isNull() ? null : value;
    }

    private static JsonNode objectAt(JsonNode parent, String field, String path) {
        JsonNode value = present(parent, field);
        if (value != null && !value.isObject()) {
            throw new MalformedObjectException(path + "." + field, "an object");
        }
        return value;
    }

    private static JsonNode arrayAt(JsonNode parent, String field, String path) {
        JsonNode value = present(parent, field);
        if (value != null && !value.isArray()) {
            throw new MalformedObjectException(path + "." + field, "a list");
        }
        return value;
    }

    private static String stringAt(JsonNode parent, String field, String path) {
        JsonNode value = present(parent, field);
        if (value != null && !value.isString()) {
            throw new MalformedObjectException(path + "." + field, "a string");
        }
        return value == null ? null : value.stringValue();
    }

    private static Long longAt(JsonNode parent, String field, String path) {
        JsonNode value = present(parent, field);
        if (value != null && !(value.isIntegralNumber() && value.canConvertToLong())) {
            throw new MalformedObjectException(path + "." + field, "an integer");
        }
        return value == null ? null : value.longValue();
    }

    private static Boolean booleanAt(JsonNode parent, String field, String path) {
        JsonNode value = present(parent, field);
        if (value != null && !value.isBoolean()) {
            throw new MalformedObjectException(path + "." + field, "true or false");
        }
        return value == null ? null : value.booleanValue();
    }
}
