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
                .singleElement().satisfies(finding -> {
                    assertThat(finding.verdict()).isEqualTo(Verdict.UNVERIFIABLE);
                    assertThat(finding.fieldPath()).isEqualTo("spec.containers[0].envFrom");
                });
    }

    @Test
    void theLastOfRepeatedEnvEntriesWinsAsInKubernetes() {
        ContainerBuilder n8n = Pods.n8nWorker("internal").addToEnv(Pods.env("N8N_RUNNERS_MODE", "external"));

        assertThat(check(rule, new PodSpecBuilder().withContainers(n8n.build(),
                Pods.chartRunner(Pods.RUNNERS_2_4_6).build()).build())).isEmpty();
    }

    @Test
    void advisesWhenExternalModeHasNoRunnerInThePod() {
        assertThat(check(rule, new PodSpecBuilder().withContainers(Pods.n8nWorker("external").build()).build()))
                .singleElement().extracting(Finding::verdict).isEqualTo(Verdict.ADVICE);
    }
}
