package io.runnerguard.admission;

import static io.runnerguard.admission.EndpointSupport.post;
import static io.runnerguard.testing.Pods.chartPodSpec;
import static io.runnerguard.testing.Pods.chartRunner;
import static io.runnerguard.testing.Pods.env;
import static io.runnerguard.testing.Pods.n8nWorker;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.runnerguard.testing.ApiServer;
import io.runnerguard.testing.Answer;
import io.runnerguard.testing.Pods;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Pods through the running application's three endpoints, as the API server sends them. */
@SpringBootTest
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class PodAdmissionTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    PrometheusMeterRegistry prometheus;

    @Test
    void mutatePatchesOfficialChartRunnerAndValidateThenAdmitsIt() throws Exception {
        ObjectNode pod = ApiServer.pod(Pods.literalModeWorkerPod(Pods.RUNNERS_2_4_6));

        Answer mutated = post(mvc, "mutate", ApiServer.create(pod));

        assertThat(mutated.allowed()).isTrue();
        assertThat(mutated.patch().size()).isPositive();
        assertThat(mutated.warnings()).contains(
                "[run-as-uid-65532] \"task-runner\": set securityContext.runAsUser=65532",
                "[distroless-image] \"task-runner\": set image n8nio/runners:2.4.6-distroless");
        assertThat(mutated.annotation("patched"))
                .isEqualTo("distroless-image,run-as-uid-65532,read-only-root-filesystem,tmp-volume");
        assertThat(mutated.annotation("mode")).isEqualTo("enforce");

        Answer validated = post(mvc, "validate", ApiServer.create(mutated.patchedObject()));
        assertThat(validated.allowed()).isTrue();
        assertThat(validated.hasPatch()).as("validate never patches").isFalse();
        assertThat(validated.warnings()).isEmpty();
    }

    @Test
    void validateDeniesRunnerThatRunsAsRoot() throws Exception {
        Pod pod = Pods.pod("n8n-worker-0", chartPodSpec().withContainers(n8nWorker("external").build(),
                Pods.compliantRunner().editSecurityContext().withRunAsUser(0L).endSecurityContext().build())
                .addNewVolume().withName("runner-tmp").withNewEmptyDir().endEmptyDir().endVolume().build());

        Answer answer = post(mvc, "validate", ApiServer.create(ApiServer.pod(pod)));

        assertThat(answer.allowed()).isFalse();
        assertThat(answer.code()).isEqualTo(403);
        assertThat(answer.response().at("/status/reason").stringValue()).isEqualTo("Forbidden");
        assertThat(answer.message()).isEqualTo("runner-guard: Pod \"n8n-worker-0\" breaks n8n task-runner hardening"
                + " (1 violation): [run-as-uid-65532] container \"task-runner\""
                + " spec.containers[1].securityContext.runAsUser: runAsUser is 0 in the container; it must be 65532.");
        assertThat(answer.hasPatch()).isFalse();
        assertThat(answer.annotation("violations")).isEqualTo("run-as-uid-65532");
    }

    @Test
    void validateDeniesUnpatchedPodWhenMutatingWebhookDidNotRun() throws Exception {
        Answer answer = post(mvc, "validate", ApiServer.create(ApiServer.pod(Pods.literalModeWorkerPod(Pods.RUNNERS_2_4_6))));

        assertThat(answer.allowed()).isFalse();
        assertThat(answer.message()).contains("(5 violations)", "[tmp-volume]", "spec.containers[1].volumeMounts",
                "is the mutating webhook installed and reachable?");
    }

    @Test
    void deniesRunnerOnStableTagWhichHasNoDistrolessVariant() throws Exception {
        ObjectNode pod = ApiServer.pod(Pods.literalModeWorkerPod("n8nio/runners:stable"));

        Answer mutated = post(mvc, "mutate", ApiServer.create(pod));
        JsonNode patched = mutated.patchedObject();
        assertThat(patched.at("/spec/containers/1/image").stringValue()).as("not guessed").isEqualTo("n8nio/runners:stable");

        Answer validated = post(mvc, "validate", ApiServer.create(patched));
        assertThat(validated.allowed()).isFalse();
        assertThat(validated.message()).contains("[distroless-image] container \"task-runner\" spec.containers[1].image:"
                + " tag 'stable' has no distroless variant; pin a version such as 2.4.6-distroless");
    }

    @Test
    void auditReportsEverythingAndNeverDeniesOrPatches() throws Exception {
        Pod pod = Pods.pod("n8n-0", chartPodSpec().withContainers(n8nWorker("internal").build(),
                chartRunner("n8nio/runners:latest").build()).build());

        Answer answer = post(mvc, "audit", ApiServer.create(ApiServer.pod(pod)));

        assertThat(answer.allowed()).isTrue();
        assertThat(answer.hasPatch()).isFalse();
        assertThat(answer.warnings()).contains(
                "audit: [external-mode] \"n8n-worker\": N8N_RUNNERS_MODE is 'internal'; set it to external",
                "audit: [tmp-volume] \"task-runner\": no writable emptyDir at /tmp");
        assertThat(answer.annotation("mode")).isEqualTo("audit");
        assertThat(answer.annotation("violations")).isEqualTo(
                "external-mode,distroless-image,run-as-uid-65532,read-only-root-filesystem,tmp-volume");
    }

    @Test
    void answersDryRunRequestsExactlyLikeOthersAndCountsThem() throws Exception {
        ObjectNode pod = ApiServer.pod(Pods.literalModeWorkerPod(Pods.RUNNERS_2_4_6));

        Answer normal = post(mvc, "mutate", ApiServer.create(pod));
        Answer dryRun = post(mvc, "mutate", ApiServer.create(pod).dryRun());

        assertThat(dryRun.patch()).isEqualTo(normal.patch());
        assertThat(dryRun.warnings()).isEqualTo(normal.warnings());
        assertThat(prometheus.scrape()).containsPattern(
                "runner_guard_admission_requests_total\\{[^}]*decision=\"patched\",dry_run=\"true\",endpoint=\"mutate\","
                        + "kind=\"Pod\",operation=\"CREATE\"} [1-9]");
    }

    @Test
    void allowsDeleteWithNullObjectUntouched() throws Exception {
        ObjectNode pod = ApiServer.pod(Pods.literalModeWorkerPod("n8nio/runners:stable"));
        for (String endpoint : new String[] {"mutate", "validate", "audit"}) {
            Answer answer = post(mvc, endpoint, ApiServer.delete(pod));
            assertThat(answer.allowed()).isTrue();
            assertThat(answer.hasPatch()).isFalse();
            assertThat(answer.warnings()).isEmpty();
            assertThat(answer.response().has("auditAnnotations")).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"status", "ephemeralcontainers", "binding", "eviction", "resize"})
    void allowsSubresourceRequestsUntouched(String subResource) throws Exception {
        ObjectNode pod = ApiServer.pod(Pods.literalModeWorkerPod("n8nio/runners:stable"));

        Answer answer = post(mvc, "validate", ApiServer.update(pod, pod).subResource(subResource));

        assertThat(answer.allowed()).isTrue();
        assertThat(answer.warnings()).isEmpty();
    }

    @Test
    void allowsPodUpdateThatChangesNoImageEvenWhenPodBreaksRules() throws Exception {
        // A pod created before runner-guard was installed must still take label and finalizer updates.
        ObjectNode before = ApiServer.pod(Pods.literalModeWorkerPod("n8nio/runners:stable"));
        ObjectNode after = before.deepCopy();
        ((ObjectNode) after.at("/metadata/labels")).put("team", "automation");

        for (String endpoint : new String[] {"mutate", "validate"}) {
            Answer answer = post(mvc, endpoint, ApiServer.update(before, after));
            assertThat(answer.allowed()).isTrue();
            assertThat(answer.hasPatch()).isFalse();
            assertThat(answer.warnings()).isEmpty();
        }
    }

    @Test
    void judgesOnlyTheImageWhenAPodUpdateChangesARunnerImage() throws Exception {
        ObjectNode before = ApiServer.pod(Pods.literalModeWorkerPod("n8nio/runners:2.4.6-distroless"));
        ObjectNode toVersion = before.deepCopy();
        ((ObjectNode) toVersion.at("/spec/containers/1")).put("image", "n8nio/runners:2.5.0");
        ObjectNode toStable = before.deepCopy();
        ((ObjectNode) toStable.at("/spec/containers/1")).put("image", "n8nio/runners:stable");

        Answer mutated = post(mvc, "mutate", ApiServer.update(before, toVersion));
        assertThat(mutated.patch().toString()).isEqualTo(
                "[{\"op\":\"replace\",\"path\":\"/spec/containers/1/image\",\"value\":\"n8nio/runners:2.5.0-distroless\"}]");

        Answer denied = post(mvc, "validate", ApiServer.update(before, toStable));
        assertThat(denied.allowed()).isFalse();
        assertThat(denied.message()).contains("(1 violation)", "[distroless-image]").doesNotContain("runAsUser");
    }

    @Test
    void allowsExcludedNamespaceUntouched() throws Exception {
        ObjectNode pod = ApiServer.pod(Pods.literalModeWorkerPod("n8nio/runners:stable"));

        Answer answer = post(mvc, "validate", ApiServer.create(pod).namespace("kube-system"));

        assertThat(answer.allowed()).isTrue();
        assertThat(answer.warnings()).isEmpty();
    }

    @Test
    void leavesPodsWithoutN8nAlone() throws Exception {
        for (String endpoint : new String[] {"mutate", "validate", "audit"}) {
            Answer answer = post(mvc, endpoint, ApiServer.create(ApiServer.pod(Pods.unrelatedPod())));
            assertThat(answer.allowed()).isTrue();
            assertThat(answer.hasPatch()).isFalse();
            assertThat(answer.warnings()).isEmpty();
        }
    }

    @Test
    void keepsWarningsShortAndFewWhenThereAreMany() throws Exception {
        PodBuilder many = new PodBuilder(Pods.pod("n8n-0", chartPodSpec().withContainers(n8nWorker("external").build()).build()));
        for (int i = 0; i < 6; i++) {
            many.editSpec().addToContainers(chartRunner("n8nio/runners:2.4.6")
                    .withName("runner-with-a-rather-long-container-name-number-" + i).build()).endSpec();
        }

        Answer answer = post(mvc, "audit", ApiServer.create(ApiServer.pod(many.build())));

        assertThat(answer.warnings()).hasSize(10);
        assertThat(answer.warnings()).allSatisfy(warning -> {
            assertThat(warning.length()).isLessThanOrEqualTo(120);
            assertThat(warning).doesNotContain("\n");
        });
        assertThat(answer.warnings().get(9)).isEqualTo("runner-guard: 21 more findings not shown");
        assertThat(answer.response().get("auditAnnotations").propertyNames()).allSatisfy(
                key -> assertThat(key).matches("[A-Za-z0-9][-A-Za-z0-9_.]{0,61}[A-Za-z0-9]"));
    }

    @Test
    void warnsWhenN8nIsInExternalModeButThePodHoldsNoRunner() throws Exception {
        Pod main = Pods.pod("n8n-main-0", chartPodSpec().withContainers(n8nWorker("external").withName("n8n-main").build()).build());

        Answer answer = post(mvc, "validate", ApiServer.create(ApiServer.pod(main)));

        assertThat(answer.allowed()).isTrue();
        assertThat(answer.warnings()).containsExactly(
                "[external-mode] \"n8n-main\": external mode but no runner in this pod; Code nodes hang unless runners run"
                        + " elsewhere");
    }

    @Test
    void deniesN8nInInternalModeDisabledRunnersOrInsecureMode() throws Exception {
        Pod internal = Pods.pod("a", new io.fabric8.kubernetes.api.model.PodSpecBuilder()
                .withContainers(new ContainerBuilder().withName("n8n").withImage("n8nio/n8n").build()).build());
        Pod disabled = Pods.pod("b", new io.fabric8.kubernetes.api.model.PodSpecBuilder().withContainers(
                n8nWorker("external").addToEnv(env("N8N_RUNNERS_ENABLED", "false")).build()).build());
        Pod insecure = Pods.pod("c", new io.fabric8.kubernetes.api.model.PodSpecBuilder().withContainers(
                n8nWorker("external").addToEnv(env("N8N_RUNNERS_INSECURE_MODE", "true")).build()).build());

        assertThat(post(mvc, "validate", ApiServer.create(ApiServer.pod(internal))).message())
                .contains("[external-mode] container \"n8n\" spec.containers[0].env: N8N_RUNNERS_MODE is not set");
        assertThat(post(mvc, "validate", ApiServer.create(ApiServer.pod(disabled))).message())
                .contains("N8N_RUNNERS_ENABLED=false turns task runners off");
        assertThat(post(mvc, "validate", ApiServer.create(ApiServer.pod(insecure))).message())
                .contains("spec.containers[0].env[2].value: N8N_RUNNERS_INSECURE_MODE=true disables runner isolation");
    }

    @Test
    void warnsButAdmitsWhenModeComesFromAConfigMap() throws Exception {
        // The official chart sets N8N_RUNNERS_MODE through configMapKeyRef: runner-guard cannot read it.
        ObjectNode pod = ApiServer.pod(Pods.officialChartWorkerPod());
        Answer mutated = post(mvc, "mutate", ApiServer.create(pod));

        Answer validated = post(mvc, "validate", ApiServer.create(mutated.patchedObject()));

        assertThat(validated.allowed()).isTrue();
        assertThat(validated.warnings()).containsExactly(
                "[external-mode] \"n8n-worker\": N8N_RUNNERS_MODE comes from valueFrom, so external mode cannot be verified");
    }

    @Test
    void keepsCraftedNamesFromForgingLogLinesOrBreakingWarnings(CapturedOutput output) throws Exception {
        // Mutating webhooks see objects before the API server validates their names.
        Pod pod = Pods.pod("evil\ndecision=allowed endpoint=validate", chartPodSpec().withContainers(
                n8nWorker("external").build(), chartRunner(Pods.RUNNERS_2_4_6).withName("task\u0085runner").build()).build());

        Answer answer = post(mvc, "mutate", ApiServer.create(ApiServer.pod(pod)));

        assertThat(answer.warnings()).isNotEmpty().allSatisfy(warning ->
                assertThat(warning).doesNotContain("\u0085").doesNotContain("\n"));
        assertThat(output.getAll()).contains("name=evil?decision=allowed endpoint=validate")
                .doesNotContain("\ndecision=allowed endpoint=validate");
    }

    @Test
    void neverLogsEnvValues(CapturedOutput output) throws Exception {
        Pod pod = Pods.pod("n8n-0", chartPodSpec().withContainers(
                n8nWorker("external").addToEnv(env("N8N_ENCRYPTION_KEY", "encryption-key-that-must-never-be-logged")).build(),
                chartRunner("n8nio/runners:stable").addToEnv(env("N8N_RUNNERS_AUTH_TOKEN", Pods.SECRET_TOKEN)).build())
                .build());
        for (String endpoint : new String[] {"mutate", "validate", "audit"}) {
            post(mvc, endpoint, ApiServer.create(ApiServer.pod(pod)));
        }

        assertThat(output.getAll()).contains("decision=denied endpoint=validate kind=Pod namespace=automation name=n8n-0")
                .doesNotContain(Pods.SECRET_TOKEN)
                .doesNotContain("encryption-key-that-must-never-be-logged")
                .doesNotContain("db-password-that-must-never-be-logged");
    }
}
