package io.runnerguard.policy;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.runnerguard.testing.Json;
import java.util.List;

/** Builds what rules take from typed pod specs. */
final class Specs {

    private Specs() {
    }

    static ClassifiedPod classify(PodSpec spec, Settings settings) {
        return ClassifiedPod.classify(PodSpecReader.read(Json.tree(spec), "spec"), new ImageCatalog(settings));
    }

    static ClassifiedPod classify(PodSpec spec) {
        return classify(spec, Settings.defaults());
    }

    static List<Finding> check(Rule rule, PodSpec spec) {
        return rule.check(classify(spec), Settings.defaults());
    }
}
