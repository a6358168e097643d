package io.runnerguard.policy.rules;

import static io.runnerguard.policy.rules.RuleTestSupport.check;
import static io.runnerguard.policy.rules.RuleTestSupport.podWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.runnerguard.policy.Finding;
import io.runnerguard.policy.Finding.Verdict;
import io.runnerguard.policy.Fix;
import io.runnerguard.testing.Pods;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunAsUid65532RuleTest {

    private final RunAsUid65532Rule rule = new RunAsUid65532Rule();

    @Test
    void fixesRunnerInheritingUid1000FromTheOfficialChartPod() {
        List<Finding> findings = check(rule, Pods.officialChartWorkerSpec());

        assertThat(findings).extracting(Finding::fieldPath).containsExactly(
                "spec.containers[1].securityContext.runAsUser", "spec.containers[1].securityContext.runAsGroup");
        assertThat(findings).allMatch(finding -> finding.verdict() == Verdict.FIXABLE);
        assertThat(findings.get(0).problem()).isEqualTo("runAsUser is 1000 from the pod; it must be 65532");
        assertThat(findings.get(0).fix()).isEqualTo(new Fix.SetSecurityContextField(
                findings.get(0).fix().slot(), "runAsUser", 65532L));
    }

    @Test
    void fixesRunnerWithNoSecurityContextAnywhere() {
        PodSpec spec = new PodSpecBuilder().withContainers(Pods.n8nWorker("external").build(),
                Pods.chartRunner(Pods.RUNNERS_2_4_6).withSecurityContext(null).build()).build();

        assertThat(check(rule, spec)).extracting(Finding::problem).containsExactly(
                "runAsUser is not set; it must be 65532", "runAsGroup is not set; it must be 65532",
                "runAsNonRoot is not set; it must be true");
    }

    @Test
    void deniesRunnerThatRunsAsRoot() {
        List<Finding> findings = check(rule, podWith(Pods.compliantRunner()
                .editSecurityContext().withRunAsUser(0L).endSecurityContext()));

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.verdict()).isEqualTo(Verdict.NOT_FIXABLE);
            assertThat(finding.problem()).isEqualTo("runAsUser is 0 in the container; it must be 65532");
        });
    }

    @Test
    void deniesRunnerThatExplicitlyAllowsRoot() {
        assertThat(check(rule, podWith(Pods.compliantRunner().editSecurityContext().withRunAsNonRoot(false).endSecurityContext())))
                .singleElement().extracting(Finding::verdict).isEqualTo(Verdict.NOT_FIXABLE);
    }

    @Test
    void acceptsCompliantPodLevelValues() {
        PodSpec spec = Pods.chartPodSpec().editSecurityContext().withRunAsUser(65532L).withRunAsGroup(65532L).endSecurityContext()
                .withContainers(Pods.n8nWorker("external").build(), Pods.chartRunner(Pods.RUNNERS_2_4_6).build()).build();

        assertThat(check(rule, spec)).isEmpty();
    }

    @Test
    void containerValueWinsOverPodValue() {
        PodSpec spec = Pods.chartPodSpec().editSecurityContext().withRunAsUser(65532L).endSecurityContext()
                .withContainers(Pods.n8nWorker("external").build(), Pods.compliantRunner()
                        .editSecurityContext().withRunAsUser(1000L).endSecurityContext().build()).build();

        assertThat(check(rule, spec)).singleElement().extracting(Finding::verdict).isEqualTo(Verdict.NOT_FIXABLE);
    }
}
