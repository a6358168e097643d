package io.runnerguard.testing;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

/**
 * Pods users actually apply, built with fabric8's typed builders. The official-chart shapes
 * reproduce the traits of the n8n-io/n8n-hosting chart 1.11 (see shared/fixtures/README.md):
 * pod-level runAsUser 1000, a {@code task-runner} sidecar with only allowPrivilegeEscalation and
 * drop ALL, the runner token from a Secret, the mode from a ConfigMap, and no volumes on workers.
 */
public final class Pods {

    public static final String RUNNERS_2_4_6 = "n8nio/runners:2.4.6";
    public static final String N8N_2_4_6 = "docker.n8n.io/n8nio/n8n:2.4.6";
    public static final String SECRET_TOKEN = "token-value-that-must-never-be-logged";

    private Pods() {
    }

    public static EnvVar env(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }

    public static EnvVar envFromSecret(String name) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewSecretKeyRef()
                .withName("n8n-runner-token").withKey("auth-token").endSecretKeyRef().endValueFrom().build();
    }

    public static EnvVar envFromConfigMap(String name) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewConfigMapKeyRef()
                .withName("n8n").withKey(name).endConfigMapKeyRef().endValueFrom().build();
    }

    /** The official chart's runner sidecar. */
    public static ContainerBuilder chartRunner(String image) {
        return new ContainerBuilder()
                .withName("task-runner")
                .withImage(image)
                .withImagePullPolicy("IfNotPresent")
                .withNewSecurityContext()
                    .withAllowPrivilegeEscalation(false)
                    .withNewCapabilities().addToDrop("ALL").endCapabilities()
                .endSecurityContext()
                .withEnv(env("N8N_RUNNERS_TASK_BROKER_URI", "http://localhost:5679"),
                        envFromSecret("N8N_RUNNERS_AUTH_TOKEN"),
                        env("N8N_RUNNERS_AUTO_SHUTDOWN_TIMEOUT", "15"),
                        env("N8N_RUNNERS_LAUNCHER_LOG_LEVEL", "info"));
    }

    /** An n8n worker container with the mode set literally (charts that do not use a ConfigMap). */
    public static ContainerBuilder n8nWorker(String mode) {
        ContainerBuilder worker = new ContainerBuilder()
                .withName("n8n-worker")
                .withImage(N8N_2_4_6)
                .withCommand("n8n")
                .withArgs("worker", "--concurrency=10")
                .addToEnv(env("DB_POSTGRESDB_PASSWORD", "db-password-that-must-never-be-logged"));
        return mode == null ? worker : worker.addToEnv(env("N8N_RUNNERS_MODE", mode));
    }

    /** A runner that follows every rule, as a user would write it by hand. */
    public static ContainerBuilder compliantRunner() {
        return new ContainerBuilder()
                .withName("task-runner")
                .withImage("n8nio/runners:2.4.6-distroless")
                .withNewSecurityContext()
                    .withRunAsUser(65532L).withRunAsGroup(65532L).withRunAsNonRoot(true)
                    .withReadOnlyRootFilesystem(true).withAllowPrivilegeEscalation(false)
                .endSecurityContext()
                .withEnv(env("N8N_RUNNERS_TASK_BROKER_URI", "http://127.0.0.1:5679"), envFromSecret("N8N_RUNNERS_AUTH_TOKEN"))
                .addNewVolumeMount().withName("runner-tmp").withMountPath("/tmp").endVolumeMount();
    }

    /** Pod-level securityContext of the official chart. */
    public static PodSpecBuilder chartPodSpec() {
        return new PodSpecBuilder()
                .withServiceAccountName("n8n")
                .withNewSecurityContext()
                    .withFsGroup(1000L).withRunAsUser(1000L).withRunAsGroup(1000L).withRunAsNonRoot(true)
                    .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                .withTerminationGracePeriodSeconds(60L);
    }

    /** A worker pod of the official chart in queue mode, mode from a ConfigMap, runner sidecar, no volumes. */
    public static PodSpec officialChartWorkerSpec() {
        Container worker = n8nWorker(null).addToEnv(envFromConfigMap("N8N_RUNNERS_MODE"),
                envFromSecret("N8N_RUNNERS_AUTH_TOKEN")).build();
        return chartPodSpec().withContainers(worker, chartRunner(RUNNERS_2_4_6).build()).build();
    }

    public static Pod pod(String name, PodSpec spec) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("automation")
                .addToLabels("app.kubernetes.io/name", "n8n").endMetadata().withSpec(spec).build();
    }

    public static Pod officialChartWorkerPod() {
        return pod("n8n-worker-7d9f8b6c5-x2x4q", officialChartWorkerSpec());
    }

    /** A worker pod whose n8n container sets the mode literally, so nothing is unverifiable. */
    public static Pod literalModeWorkerPod(String runnerImage) {
        return pod("n8n-worker-0", chartPodSpec()
                .withContainers(n8nWorker("external").build(), chartRunner(runnerImage).build()).build());
    }

    /** A pod that follows every rule. */
    public static Pod compliantPod() {
        return pod("n8n-worker-ok", new PodSpecBuilder()
                .withContainers(n8nWorker("external").build(), compliantRunner().build())
                .addNewVolume().withName("runner-tmp").withNewEmptyDir().withSizeLimit(
                        new io.fabric8.kubernetes.api.model.Quantity("64Mi")).endEmptyDir().endVolume()
                .build());
    }

    public static PodTemplateSpec template(PodSpec spec) {
        return new PodTemplateSpecBuilder().withNewMetadata().addToLabels("app.kubernetes.io/name", "n8n")
                .endMetadata().withSpec(spec).build();
    }

    public static Deployment deployment(String name, PodSpec spec) {
        return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace("automation").endMetadata()
                .withNewSpec().withReplicas(3).withNewSelector().addToMatchLabels("app.kubernetes.io/name", "n8n")
                .endSelector().withTemplate(template(spec)).endSpec().build();
    }

    /** A plain, non-n8n pod: nginx with no securityContext at all. */
    public static Pod unrelatedPod() {
        return pod("web-1", new PodSpecBuilder().addNewContainer().withName("nginx").withImage("nginx:1.27")
                .endContainer().build());
    }
}
