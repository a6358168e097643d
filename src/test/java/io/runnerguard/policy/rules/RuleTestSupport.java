package io.runnerguard.policy.rules;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.runnerguard.policy.ClassifiedPod;
import io.runnerguard.policy.Finding;
import io.runnerguard.policy.ImageCatalog;
import io.runnerguard.policy.PodSpecReader;
import io.runnerguard.policy.Rule;
import io.runnerguard.policy.Settings;
import io.runnerguard.testing.Json;
import io.runnerguard.testing.Pods;
import java.util.List;

final class RuleTestSupport {

    private RuleTestSupport() {
    }

    static List<Finding> check(Rule rule, PodSpec spec) {
        return check(rule, spec, Settings.defaults());
    }

    static List<Finding> check(Rule rule, PodSpec spec, Settings settings) {
        ClassifiedPod pod = ClassifiedPod.classify(PodSpecReader.read(Json.tree(spec), "spec"), new ImageCatalog(settings));
        return rule.check(pod, settings);
    }

    /** A pod with an n8n worker and one runner built from {@code runner}. */
    static PodSpec podWith(ContainerBuilder runner) {
        return new PodSpecBuilder().withContainers(Pods.n8nWorker("external").build(), runner.build()).build();
    }
}
