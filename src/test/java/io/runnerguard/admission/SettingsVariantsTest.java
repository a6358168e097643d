package io.runnerguard.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnerguard.policy.RuleMode;
import io.runnerguard.policy.Settings;
import io.runnerguard.testing.ApiServer;
import io.runnerguard.testing.Answer;
import io.runnerguard.testing.Harness;
import io.runnerguard.testing.PatchInvariants;
import io.runnerguard.testing.Pods;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The {@code runner-guard.*} settings that change what the endpoints do (SPEC §4). */
class SettingsVariantsTest {

    private static final Settings DEFAULTS = Settings.defaults();

    @Test
    void ruleInAuditModeIsReportedButNeitherFixedNorDenied() {
        Harness harness = new Harness(DEFAULTS.withRuleMode("tmp-volume", RuleMode.AUDIT));
        ObjectNode pod = ApiServer.pod(Pods.literalModeWorkerPod(Pods.RUNNERS_2_4_6));

        Answer mutated = harness.mutate(ApiServer.create(pod));
        JsonNode patched = mutated.patchedObject();
        assertThat(patched.at("/spec/containers/1/volumeMounts").toString()).doesNotContain("\"/tmp\"");
        assertThat(patched.at("/spec/containers/1/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();

        Answer validated = harness.validate(ApiServer.create(patched));
        assertThat(validated.allowed()).isTrue();
        assertThat(validated.warnings()).containsExactly("[tmp-volume] \"task-runner\": no writable emptyDir at /tmp");
    }

    @Test
    void ruleTurnedOffIsNotEvenReported() {
        Harness harness = new Harness(DEFAULTS.withRuleMode("distroless-image", RuleMode.OFF));
        ObjectNode pod = ApiServer.pod(Pods.literalModeWorkerPod("n8nio/runners:stable"));

        JsonNode patched = harness.mutate(ApiServer.create(pod)).patchedObject();

        assertThat(harness.validate(ApiServer.create(patched)).allowed()).isTrue();
        assertThat(harness.audit(ApiServer.create(pod)).warnings()).noneMatch(w -> w.contains("distroless-image"));
    }

    @Test
    void mutateTemplatesPatchesWorkloadsAndThenValidatesThemLikePods() {
        Settings settings = DEFAULTS.withMutateTemplates(true);
        ObjectNode deployment = ApiServer.workload(Pods.deployment("n8n-worker", Pods.officialChartWorkerSpec()));
        Harness harness = new Harness(settings);

        Answer mutated = harness.mutate(ApiServer.create(deployment));
        JsonNode patched = mutated.patchedObject();

        assertThat(patched.at("/spec/template/spec/containers/1/image").stringValue())
                .isEqualTo("n8nio/runners:2.4.6-distroless");
        assertThat(patched.at("/spec/template/spec/volumes/0/emptyDir/sizeLimit").stringValue()).isEqualTo("64Mi");
        assertThat(harness.mutate(ApiServer.create(patched)).hasPatch()).as("idempotent").isFalse();
        assertThat(harness.validate(ApiServer.create(patched)).allowed()).isTrue();
        assertThat(harness.validate(ApiServer.create(deployment)).allowed()).as("unpatched template denied").isFalse();
    }

    @Test
    void strictUnverifiableDeniesWhatCannotBeVerified() {
        Harness strict = new Harness(DEFAULTS.withStrictUnverifiable(true));
        ObjectNode pod = ApiServer.pod(Pods.officialChartWorkerPod());
        JsonNode patched = strict.mutate(ApiServer.create(pod)).patchedObject();

        Answer answer = strict.validate(ApiServer.create(patched));

        assertThat(answer.allowed()).isFalse();
        assertThat(answer.message()).contains("[external-mode] container \"n8n-worker\" spec.containers[0].env[",
                "comes from valueFrom", "runner-guard.strict-unverifiable is on");
    }

    @Test
    void configuredRunnerRepositoryIsJudgedButItsImageCannotBeVerified() {
        Settings settings = DEFAULTS.withImages(List.of("registry.corp.example:5000/mirror/n8n-runners"), List.of(), List.of());
        ObjectNode pod = ApiServer.pod(Pods.pod("n8n-0", Pods.chartPodSpec().withContainers(Pods.n8nWorker("external").build(),
                new io.fabric8.kubernetes.api.model.ContainerBuilder().withName("runner")
                        .withImage("registry.corp.example:5000/mirror/n8n-runners:2.4.6").build()).build()));

        JsonNode patched = PatchInvariants.check(settings, pod);
        Answer validated = new Harness(settings).validate(ApiServer.create(patched));

        assertThat(patched.at("/spec/containers/1/image").stringValue())
                .isEqualTo("registry.corp.example:5000/mirror/n8n-runners:2.4.6");
        assertThat(patched.at("/spec/containers/1/securityContext/runAsUser").asLong()).isEqualTo(65532);
        assertThat(validated.allowed()).isTrue();
        assertThat(validated.warnings()).singleElement().asString()
                .startsWith("[distroless-image] \"runner\": cannot tell whether registry.corp.example:5000/mirror/n8n-runners");
    }

    @Test
    void configuredDistrolessRepositoryHolds() {
        Settings settings = DEFAULTS.withImages(List.of("registry.corp.example/n8n/runners"), List.of(),
                List.of("registry.corp.example/n8n/runners"));
        ObjectNode pod = ApiServer.pod(Pods.pod("n8n-0", Pods.chartPodSpec().withContainers(Pods.n8nWorker("external").build(),
                Pods.compliantRunner().withImage("registry.corp.example/n8n/runners:2.4.6").build())
                .addNewVolume().withName("runner-tmp").withNewEmptyDir().endEmptyDir().endVolume().build()));

        Answer validated = new Harness(settings).validate(ApiServer.create(pod));

        assertThat(validated.allowed()).isTrue();
        assertThat(validated.warnings()).isEmpty();
    }

    @Test
    void customUserAndGroupIds() {
        Settings settings = new Settings(List.of(), List.of(), List.of(), 10001, 10002, "64Mi", "",
                java.util.Set.of("kube-system"), java.util.Map.of(), false, false);

        JsonNode patched = PatchInvariants.check(settings, ApiServer.pod(Pods.literalModeWorkerPod(Pods.RUNNERS_2_4_6)));

        assertThat(patched.at("/spec/containers/1/securityContext/runAsUser").asLong()).isEqualTo(10001);
        assertThat(patched.at("/spec/containers/1/securityContext/runAsGroup").asLong()).isEqualTo(10002);
    }
}
