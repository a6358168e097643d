package io.runnerguard.admission;

import static io.runnerguard.admission.EndpointSupport.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateBuilder;
import io.fabric8.kubernetes.api.model.ReplicationControllerBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.runnerguard.testing.ApiServer;
import io.runnerguard.testing.Answer;
import io.runnerguard.testing.Pods;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every workload kind that carries a pod template: judged at apply time so users see problems in
 * {@code kubectl apply}, but never patched (no GitOps drift); their pods are patched on creation.
 */
@SpringBootTest
@AutoConfigureMockMvc
class WorkloadAdmissionTest {

    @Autowired
    MockMvc mvc;

    static Stream<Arguments> kinds() {
        return Stream.of(
                kind("Deployment", "spec.template.spec", spec -> Pods.deployment("n8n-worker", spec)),
                kind("ReplicaSet", "spec.template.spec", spec -> new ReplicaSetBuilder().withNewMetadata()
                        .withName("n8n-worker-7d9f").endMetadata().withNewSpec().withNewSelector()
                        .addToMatchLabels("app.kubernetes.io/name", "n8n").endSelector()
                        .withTemplate(Pods.template(spec)).endSpec().build()),
                kind("StatefulSet", "spec.template.spec", spec -> new StatefulSetBuilder().withNewMetadata()
                        .withName("n8n").endMetadata().withNewSpec().withServiceName("n8n").withNewSelector()
                        .addToMatchLabels("app.kubernetes.io/name", "n8n").endSelector()
                        .withTemplate(Pods.template(spec)).endSpec().build()),
                kind("DaemonSet", "spec.template.spec", spec -> new DaemonSetBuilder().withNewMetadata()
                        .withName("n8n").endMetadata().withNewSpec().withNewSelector()
                        .addToMatchLabels("app.kubernetes.io/name", "n8n").endSelector()
                        .withTemplate(Pods.template(spec)).endSpec().build()),
                kind("Job", "spec.template.spec", spec -> new JobBuilder().withNewMetadata().withName("n8n-once")
                        .endMetadata().withNewSpec().withTemplate(Pods.template(withRestartNever(spec))).endSpec().build()),
                kind("CronJob", "spec.jobTemplate.spec.template.spec", spec -> new CronJobBuilder().withNewMetadata()
                        .withName("n8n-nightly").endMetadata().withNewSpec().withSchedule("0 3 * * *").withNewJobTemplate()
                        .withNewSpec().withTemplate(Pods.template(withRestartNever(spec))).endSpec().endJobTemplate()
                        .endSpec().build()),
                kind("ReplicationController", "spec.template.spec", spec -> new ReplicationControllerBuilder()
                        .withNewMetadata().withName("n8n").endMetadata().withNewSpec()
                        .addToSelector("app.kubernetes.io/name", "n8n").withTemplate(Pods.template(spec)).endSpec().build()),
                kind("PodTemplate", "template.spec", spec -> new PodTemplateBuilder().withNewMetadata().withName("n8n")
                        .endMetadata().withTemplate(Pods.template(spec)).build()));
    }

    private static Arguments kind(String kind, String specPath, Function<PodSpec, HasMetadata> build) {
        return Arguments.of(kind, specPath, build);
    }

    private static PodSpec withRestartNever(PodSpec spec) {
        spec.setRestartPolicy("Never");
        return spec;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void mutateNeverPatchesTemplatesButSaysWhatPodsWillGet(String kind, String specPath,
            Function<PodSpec, HasMetadata> build) throws Exception {
        ObjectNode workload = ApiServer.workload(build.apply(Pods.officialChartWorkerSpec()));

        Answer answer = post(mvc, "mutate", ApiServer.create(workload));

        assertThat(answer.allowed()).isTrue();
        assertThat(answer.hasPatch()).isFalse();
        assertThat(answer.warnings()).contains(
                "[run-as-uid-65532] \"task-runner\": pods will get securityContext.runAsUser=65532",
                "[tmp-volume] \"task-runner\": pods will get an emptyDir (64Mi) at /tmp");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void validateWarnsAboutFixableFindingsAndAdmits(String kind, String specPath,
            Function<PodSpec, HasMetadata> build) throws Exception {
        ObjectNode workload = ApiServer.workload(build.apply(Pods.officialChartWorkerSpec()));

        Answer answer = post(mvc, "validate", ApiServer.create(workload));

        assertThat(answer.allowed()).isTrue();
        assertThat(answer.hasPatch()).isFalse();
        assertThat(answer.warnings()).contains(
                "[distroless-image] \"task-runner\": pods will get image n8nio/runners:2.4.6-distroless",
                "[external-mode] \"n8n-worker\": N8N_RUNNERS_MODE comes from valueFrom, so external mode cannot be verified");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void validateDeniesWhatPodsCouldNeverBeFixedFor(String kind, String specPath,
            Function<PodSpec, HasMetadata> build) throws Exception {
        PodSpec spec = Pods.chartPodSpec().withContainers(Pods.n8nWorker("external").build(),
                Pods.chartRunner("n8nio/runners:stable").build()).build();
        ObjectNode workload = ApiServer.workload(build.apply(spec));

        Answer answer = post(mvc, "validate", ApiServer.create(workload));

        assertThat(answer.allowed()).isFalse();
        assertThat(answer.message()).contains("runner-guard: " + kind + " \"", "(1 violation)",
                "[distroless-image] container \"task-runner\" " + specPath + ".containers[1].image: tag 'stable'");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void allowsUpdatesThatLeaveThePodTemplateAlone(String kind, String specPath,
            Function<PodSpec, HasMetadata> build) throws Exception {
        PodSpec spec = Pods.chartPodSpec().withContainers(Pods.n8nWorker("external").build(),
                Pods.chartRunner("n8nio/runners:stable").build()).build();
        ObjectNode before = ApiServer.workload(build.apply(spec));
        ObjectNode after = before.deepCopy();
        ((ObjectNode) after.get("metadata")).putObject("annotations").put("argocd.argoproj.io/sync-wave", "1");

        Answer answer = post(mvc, "validate", ApiServer.update(before, after));

        assertThat(answer.allowed()).isTrue();
        assertThat(answer.warnings()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void judgesUpdatesThatChangeThePodTemplate(String kind, String specPath,
            Function<PodSpec, HasMetadata> build) throws Exception {
        ObjectNode before = ApiServer.workload(build.apply(Pods.compliantPod().getSpec()));
        ObjectNode after = ApiServer.workload(build.apply(Pods.compliantPod().getSpec()));
        ((ObjectNode) after.at("/" + specPath.replace('.', '/') + "/containers/1")).put("image", "n8nio/runners:latest");

        Answer answer = post(mvc, "validate", ApiServer.update(before, after));

        assertThat(answer.allowed()).isFalse();
        assertThat(answer.message()).contains("tag 'latest' has no distroless variant");
    }
}
