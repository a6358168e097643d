package io.runnerguard.policy.rules;

import static io.runnerguard.policy.rules.RuleTestSupport.check;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.runnerguard.policy.Finding;
import io.runnerguard.policy.Finding.Verdict;
import io.runnerguard.testing.Pods;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExternalModeRuleTest {

    private final ExternalModeRule rule = new ExternalModeRule();

    @Test
    void acceptsExternalModeWithASidecar() {
        assertThat(check(rule, Pods.literalModeWorkerPod(Pods.RUNNERS_2_4_6).getSpec())).isEmpty();
    }

    @Test
    void deniesN8nLeftOnTheInternalDefault() {
        List<Finding> findings = check(rule, new PodSpecBuilder()
                .addNewContainer().withName("n8n").withImage("n8nio/n8n").endContainer().build());

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.verdict()).isEqualTo(Verdict.NOT_FIXABLE);
            assertThat(finding.fieldPath()).isEqualTo("spec.containers[0].env");
        });
    }

    @Test
    void cannotVerifyModeFromConfigMapOrEnvFrom() {
        assertThat(check(rule, Pods.officialChartWorkerSpec())).singleElement()
                .extracting(Finding::verdict).isEqualTo(Verdict.UNVERIFIABLE);
        assertThat(check(rule, new PodSpecBuilder().addNewContainer().withName("n8n").withImage("n8nio/n8n:2.4.6")
                .addNewEnvFrom().withNewConfigMapRef().withName("n8n").endConfigMapRef().endEnvFrom().endContainer().build()))
                .allSatisfy(finding -> {
                    assertThat(finding.verdict()).isEqualTo(Verdict.UNVERIFIABLE);
                    assertThat(finding.fieldPath()).isEqualTo("spec.containers[0].envFrom");
                })
                .extracting(Finding::problem).containsExactly(
                        "N8N_RUNNERS_MODE may come from envFrom; set N8N_RUNNERS_MODE=external in env",
                        "N8N_RUNNERS_INSECURE_MODE may come from envFrom; set N8N_RUNNERS_INSECURE_MODE=false in env");
    }

    @Test
    void theLastOfRepeatedEnvEntriesWinsAsInKubernetes() {
        ContainerBuilder n8n = Pods.n8nWorker("internal").addToEnv(Pods.env("N8N_RUNNERS_MODE", "external"));

        assertThat(check(rule, new PodSpecBuilder().withContainers(n8n.build(),
                Pods.chartRunner(Pods.RUNNERS_2_4_6).build()).build())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"External", " external", "EXTERNAL", "external "})
    void deniesModesN8nWouldNotReadAsExternal(String mode) {
        // n8n validates the raw value against ['internal', 'external'] and falls back to internal.
        assertThat(check(rule, withWorkerEnv(Pods.env("N8N_RUNNERS_MODE", mode)))).singleElement()
                .extracting(Finding::verdict).isEqualTo(Verdict.NOT_FIXABLE);
    }

    @ParameterizedTest
    @CsvSource({"N8N_RUNNERS_INSECURE_MODE, true", "N8N_RUNNERS_INSECURE_MODE, 1", "N8N_RUNNERS_INSECURE_MODE, TRUE",
        "N8N_RUNNERS_ENABLED, false", "N8N_RUNNERS_ENABLED, 0", "N8N_RUNNERS_ENABLED, False"})
    void deniesInsecureModeAndDisabledRunnersAsN8nReadsBooleans(String name, String value) {
        assertThat(check(rule, withWorkerEnv(Pods.env(name, value)))).singleElement().satisfies(finding -> {
            assertThat(finding.verdict()).isEqualTo(Verdict.NOT_FIXABLE);
            assertThat(finding.problem()).startsWith(name + "=" + value);
        });
    }

    @ParameterizedTest
    @CsvSource({"N8N_RUNNERS_INSECURE_MODE, false", "N8N_RUNNERS_INSECURE_MODE, ' true'", "N8N_RUNNERS_ENABLED, true",
        "N8N_RUNNERS_ENABLED, 1"})
    void acceptsValuesN8nReadsAsSecure(String name, String value) {
        assertThat(check(rule, withWorkerEnv(Pods.env(name, value)))).isEmpty();
    }

    @Test
    void cannotVerifyValuesFromReferencesOrFiles() {
        assertThat(check(rule, withWorkerEnv(Pods.envFromConfigMap("N8N_RUNNERS_ENABLED")))).singleElement()
                .extracting(Finding::verdict).isEqualTo(Verdict.UNVERIFIABLE);
        assertThat(check(rule, withWorkerEnv(Pods.env("N8N_RUNNERS_INSECURE_MODE_FILE", "/run/secrets/insecure"))))
                .singleElement().extracting(Finding::problem)
                .isEqualTo("N8N_RUNNERS_INSECURE_MODE may come from N8N_RUNNERS_INSECURE_MODE_FILE;"
                        + " set N8N_RUNNERS_INSECURE_MODE=false in env");
        io.fabric8.kubernetes.api.model.PodSpec modeFromFile = new PodSpecBuilder().withContainers(
                Pods.n8nWorker(null).addToEnv(Pods.env("N8N_RUNNERS_MODE_FILE", "/run/config/mode")).build(),
                Pods.chartRunner(Pods.RUNNERS_2_4_6).build()).build();
        assertThat(check(rule, modeFromFile)).singleElement().satisfies(finding -> {
            assertThat(finding.verdict()).isEqualTo(Verdict.UNVERIFIABLE);
            assertThat(finding.fieldPath()).isEqualTo("spec.containers[0].env[1].value");
        });
    }

    private static io.fabric8.kubernetes.api.model.PodSpec withWorkerEnv(io.fabric8.kubernetes.api.model.EnvVar extra) {
        return new PodSpecBuilder().withContainers(Pods.n8nWorker("external").addToEnv(extra).build(),
                Pods.chartRunner(Pods.RUNNERS_2_4_6).build()).build();
    }

    @Test
    void advisesWhenExternalModeHasNoRunnerInThePod() {
        assertThat(check(rule, new PodSpecBuilder().withContainers(Pods.n8nWorker("external").build()).build()))
                .singleElement().extracting(Finding::verdict).isEqualTo(Verdict.ADVICE);
    }
}
