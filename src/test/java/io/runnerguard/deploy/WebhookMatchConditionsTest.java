package io.runnerguard.deploy;

import static io.runnerguard.deploy.MatchConditionCel.Outcome.SEND;
import static io.runnerguard.deploy.MatchConditionCel.Outcome.SKIP;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchCondition;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the chart's matchConditions with a real CEL engine against the objects the API server would
 * hand it. Sending too much only costs a call; sending too little is a bypass; an evaluation error
 * takes the failurePolicy branch (a denial on the enforce entry), so odd shapes must not error.
 */
class WebhookMatchConditionsTest {

    private static MatchConditionCel condition;

    @BeforeAll
    static void compileTheRenderedCondition() {
        condition = new MatchConditionCel(renderedExpression(Chart.render()));
    }

    static String renderedExpression(Rendered chart) {
        List<List<MatchCondition>> perEntry = new ArrayList<>();
        chart.one(MutatingWebhookConfiguration.class).getWebhooks().forEach(w -> perEntry.add(w.getMatchConditions()));
        chart.one(ValidatingWebhookConfiguration.class).getWebhooks().forEach(w -> perEntry.add(w.getMatchConditions()));
        assertThat(perEntry).hasSize(3);
        assertThat(perEntry.get(0)).hasSize(1);
        assertThat(perEntry).as("all three entries filter alike").allSatisfy(c -> assertThat(c).isEqualTo(perEntry.get(0)));
        return perEntry.get(0).get(0).getExpression();
    }

    // ---- which images count ------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
        "n8nio/runners:2.4.6",
        "n8nio/runners",
        "n8nio/runners:latest",
        "docker.io/n8nio/runners:2.4.6-distroless",
        "index.docker.io/n8nio/runners:1.119.0",
        "n8nio/runners@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "ghcr.io/n8n-io/runners:1.119.0-distroless@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "docker.n8n.io/n8nio/runners:nightly-distroless",
        "n8nio/n8n:1.119.0",
        "docker.io/n8nio/n8n",
        "docker.n8n.io/n8nio/n8n:stable",
        "ghcr.io/n8n-io/n8n:2.4.6",
    })
    void sendsPodsRunningAKnownN8nImage(String image) {
        assertThat(condition.onCreate(pod(container("app", image)))).isEqualTo(SEND);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "nginx:1.27",
        "n8nio/runners-fake:1",
        "n8nio/n8n-custom:1",
        "evil.example.com/n8nio/runners:1",
        "ghcr.io/n8n-io/runnersx:1",
        "docker.io/n8nio/runnersx",
        "n8nio/runners/extra:1",
        "localhost:5000/n8nio/runners:2.4.6",
    })
    void leavesOtherImagesAlone(String image) {
        assertThat(condition.onCreate(pod(container("app", image)))).isEqualTo(SKIP);
    }

    @Test
    void configuredRepositoriesCountTooIncludingRegistryPorts() {
        MatchConditionCel configured = new MatchConditionCel(renderedExpression(Chart.render(Chart.values(
                "config.runner-images", List.of("registry.example.com:5000/acme/runners"),
                "config.n8n-images", List.of("docker.io/acme/n8n"),
                "config.distroless-images", List.of("ghcr.io/acme/runners-distroless")))));

        assertThat(configured.onCreate(pod(container("r", "registry.example.com:5000/acme/runners:3.0")))).isEqualTo(SEND);
        assertThat(configured.onCreate(pod(container("r", "registry.example.com:5000/acme/runners@sha256:00ff")))).isEqualTo(SEND);
        assertThat(configured.onCreate(pod(container("m", "acme/n8n:2.4.6")))).isEqualTo(SEND);
        assertThat(configured.onCreate(pod(container("m", "docker.io/acme/n8n:2.4.6")))).isEqualTo(SEND);
        assertThat(configured.onCreate(pod(container("d", "ghcr.io/acme/runners-distroless:1")))).isEqualTo(SEND);
        // The dot in the configured host is literal, not "any character".
        assertThat(configured.onCreate(pod(container("r", "registryXexample.com:5000/acme/runners:3.0")))).isEqualTo(SKIP);
        assertThat(configured.onCreate(pod(container("r", "registry.example.com:5001/acme/runners:3.0")))).isEqualTo(SKIP);
        // The built-in repositories still count.
        assertThat(configured.onCreate(pod(container("r", "n8nio/runners:2.4.6")))).isEqualTo(SEND);
        // And without the configuration the custom repository is left alone.
        assertThat(condition.onCreate(pod(container("r", "registry.example.com:5000/acme/runners:3.0")))).isEqualTo(SKIP);
    }

    // ---- runner and main traits on any image -------------------------------------------------

    @Test
    void sendsContainersWithRunnerOrMainTraitsWhateverTheImage() {
        assertThat(condition.onCreate(pod("""
                - name: launcher
                  image: acme/base:1
                  command: ["/usr/local/bin/task-runner-launcher", "javascript"]
                """))).isEqualTo(SEND);
        assertThat(condition.onCreate(pod("""
                - name: launcher
                  image: acme/base:1
                  command: ["/bin/sh", "-c"]
                  args: ["exec task-runner-launcher javascript python"]
                """))).isEqualTo(SEND);
        assertThat(condition.onCreate(pod("""
                - name: runner
                  image: acme/runner:1
                  env:
                    - name: N8N_RUNNERS_TASK_BROKER_URI
                      value: http://localhost:5679
                """))).isEqualTo(SEND);
        assertThat(condition.onCreate(pod("""
                - name: main
                  image: acme/n8n-fork:1
                  env:
                    - name: N8N_RUNNERS_MODE
                      value: internal
                """))).isEqualTo(SEND);
        assertThat(condition.onCreate(pod("""
                - name: main
                  image: acme/n8n-fork:1
                  env:
                    - name: N8N_RUNNERS_ENABLED
                      valueFrom: {configMapKeyRef: {name: n8n, key: runners}}
                """))).isEqualTo(SEND);
    }

    @Test
    void unrelatedEnvironmentOrCommandsDoNotCount() {
        assertThat(condition.onCreate(pod("""
                - name: web
                  image: nginx:1.27
                  command: ["nginx", "-g", "daemon off;"]
                  env:
                    - name: N8N_HOST
                      value: n8n.example.com
                    - name: RUNNERS
                      value: "3"
                """))).isEqualTo(SKIP);
    }

    @Test
    void looksAtInitContainersAndNativeSidecars() {
        assertThat(condition.onCreate("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  initContainers:
                    - name: runner
                      image: n8nio/runners:2.4.6-distroless
                      restartPolicy: Always
                  containers:
                    - name: app
                      image: nginx:1.27
                """)).isEqualTo(SEND);
    }

    // ---- every pod spec location (SPEC §1) -----------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"apps/v1 Deployment", "apps/v1 ReplicaSet", "apps/v1 StatefulSet", "apps/v1 DaemonSet",
        "batch/v1 Job", "v1 ReplicationController"})
    void sendsWorkloadsWhoseTemplateRunsN8n(String apiVersionAndKind) {
        String[] ak = apiVersionAndKind.split(" ");
        assertThat(condition.onCreate(workload(ak[0], ak[1], container("runner", "n8nio/runners:2.4.6")))).isEqualTo(SEND);
        assertThat(condition.onCreate(workload(ak[0], ak[1], container("web", "nginx:1.27")))).isEqualTo(SKIP);
    }

    @Test
    void sendsCronJobsAndPodTemplates() {
        assertThat(condition.onCreate(cronJob(container("runner", "ghcr.io/n8n-io/runners:2.4.6")))).isEqualTo(SEND);
        assertThat(condition.onCreate(cronJob(container("web", "nginx:1.27")))).isEqualTo(SKIP);
        assertThat(condition.onCreate(podTemplate(container("main", "n8nio/n8n:2.4.6")))).isEqualTo(SEND);
        assertThat(condition.onCreate(podTemplate(container("web", "nginx:1.27")))).isEqualTo(SKIP);
    }

    // ---- operations ---------------------------------------------------------------------------------

    @Test
    void judgesTheNewObjectOnUpdate() {
        String runner = pod(container("r", "n8nio/runners:2.4.6"));
        String plain = pod(container("r", "nginx:1.27"));
        assertThat(condition.onUpdate(runner, plain)).as("image changed to a runner").isEqualTo(SEND);
        assertThat(condition.onUpdate(runner, runner)).as("label change on a runner pod").isEqualTo(SEND);
        // Writing a non-n8n state is outside the webhook's remit, whatever was there before.
        assertThat(condition.onUpdate(plain, runner)).isEqualTo(SKIP);
        assertThat(condition.onDelete(runner)).as("DELETE has no object").isEqualTo(SKIP);
    }

    // ---- no CEL error on any shape (an error would deny through failurePolicy Fail) -------------

    @ParameterizedTest
    @ValueSource(strings = {
        "{apiVersion: v1, kind: Pod, metadata: {name: p}}",
        "{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {}}",
        "{apiVersion: v1, kind: Pod, spec: {containers: []}}",
        "{apiVersion: v1, kind: Pod, spec: {containers: [{name: a}]}}",
        "{apiVersion: v1, kind: Pod, spec: {containers: [{name: a, image: nginx, env: [{value: x}]}]}}",
        "{apiVersion: v1, kind: Pod, spec: {containers: [{name: a, image: nginx, env: []}], initContainers: []}}",
        "{apiVersion: apps/v1, kind: Deployment, spec: {}}",
        "{apiVersion: apps/v1, kind: Deployment, spec: {template: {}}}",
        "{apiVersion: apps/v1, kind: Deployment, spec: {template: {spec: {}}}}",
        "{apiVersion: batch/v1, kind: CronJob, spec: {jobTemplate: {}}}",
        "{apiVersion: batch/v1, kind: CronJob, spec: {jobTemplate: {spec: {template: {}}}}}",
        "{apiVersion: v1, kind: PodTemplate, metadata: {name: t}}",
        "{apiVersion: v1, kind: PodTemplate, template: {}}",
        "{apiVersion: v1, kind: PodTemplate, template: {spec: {containers: [{name: a, image: nginx}]}}}",
    })
    void neverErrorsOnOddOrEmptyShapes(String object) {
        assertThat(condition.onCreate(object)).isEqualTo(SKIP);
    }

    @Test
    void canBeTurnedOffForOldClusters() {
        Rendered chart = Chart.render(Chart.values("webhook.matchConditions.enabled", false));
        chart.bindAllStrictly();
        assertThat(chart.one(MutatingWebhookConfiguration.class).getWebhooks())
                .allSatisfy(w -> assertThat(w.getMatchConditions()).isNullOrEmpty());
        assertThat(chart.one(ValidatingWebhookConfiguration.class).getWebhooks())
                .allSatisfy(w -> assertThat(w.getMatchConditions()).isNullOrEmpty());
    }

    // ---- builders ------------------------------------------------------------------------------------

    private static String container(String name, String image) {
        return "- name: " + name + "\n  image: \"" + image + "\"\n";
    }

    private static String pod(String containers) {
        return "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: team}\nspec:\n  containers:\n"
                + indent(containers, 4);
    }

    private static String workload(String apiVersion, String kind, String containers) {
        return "apiVersion: " + apiVersion + "\nkind: " + kind + "\nmetadata: {name: w}\nspec:\n"
                + "  template:\n    metadata: {labels: {app: w}}\n    spec:\n      containers:\n"
                + indent(containers, 8);
    }

    private static String cronJob(String containers) {
        return "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: '* * * * *'\n"
                + "  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n"
                + "          containers:\n" + indent(containers, 12);
    }

    private static String podTemplate(String containers) {
        return "apiVersion: v1\nkind: PodTemplate\nmetadata: {name: t}\ntemplate:\n  spec:\n    containers:\n"
                + indent(containers, 6);
    }

    private static String indent(String block, int spaces) {
        return block.indent(spaces);
    }

}
