package io.runnerguard.policy.rules;

import static io.runnerguard.policy.rules.RuleTestSupport.check;
import static io.runnerguard.policy.rules.RuleTestSupport.podWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.runnerguard.policy.Finding;
import io.runnerguard.policy.Finding.Verdict;
import io.runnerguard.testing.Pods;
import org.junit.jupiter.api.Test;

class ReadOnlyRootFilesystemRuleTest {

    private final ReadOnlyRootFilesystemRule rule = new ReadOnlyRootFilesystemRule();

    @Test
    void fixesOfficialChartRunnerThatLeavesItUnset() {
        assertThat(check(rule, Pods.officialChartWorkerSpec())).singleElement().satisfies(finding -> {
            assertThat(finding.verdict()).isEqualTo(Verdict.FIXABLE);
            assertThat(finding.fieldPath()).isEqualTo("spec.containers[1].securityContext.readOnlyRootFilesystem");
        });
    }

    @Test
    void deniesRunnerThatAsksForAWritableRoot() {
        assertThat(check(rule, podWith(Pods.compliantRunner().editSecurityContext().withReadOnlyRootFilesystem(false)
                .endSecurityContext()))).singleElement().extracting(Finding::verdict).isEqualTo(Verdict.NOT_FIXABLE);
    }

    @Test
    void acceptsReadOnlyRoot() {
        assertThat(check(rule, podWith(Pods.compliantRunner()))).isEmpty();
    }
}
