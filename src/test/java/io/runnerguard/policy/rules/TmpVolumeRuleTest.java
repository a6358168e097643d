package io.runnerguard.policy.rules;

import static io.runnerguard.policy.rules.RuleTestSupport.check;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.runnerguard.policy.Finding;
import io.runnerguard.policy.Finding.Verdict;
import io.runnerguard.policy.Fix;
import io.runnerguard.testing.Pods;
import org.junit.jupiter.api.Test;

class TmpVolumeRuleTest {

    private final TmpVolumeRule rule = new TmpVolumeRule();

    @Test
    void fixesRunnerWithoutTmp() {
        assertThat(check(rule, Pods.officialChartWorkerSpec())).singleElement().satisfies(finding -> {
            assertThat(finding.verdict()).isEqualTo(Verdict.FIXABLE);
            assertThat(finding.fieldPath()).isEqualTo("spec.containers[1].volumeMounts");
            assertThat(((Fix.MountTmpEmptyDir) finding.fix()).sizeLimit()).isEqualTo("64Mi");
        });
    }

    @Test
    void acceptsEmptyDirAndGenericEphemeralVolumes() {
        assertThat(check(rule, withTmpFrom(new VolumeBuilder().withName("t").withNewEmptyDir().endEmptyDir().build(), false)))
                .isEmpty();
        assertThat(check(rule, withTmpFrom(new VolumeBuilder().withName("t").withNewEphemeral().withNewVolumeClaimTemplate()
                .withNewSpec().withAccessModes("ReadWriteOnce").endSpec().endVolumeClaimTemplate().endEphemeral().build(), false)))
                .isEmpty();
    }

    @Test
    void deniesTmpMountedReadOnly() {
        assertThat(check(rule, withTmpFrom(new VolumeBuilder().withName("t").withNewEmptyDir().endEmptyDir().build(), true)))
                .singleElement().satisfies(finding -> {
                    assertThat(finding.verdict()).isEqualTo(Verdict.NOT_FIXABLE);
                    assertThat(finding.fieldPath()).isEqualTo("spec.containers[1].volumeMounts[0].readOnly");
                });
    }

    @Test
    void deniesTmpFromAHostPathThatWouldOutliveTheTask() {
        Finding finding = check(rule, withTmpFrom(new VolumeBuilder().withName("t").withNewHostPath().withPath("/var/tmp")
                .endHostPath().build(), false)).get(0);

        assertThat(finding.verdict()).isEqualTo(Verdict.NOT_FIXABLE);
        assertThat(finding.problem()).isEqualTo("/tmp is mounted from volume 't', which is not an emptyDir");
    }

    private static PodSpec withTmpFrom(io.fabric8.kubernetes.api.model.Volume volume, boolean readOnly) {
        return new PodSpecBuilder().withContainers(Pods.n8nWorker("external").build(), Pods.chartRunner(Pods.RUNNERS_2_4_6)
                .addNewVolumeMount().withName("t").withMountPath("/tmp").withReadOnly(readOnly).endVolumeMount().build())
                .withVolumes(volume).build();
    }
}
