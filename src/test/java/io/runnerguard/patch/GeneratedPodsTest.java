package io.runnerguard.patch;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnerguard.policy.Finding;
import io.runnerguard.policy.Finding.Verdict;
import io.runnerguard.policy.PodSpecReader;
import io.runnerguard.policy.PolicyEngine;
import io.runnerguard.policy.Settings;
import io.runnerguard.testing.ApiServer;
import io.runnerguard.testing.Answer;
import io.runnerguard.testing.Harness;
import io.runnerguard.testing.Json;
import io.runnerguard.testing.PatchInvariants;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Property-based: for pods generated from fixed seeds (so a failure names a seed that reproduces
 * it), {@code /mutate}'s patch applies strictly, only adds what runner-guard owns, leaves nothing
 * fixable, is idempotent, and {@code /validate} then denies exactly what could not be fixed.
 */
class GeneratedPodsTest {

    private static final int PODS = 400;
    private static final Settings SETTINGS = Settings.defaults();

    @TestFactory
    Stream<DynamicTest> everyGeneratedPodPatchesToACompliantFixedPoint() {
        return IntStream.range(0, PODS).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
            ObjectNode pod = new PodGenerator(new Random(seed)).pod();
            JsonNode patched = PatchInvariants.check(SETTINGS, pod);

            List<Finding> before = new PolicyEngine(SETTINGS).evaluate(PodSpecReader.read(pod.get("spec"), "spec")).findings();
            boolean expectDenial = before.stream().anyMatch(finding -> finding.verdict() == Verdict.NOT_FIXABLE);
            Answer validation = new Harness(SETTINGS).validate(ApiServer.create(patched));
            assertThat(validation.allowed()).as("validate after mutate, findings before: %s", before).isEqualTo(!expectDenial);
            assertThat(validation.hasPatch()).isFalse();
        }));
    }

    /** Random pods over the shapes that matter to the rules and the patch. */
    static final class PodGenerator {
        private static final String[] RUNNER_IMAGES = {
            "n8nio/runners:2.4.6", "n8nio/runners:1", "n8nio/runners:1.119", "docker.io/n8nio/runners:nightly",
            "ghcr.io/n8n-io/runners:dev", "n8nio/runners:2.4.6-distroless", "n8nio/runners:stable", "n8nio/runners",
            "n8nio/runners:latest", "index.docker.io/n8nio/runners:2.1.0",
            "n8nio/runners@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "n8nio/runners:2.4.6@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "docker.n8n.io/n8nio/runners:2.3.0", "registry.local:5000/custom/runner:1.0"
        };
        private static final Long[] IDS = {null, 0L, 1000L, 65532L};
        private static final Boolean[] FLAGS = {null, true, false};

        private final Random random;
        private int names;
        private boolean podHasVolumes;

        PodGenerator(Random random) {
            this.random = random;
        }

        ObjectNode pod() {
            ObjectNode pod = Json.MAPPER.createObjectNode();
            pod.put("apiVersion", "v1").put("kind", "Pod");
            pod.putObject("metadata").put("name", "generated").put("namespace", "automation");
            ObjectNode spec = pod.putObject("spec");
            if (random.nextInt(4) > 0) {
                securityFields(spec.putObject("securityContext"), false);
            }
            volumes(spec);
            ArrayNode containers = spec.putArray("containers");
            int count = 1 + random.nextInt(4);
            for (int i = 0; i < count; i++) {
                containers.add(container(true));
            }
            if (random.nextBoolean()) {
                ArrayNode init = spec.putArray("initContainers");
                for (int i = random.nextInt(3); i >= 0; i--) {
                    init.add(container(false));
                }
            }
            if (random.nextInt(5) == 0) {
                spec.putObject("futurePodField").put("x", 1);
            }
            return pod;
        }

        private void volumes(ObjectNode spec) {
            int shape = random.nextInt(5);
            podHasVolumes = shape >= 3;
            switch (shape) {
                case 0 -> { } // absent
                case 1 -> spec.putNull("volumes");
                case 2 -> spec.putArray("volumes");
                default -> {
                    ArrayNode volumes = spec.putArray("volumes");
                    volumes.addObject().put("name", "scratch").putObject("emptyDir");
                    volumes.addObject().put("name", "config").putObject("configMap").put("name", "cfg");
                    volumes.addObject().put("name", "c0-tmp").putObject("emptyDir");
                    volumes.addObject().put("name", "c1-tmp").putObject("secret").put("secretName", "s");
                }
            }
        }

        private ObjectNode container(boolean regular) {
            ObjectNode container = Json.MAPPER.createObjectNode();
            container.put("name", "c" + names++);
            ArrayNode env = container.putArray("env");
            switch (random.nextInt(5)) {
                case 0 -> container.put("image", "nginx:1.27");
                case 1 -> {
                    container.put("image", "docker.n8n.io/n8nio/n8n:2.4.6");
                    env.addObject().put("name", "N8N_RUNNERS_MODE").put("value", random.nextBoolean() ? "external" : "internal");
                }
                case 2 -> {
                    container.put("image", "n8nio/n8n:1.110.0");
                    container.putArray("command").add("/usr/local/bin/task-runner-launcher");
                }
                default -> {
                    container.put("image", RUNNER_IMAGES[random.nextInt(RUNNER_IMAGES.length)]);
                    env.addObject().put("name", "N8N_RUNNERS_TASK_BROKER_URI").put("value", "http://localhost:5679");
                }
            }
            env.addObject().put("name", "N8N_RUNNERS_AUTH_TOKEN").putObject("valueFrom").putObject("secretKeyRef")
                    .put("name", "token").put("key", "auth");
            if (!regular && random.nextBoolean()) {
                container.put("restartPolicy", "Always");
            }
            switch (random.nextInt(4)) {
                case 0 -> { }
                case 1 -> container.putNull("securityContext");
                default -> securityFields(container.putObject("securityContext"), true);
            }
            // Mounts only name volumes the pod defines: the API server would reject anything else.
            switch (random.nextInt(podHasVolumes ? 5 : 3)) {
                case 0 -> { }
                case 1 -> container.putNull("volumeMounts");
                case 2 -> container.putArray("volumeMounts");
                case 3 -> container.putArray("volumeMounts").addObject().put("name", "config").put("mountPath", "/etc/n8n");
                default -> {
                    ObjectNode mount = container.putArray("volumeMounts").addObject()
                            .put("name", random.nextBoolean() ? "scratch" : "config").put("mountPath", "/tmp");
                    if (random.nextInt(4) == 0) {
                        mount.put("readOnly", true);
                    }
                }
            }
            if (random.nextInt(6) == 0) {
                container.put("futureContainerField", "kept");
            }
            return container;
        }

        private void securityFields(ObjectNode context, boolean containerLevel) {
            putLong(context, "runAsUser", IDS[random.nextInt(IDS.length)]);
            putLong(context, "runAsGroup", IDS[random.nextInt(IDS.length)]);
            putFlag(context, "runAsNonRoot", FLAGS[random.nextInt(FLAGS.length)]);
            if (containerLevel) {
                putFlag(context, "readOnlyRootFilesystem", FLAGS[random.nextInt(FLAGS.length)]);
                if (random.nextBoolean()) {
                    context.put("allowPrivilegeEscalation", false);
                }
            }
        }

        private static void putLong(ObjectNode node, String field, Long value) {
            if (value != null) {
                node.put(field, value);
            }
        }

        private static void putFlag(ObjectNode node, String field, Boolean value) {
            if (value != null) {
                node.put(field, value);
            }
        }
    }
}
