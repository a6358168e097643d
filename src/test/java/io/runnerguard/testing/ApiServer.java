package io.runnerguard.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Shapes objects and AdmissionReviews the way kube-apiserver sends them to webhooks: defaults
 * applied at decoding, the ServiceAccount admission plugin's token volume already injected into
 * Pods (it runs before webhooks), a fresh {@code uid} per call, {@code oldObject} on UPDATE and a
 * {@code null} object on DELETE.
 */
public final class ApiServer {

    private static final Map<String, String[]> RESOURCES = Map.of(
            "Pod", new String[] {"", "v1", "pods"},
            "Deployment", new String[] {"apps", "v1", "deployments"},
            "ReplicaSet", new String[] {"apps", "v1", "replicasets"},
            "StatefulSet", new String[] {"apps", "v1", "statefulsets"},
            "DaemonSet", new String[] {"apps", "v1", "daemonsets"},
            "Job", new String[] {"batch", "v1", "jobs"},
            "CronJob", new String[] {"batch", "v1", "cronjobs"},
            "ReplicationController", new String[] {"", "v1", "replicationcontrollers"},
            "PodTemplate", new String[] {"", "v1", "podtemplates"},
            "ConfigMap", new String[] {"", "v1", "configmaps"});

    private ApiServer() {
    }

    /** A Pod as a mutating webhook receives it on CREATE. */
    public static ObjectNode pod(HasMetadata pod) {
        ObjectNode object = Json.tree(pod);
        ObjectNode spec = (ObjectNode) object.get("spec");
        applyPodSpecDefaults(spec);
        injectServiceAccountToken(spec);
        ObjectNode metadata = (ObjectNode) object.get("metadata");
        if (!metadata.has("namespace")) {
            metadata.put("namespace", "automation");
        }
        return object;
    }

    /** A workload as webhooks receive it: template defaults applied, no token volume (pods get it later). */
    public static ObjectNode workload(HasMetadata workload) {
        ObjectNode object = Json.tree(workload);
        for (String pointer : List.of("/spec/template/spec", "/spec/jobTemplate/spec/template/spec", "/template/spec")) {
            JsonNode spec = object.at(pointer);
            if (spec.isObject()) {
                applyPodSpecDefaults((ObjectNode) spec);
            }
        }
        ObjectNode metadata = (ObjectNode) object.get("metadata");
        if (!metadata.has("namespace")) {
            metadata.put("namespace", "automation");
        }
        return object;
    }

    static void applyPodSpecDefaults(ObjectNode spec) {
        putIfAbsent(spec, "restartPolicy", "Always");
        putIfAbsent(spec, "dnsPolicy", "ClusterFirst");
        putIfAbsent(spec, "schedulerName", "default-scheduler");
        putIfAbsent(spec, "serviceAccountName", "default");
        putIfAbsent(spec, "serviceAccount", spec.get("serviceAccountName").stringValue());
        if (!spec.has("terminationGracePeriodSeconds")) {
            spec.put("terminationGracePeriodSeconds", 30);
        }
        if (!spec.has("enableServiceLinks")) {
            spec.put("enableServiceLinks", true);
        }
        putIfAbsent(spec, "preemptionPolicy", "PreemptLowerPriority");
        if (!spec.has("priority")) {
            spec.put("priority", 0);
        }
        if (!spec.has("securityContext")) {
            spec.putObject("securityContext");
        }
        for (String list : List.of("containers", "initContainers")) {
            JsonNode containers = spec.get(list);
            if (containers != null && containers.isArray()) {
                for (JsonNode container : containers) {
                    ObjectNode c = (ObjectNode) container;
                    putIfAbsent(c, "terminationMessagePath", "/dev/termination-log");
                    putIfAbsent(c, "terminationMessagePolicy", "File");
                    String image = c.path("image").asString("");
                    putIfAbsent(c, "imagePullPolicy",
                            image.endsWith(":latest") || !image.substring(image.lastIndexOf('/') + 1).contains(":")
                                    ? "Always" : "IfNotPresent");
                    if (!c.has("resources")) {
                        c.putObject("resources");
                    }
                }
            }
        }
        ArrayNode tolerations = spec.has("tolerations") ? (ArrayNode) spec.get("tolerations") : spec.putArray("tolerations");
        if (tolerations.isEmpty()) {
            for (String key : List.of("node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable")) {
                tolerations.addObject().put("key", key).put("operator", "Exists").put("effect", "NoExecute")
                        .put("tolerationSeconds", 300);
            }
        }
    }

    static void injectServiceAccountToken(ObjectNode spec) {
        String volumeName = "kube-api-access-" + UUID.randomUUID().toString().substring(0, 5);
        ArrayNode volumes = spec.has("volumes") && spec.get("volumes").isArray()
                ? (ArrayNode) spec.get("volumes") : spec.putArray("volumes");
        ObjectNode projected = volumes.addObject().put("name", volumeName).putObject("projected");
        projected.put("defaultMode", 420);
        ArrayNode sources = projected.putArray("sources");
        sources.addObject().putObject("serviceAccountToken").put("expirationSeconds", 3607).put("path", "token");
        sources.addObject().putObject("configMap").put("name", "kube-root-ca.crt")
                .putArray("items").addObject().put("key", "ca.crt").put("path", "ca.crt");
        for (String list : List.of("containers", "initContainers")) {
            JsonNode containers = spec.get(list);
            if (containers != null && containers.isArray()) {
                for (JsonNode container : containers) {
                    ObjectNode c = (ObjectNode) container;
                    ArrayNode mounts = c.has("volumeMounts") && c.get("volumeMounts").isArray()
                            ? (ArrayNode) c.get("volumeMounts") : c.putArray("volumeMounts");
                    mounts.addObject().put("name", volumeName)
                            .put("mountPath", "/var/run/secrets/kubernetes.io/serviceaccount").put("readOnly", true);
                }
            }
        }
    }

    private static void putIfAbsent(ObjectNode node, String field, String value) {
        if (!node.has(field)) {
            node.put(field, value);
        }
    }

    public static Review create(JsonNode object) {
        return new Review("CREATE", object, null);
    }

    public static Review update(JsonNode oldObject, JsonNode object) {
        return new Review("UPDATE", object, oldObject);
    }

    public static Review delete(JsonNode oldObject) {
        return new Review("DELETE", null, oldObject);
    }

    /** An AdmissionReview request under construction. */
    public static final class Review {
        private final String operation;
        private final JsonNode object;
        private final JsonNode oldObject;
        private String uid = UUID.randomUUID().toString();
        private boolean dryRun;
        private String subResource;
        private String namespace;

        private Review(String operation, JsonNode object, JsonNode oldObject) {
            this.operation = operation;
            this.object = object;
            this.oldObject = oldObject;
        }

        public Review dryRun() {
            this.dryRun = true;
            return this;
        }

        public Review subResource(String subResource) {
            this.subResource = subResource;
            return this;
        }

        public Review namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        public String uid() {
            return uid;
        }

        public ObjectNode toTree() {
            JsonNode source = object != null ? object : oldObject;
            String kind = source.get("kind").stringValue();
            String[] resource = RESOURCES.get(kind);
            String ns = namespace != null ? namespace : source.path("metadata").path("namespace").asString("automation");
            ObjectNode review = Json.MAPPER.createObjectNode();
            review.put("apiVersion", "admission.k8s.io/v1");
            review.put("kind", "AdmissionReview");
            ObjectNode request = review.putObject("request");
            request.put("uid", uid);
            request.putObject("kind").put("group", resource[0]).put("version", resource[1]).put("kind", kind);
            request.putObject("resource").put("group", resource[0]).put("version", resource[1]).put("resource", resource[2]);
            request.set("requestKind", request.get("kind").deepCopy());
            request.set("requestResource", request.get("resource").deepCopy());
            if (subResource != null) {
                request.put("subResource", subResource);
            }
            String name = source.path("metadata").path("name").asString("");
            if (!name.isEmpty()) {
                request.put("name", name);
            }
            request.put("namespace", ns);
            request.put("operation", operation);
            request.putObject("userInfo").put("username", "system:serviceaccount:kube-system:replicaset-controller")
                    .put("uid", UUID.randomUUID().toString()).putArray("groups").add("system:serviceaccounts");
            request.set("object", object == null ? Json.MAPPER.nullNode() : object);
            request.set("oldObject", oldObject == null ? Json.MAPPER.nullNode() : oldObject);
            request.put("dryRun", dryRun);
            String optionsKind = switch (operation) {
                case "CREATE" -> "CreateOptions";
                case "UPDATE" -> "UpdateOptions";
                default -> "DeleteOptions";
            };
            request.putObject("options").put("apiVersion", "meta.k8s.io/v1").put("kind", optionsKind);
            return review;
        }

        public String json() {
            return Json.write(toTree());
        }
    }
}
