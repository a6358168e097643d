package io.runnerguard.policy.rules;

import static io.runnerguard.policy.rules.RuleTestSupport.check;
import static io.runnerguard.policy.rules.RuleTestSupport.podWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.runnerguard.policy.Finding;
import io.runnerguard.policy.Finding.Verdict;
import io.runnerguard.policy.Fix;
import io.runnerguard.testing.Pods;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DistrolessImageRuleTest {

    private final DistrolessImageRule rule = new DistrolessImageRule();

    @ParameterizedTest
    @ValueSource(strings = {"n8nio/runners:2.4.6-distroless", "n8nio/runners:nightly-distroless", "n8nio/runners:1-distroless",
        "ghcr.io/n8n-io/runners:2.4.6-distroless-amd64", "n8nio/runners:2.4.6-abc1234-distroless",
        "n8nio/runners:2.4.6-distroless@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"})
    void acceptsEveryDistrolessTagN8nPublishes(String image) {
        assertThat(check(rule, podWith(Pods.chartRunner(image)))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "n8nio/runners:2.4.6, n8nio/runners:2.4.6-distroless",
        "n8nio/runners:1, n8nio/runners:1-distroless",
        "n8nio/runners:1.119, n8nio/runners:1.119-distroless",
        "n8nio/runners:nightly, n8nio/runners:nightly-distroless",
        "ghcr.io/n8n-io/runners:dev, ghcr.io/n8n-io/runners:dev-distroless",
        "docker.n8n.io/n8nio/runners:2.3.0, docker.n8n.io/n8nio/runners:2.3.0-distroless"})
    void fixesVersionAndNightlyTagsByAppendingDistroless(String image, String fixed) {
        List<Finding> findings = check(rule, podWith(Pods.chartRunner(image)));

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.verdict()).isEqualTo(Verdict.FIXABLE);
            assertThat(finding.fieldPath()).isEqualTo("spec.containers[1].image");
            assertThat(((Fix.ReplaceImage) finding.fix()).image()).isEqualTo(fixed);
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            n8nio/runners:stable   | tag 'stable' has no distroless variant; pin a version such as 2.4.6-distroless
            n8nio/runners:latest   | tag 'latest' has no distroless variant
            n8nio/runners          | tag 'latest' has no distroless variant
            n8nio/runners:beta     | tag 'beta' has no distroless variant
            n8nio/runners:next     | tag 'next' has no distroless variant
            n8nio/runners:2.4.6-amd64 | tag '2.4.6-amd64' has no known distroless variant
            n8nio/runners@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef | pinned by digest without a -distroless tag
            n8nio/runners:2.4.6@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef | pinned by digest without a -distroless tag
            """)
    void deniesWhatHasNoDistrolessTwinOrIsPinnedByDigest(String image, String problem) {
        List<Finding> findings = check(rule, podWith(Pods.chartRunner(image)));

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.verdict()).isEqualTo(Verdict.NOT_FIXABLE);
            assertThat(finding.problem()).contains(problem);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"n8nio/n8n:1.110.0", "docker.n8n.io/n8nio/n8n:1.110.0", "n8nio/n8n:1.119.0-distroless"})
    void deniesRunnerBuiltOnTheN8nImage(String image) {
        List<Finding> findings = check(rule, podWith(Pods.chartRunner(image).withCommand("/usr/local/bin/task-runner-launcher")));

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.verdict()).isEqualTo(Verdict.NOT_FIXABLE);
            assertThat(finding.problem()).startsWith("runner uses the n8n image, which has no distroless variant");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"mycorp/python-runner:3", "registry.local:5000/runner"})
    void cannotVerifyRunnersOfUnknownMake(String image) {
        assertThat(check(rule, podWith(Pods.chartRunner(image)))).singleElement()
                .extracting(Finding::verdict).isEqualTo(Verdict.UNVERIFIABLE);
    }
}
