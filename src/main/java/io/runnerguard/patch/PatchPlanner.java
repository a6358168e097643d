package io.runnerguard.patch;

import io.runnerguard.policy.ContainerSlot;
import io.runnerguard.policy.Fix;
import io.runnerguard.policy.Fix.MountTmpEmptyDir;
import io.runnerguard.policy.Fix.ReplaceImage;
import io.runnerguard.policy.Fix.SetSecurityContextField;
import io.runnerguard.policy.rules.TmpVolumeRule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns fixes into explicit RFC 6902 operations against the raw pod spec, the way the API server's
 * strict applier needs them: every {@code add} has an existing parent (a missing or {@code null}
 * {@code securityContext}, {@code volumeMounts} or {@code volumes} is added whole), arrays that exist
 * are appended to with {@code /-} and never replaced, and nothing the fixes do not own is written.
 */
public final class PatchPlanner {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_VOLUME_NAME = 63;

    private PatchPlanner() {
    }

    /**
     * @param podSpec         the raw pod spec node the fixes were found in
     * @param podSpecPointer  its JSON Pointer in the request object, e.g. {@code /spec/template/spec}
     */
    public static List<PatchOperation> plan(JsonNode podSpec, String podSpecPointer, List<Fix> fixes) {
        Map<ContainerSlot, List<Fix>> bySlot = new LinkedHashMap<>();
        for (Fix fix : fixes) {
            bySlot.computeIfAbsent(fix.slot(), slot -> new ArrayList<>()).add(fix);
        }
        List<PatchOperation> operations = new ArrayList<>();
        VolumeNames volumeNames = new VolumeNames(podSpec);
        List<ObjectNode> newVolumes = new ArrayList<>();
        for (Map.Entry<ContainerSlot, List<Fix>> entry : bySlot.entrySet()) {
            ContainerSlot slot = entry.getKey();
            String containerPointer = JsonPointers.append(JsonPointers.append(podSpecPointer, slot.list()), slot.index());
            JsonNode container = podSpec.get(slot.list()).get(slot.index());
            planSecurityContext(container, containerPointer, entry.getValue(), operations);
            for (Fix fix : entry.getValue()) {
                if (fix instanceof ReplaceImage image) {
                    operations.add(PatchOperation.replace(JsonPointers.append(containerPointer, "image"),
                            NODES.stringNode(image.image())));
                } else if (fix instanceof MountTmpEmptyDir tmp) {
                    String volumeName = volumeNames.allocate((tmp.containerName() == null ? "runner" : tmp.containerName()) + "-tmp");
                    newVolumes.add(emptyDirVolume(volumeName, tmp));
                    appendTo(container, containerPointer, "volumeMounts", tmpMount(volumeName), operations);
                }
            }
        }
        if (!newVolumes.isEmpty()) {
            appendAll(podSpec, podSpecPointer, "volumes", newVolumes, operations);
        }
        return operations;
    }

    private static void planSecurityContext(JsonNode container, String containerPointer, List<Fix> fixes,
            List<PatchOperation> operations) {
        ObjectNode fields = NODES.objectNode();
        for (Fix fix : fixes) {
            if (fix instanceof SetSecurityContextField set) {
                if (set.value() instanceof Long number) {
                    fields.put(set.field(), number);
                } else {
                    fields.put(set.field(), (Boolean) set.value());
                }
            }
        }
        if (fields.isEmpty()) {
            return;
        }
        String contextPointer = JsonPointers.append(containerPointer, "securityContext");
        if (isAbsent(container.get("securityContext"))) {
            operations.add(PatchOperation.add(contextPointer, fields));
            return;
        }
        for (Map.Entry<String, JsonNode> field : fields.properties()) {
            operations.add(PatchOperation.add(JsonPointers.append(contextPointer, field.getKey()), field.getValue()));
        }
    }

    private static void appendTo(JsonNode parent, String parentPointer, String arrayField, ObjectNode element,
            List<PatchOperation> operations) {
        appendAll(parent, parentPointer, arrayField, List.of(element), operations);
    }

    private static void appendAll(JsonNode parent, String parentPointer, String arrayField, List<ObjectNode> elements,
            List<PatchOperation> operations) {
        String arrayPointer = JsonPointers.append(parentPointer, arrayField);
        if (isAbsent(parent.get(arrayField))) {
            ArrayNode array = NODES.arrayNode();
            elements.forEach(array::add);
            operations.add(PatchOperation.add(arrayPointer, array));
            return;
        }
        for (ObjectNode element : elements) {
            operations.add(PatchOperation.add(arrayPointer + "/-", element));
        }
    }

    private static ObjectNode emptyDirVolume(String name, MountTmpEmptyDir tmp) {
        ObjectNode emptyDir = NODES.objectNode();
        if (!tmp.medium().isEmpty()) {
            emptyDir.put("medium", tmp.medium());
        }
        emptyDir.put("sizeLimit", tmp.sizeLimit());
        ObjectNode volume = NODES.objectNode();
        volume.put("name", name);
        volume.set("emptyDir", emptyDir);
        return volume;
    }

    private static ObjectNode tmpMount(String volumeName) {
        ObjectNode mount = NODES.objectNode();
        mount.put("name", volumeName);
        mount.put("mountPath", TmpVolumeRule.MOUNT_PATH);
        return mount;
    }

    private static boolean isAbsent(JsonNode node) {
        return node == null || node.isNull();
    }

    /** Volume names must be unique in the pod and valid DNS labels (at most 63 characters). */
    private static final class VolumeNames {
        private final Set<String> taken = new HashSet<>();

        VolumeNames(JsonNode podSpec) {
            JsonNode volumes = podSpec.get("volumes");
            if (volumes != null && volumes.isArray()) {
                for (JsonNode volume : volumes) {
                    JsonNode name = volume.get("name");
                    if (name != null && name.isString()) {
                        taken.add(name.stringValue());
                    }
                }
            }
        }

        String allocate(String wanted) {
            String base = trim(wanted, MAX_VOLUME_NAME);
            String name = base;
            for (int n = 2; taken.contains(name); n++) {
                String suffix = "-" + n;
                name = trim(base, MAX_VOLUME_NAME - suffix.length()) + suffix;
            }
            taken.add(name);
            return name;
        }

        private static String trim(String name, int max) {
            String trimmed = name.length() > max ? name.substring(0, max) : name;
            while (trimmed.endsWith("-")) {
                trimmed = trimmed.substring(0, trimmed.length() - 1);
            }
            return trimmed;
        }
    }
}
