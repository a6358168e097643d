package io.runnerguard.patch;

import static io.runnerguard.testing.Pods.chartPodSpec;
import static io.runnerguard.testing.Pods.chartRunner;
import static io.runnerguard.testing.Pods.n8nWorker;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.runnerguard.policy.Settings;
import io.runnerguard.testing.ApiServer;
import io.runnerguard.testing.Answer;
import io.runnerguard.testing.Harness;
import io.runnerguard.testing.Json;
import io.runnerguard.testing.PatchInvariants;
import io.runnerguard.testing.Pods;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pods shaped like the ones users apply, patched by {@code /mutate}, applied by an independent
 * strict RFC 6902 applier, and checked for what the user would find in the running pod.
 */
class PatchScenariosTest {

    private static final Settings DEFAULTS = Settings.defaults();

    @Test
    void patchesSidecarAddedByOfficialChart() {
        ObjectNode pod = ApiServer.pod(Pods.literalModeWorkerPod(Pods.RUNNERS_2_4_6));
        JsonNode patched = PatchInvariants.check(DEFAULTS, pod);

        JsonNode runner = patched.at("/spec/containers/1");
        assertThat(runner.get("image").stringValue()).isEqualTo("n8nio/runners:2.4.6-distroless");
        assertThat(runner.at("/securityContext/runAsUser").asLong()).isEqualTo(65532);
        assertThat(runner.at("/securityContext/runAsGroup").asLong()).isEqualTo(65532);
        assertThat(runner.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        // Kept as the chart wrote them:
        assertThat(runner.at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();
        assertThat(runner.at("/securityContext/capabilities/drop/0").stringValue()).isEqualTo("ALL");
        assertThat(patched.at("/spec/securityContext/runAsUser").asLong()).as("pod level untouched").isEqualTo(1000);
        assertThat(patched.at("/spec/containers/0")).as("n8n container untouched").isEqualTo(pod.at("/spec/containers/0"));

        JsonNode tmpMount = runner.get("volumeMounts").get(1);
        assertThat(tmpMount.get("mountPath").stringValue()).isEqualTo("/tmp");
        JsonNode tmpVolume = volumeNamed(patched, tmpMount.get("name").stringValue());
        assertThat(tmpVolume.at("/emptyDir/sizeLimit").stringValue()).isEqualTo("64Mi");
        assertThat(runner.get("volumeMounts").get(0).get("mountPath").stringValue())
                .as("service-account token mount kept first").isEqualTo("/var/run/secrets/kubernetes.io/serviceaccount");

        Answer validation = Harness.defaults().validate(ApiServer.create(patched));
        assertThat(validation.allowed()).isTrue();
    }

    @Test
    void addsVolumesListWhenPodHasNone() {
        ObjectNode pod = Json.tree(Pods.literalModeWorkerPod(Pods.RUNNERS_2_4_6));
        assertThat(pod.at("/spec/volumes").isMissingNode()).isTrue();

        JsonNode patched = PatchInvariants.check(DEFAULTS, pod);

        assertThat(patched.at("/spec/volumes").size()).isEqualTo(1);
        assertThat(patched.at("/spec/volumes/0/name").stringValue()).isEqualTo("task-runner-tmp");
    }

    @Test
    void replacesNullSecurityContextVolumesAndMountsInsteadOfAddingBelowThem() {
        ObjectNode pod = Json.tree(Pods.literalModeWorkerPod(Pods.RUNNERS_2_4_6));
        ObjectNode runner = (ObjectNode) pod.at("/spec/containers/1");
        runner.putNull("securityContext");
        runner.putNull("volumeMounts");
        ((ObjectNode) pod.get("spec")).putNull("volumes");

        JsonNode patched = PatchInvariants.check(DEFAULTS, pod);

        assertThat(patched.at("/spec/containers/1/securityContext/runAsUser").asLong()).isEqualTo(65532);
        assertThat(patched.at("/spec/containers/1/volumeMounts/0/mountPath").stringValue()).isEqualTo("/tmp");
        assertThat(patched.at("/spec/volumes/0/emptyDir/sizeLimit").stringValue()).isEqualTo("64Mi");
    }

    @Test
    void picksAnotherVolumeNameWhenTheUsualOneIsTaken() {
        ObjectNode pod = ApiServer.pod(Pods.pod("n8n-0", chartPodSpec()
                .withContainers(n8nWorker("external").build(), chartRunner(Pods.RUNNERS_2_4_6).build())
                .addNewVolume().withName("task-runner-tmp").withNewConfigMap().withName("other").endConfigMap().endVolume()
                .build()));

        JsonNode patched = PatchInvariants.check(DEFAULTS, pod);

        String mounted = patched.at("/spec/containers/1/volumeMounts").get(1).get("name").stringValue();
        assertThat(mounted).isEqualTo("task-runner-tmp-2");
        assertThat(volumeNamed(patched, "task-runner-tmp").has("configMap")).as("user's volume kept").isTrue();
        assertThat(volumeNamed(patched, "task-runner-tmp-2").has("emptyDir")).isTrue();
    }

    @Test
    void leavesAnExistingTmpEmptyDirAlone() {
        ObjectNode pod = ApiServer.pod(Pods.pod("n8n-0", chartPodSpec()
                .withContainers(n8nWorker("external").build(), chartRunner(Pods.RUNNERS_2_4_6)
                        .addNewVolumeMount().withName("scratch").withMountPath("/tmp").endVolumeMount().build())
                .addNewVolume().withName("scratch").withNewEmptyDir().withMedium("Memory").endEmptyDir().endVolume()
                .build()));

        JsonNode patched = PatchInvariants.check(DEFAULTS, pod);

        assertThat(patched.at("/spec/volumes")).isEqualTo(pod.at("/spec/volumes"));
        assertThat(patched.at("/spec/containers/1/volumeMounts")).isEqualTo(pod.at("/spec/containers/1/volumeMounts"));
    }

    @Test
    void givesEachOfSeveralRunnersItsOwnTmp() {
        ObjectNode pod = ApiServer.pod(Pods.pod("n8n-0", chartPodSpec().withContainers(
                n8nWorker("external").build(),
                chartRunner(Pods.RUNNERS_2_4_6).withName("runner-js").build(),
                chartRunner("ghcr.io/n8n-io/runners:2.4.6").withName("runner-py").build()).build()));

        JsonNode patched = PatchInvariants.check(DEFAULTS, pod);

        String js = patched.at("/spec/containers/1/volumeMounts/1/name").stringValue();
        String py = patched.at("/spec/containers/2/volumeMounts/1/name").stringValue();
        assertThat(js).isNotEqualTo(py);
        assertThat(volumeNamed(patched, js).has("emptyDir")).isTrue();
        assertThat(volumeNamed(patched, py).has("emptyDir")).isTrue();
        assertThat(patched.at("/spec/containers/2/image").stringValue()).isEqualTo("ghcr.io/n8n-io/runners:2.4.6-distroless");
    }

    @Test
    void keepsFieldsOurModelDoesNotKnow() {
        ObjectNode pod = ApiServer.pod(Pods.literalModeWorkerPod(Pods.RUNNERS_2_4_6));
        ((ObjectNode) pod.at("/spec/containers/1")).putObject("futureContainerField").put("enabled", true);
        ((ObjectNode) pod.get("spec")).put("futurePodField", "kept");
        ((ObjectNode) pod.at("/spec/containers/1/securityContext")).put("futureSecurityField", 7);

        JsonNode patched = PatchInvariants.check(DEFAULTS, pod);

        assertThat(patched.at("/spec/containers/1/futureContainerField/enabled").asBoolean()).isTrue();
        assertThat(patched.at("/spec/futurePodField").stringValue()).isEqualTo("kept");
        assertThat(patched.at("/spec/containers/1/securityContext/futureSecurityField").asInt()).isEqualTo(7);
    }

    @Test
    void patchesNativeSidecarRunnerInInitContainers() {
        ObjectNode pod = ApiServer.pod(Pods.pod("n8n-0", chartPodSpec()
                .withContainers(n8nWorker("external").build())
                .withInitContainers(new ContainerBuilder().withName("wait-for-db").withImage("busybox:1.36")
                                .withCommand("sh", "-c", "until nc -z db 5432; do sleep 1; done").build(),
                        chartRunner("n8nio/runners:2.4.8").withName("n8n-runners").withRestartPolicy("Always").build())
                .build()));

        JsonNode patched = PatchInvariants.check(DEFAULTS, pod);

        assertThat(patched.at("/spec/initContainers/1/image").stringValue()).isEqualTo("n8nio/runners:2.4.8-distroless");
        assertThat(patched.at("/spec/initContainers/1/restartPolicy").stringValue()).isEqualTo("Always");
        assertThat(patched.at("/spec/initContainers/0")).as("plain init container untouched")
                .isEqualTo(pod.at("/spec/initContainers/0"));
    }

    @Test
    void leavesPlainInitContainerOnRunnersImageAlone() {
        // n8n's ECS templates run a root "config patch" step on the runners image: it is not a runner.
        ObjectNode pod = ApiServer.pod(Pods.pod("n8n-0", chartPodSpec()
                .withContainers(n8nWorker("external").build(), Pods.compliantRunner().build())
                .withInitContainers(new ContainerBuilder().withName("config-patch").withImage(Pods.RUNNERS_2_4_6)
                        .withNewSecurityContext().withRunAsUser(0L).endSecurityContext().build())
                .addNewVolume().withName("runner-tmp").withNewEmptyDir().endEmptyDir().endVolume()
                .build()));

        Answer answer = Harness.defaults().mutate(ApiServer.create(pod));

        assertThat(answer.hasPatch()).isFalse();
        assertThat(Harness.defaults().validate(ApiServer.create(pod)).allowed()).isTrue();
    }

    @Test
    void neverOverwritesAContainerValueTheUserChose() {
        ObjectNode pod = ApiServer.pod(Pods.pod("n8n-0", chartPodSpec().withContainers(n8nWorker("external").build(),
                chartRunner(Pods.RUNNERS_2_4_6).editSecurityContext().withRunAsUser(1000L).endSecurityContext().build())
                .build()));

        JsonNode patched = PatchInvariants.check(DEFAULTS, pod);

        assertThat(patched.at("/spec/containers/1/securityContext/runAsUser").asLong()).isEqualTo(1000);
        assertThat(patched.at("/spec/containers/1/securityContext/runAsGroup").asLong()).isEqualTo(65532);
        Answer validation = Harness.defaults().validate(ApiServer.create(patched));
        assertThat(validation.allowed()).isFalse();
        assertThat(validation.message()).contains("[run-as-uid-65532]", "\"task-runner\"",
                "spec.containers[1].securityContext.runAsUser", "1000");
    }

    @Test
    void inheritsCompliantPodLevelUserWithoutAddingContainerFields() {
        ObjectNode pod = ApiServer.pod(Pods.pod("n8n-0", chartPodSpec()
                .editSecurityContext().withRunAsUser(65532L).withRunAsGroup(65532L).endSecurityContext()
                .withContainers(n8nWorker("external").build(), chartRunner(Pods.RUNNERS_2_4_6).build()).build()));

        JsonNode patched = PatchInvariants.check(DEFAULTS, pod);

        assertThat(patched.at("/spec/containers/1/securityContext").has("runAsUser")).isFalse();
        assertThat(patched.at("/spec/containers/1/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
    }

    @Test
    void usesConfiguredTmpSizeAndMemoryMedium() {
        Settings settings = new Settings(java.util.List.of(), java.util.List.of(), java.util.List.of(), 65532, 65532,
                "128Mi", "Memory", java.util.Set.of("kube-system"), java.util.Map.of(), false, false);
        JsonNode patched = PatchInvariants.check(settings, ApiServer.pod(Pods.literalModeWorkerPod(Pods.RUNNERS_2_4_6)));

        JsonNode volume = volumeNamed(patched, "task-runner-tmp");
        assertThat(volume.at("/emptyDir/sizeLimit").stringValue()).isEqualTo("128Mi");
        assertThat(volume.at("/emptyDir/medium").stringValue()).isEqualTo("Memory");
    }

    private static JsonNode volumeNamed(JsonNode pod, String name) {
        for (JsonNode volume : pod.at("/spec/volumes")) {
            if (volume.get("name").stringValue().equals(name)) {
                return volume;
            }
        }
        throw new AssertionError("no volume " + name + " in " + pod.at("/spec/volumes"));
    }
}
