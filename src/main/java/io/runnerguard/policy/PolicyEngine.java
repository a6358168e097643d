package io.runnerguard.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs the rules over one pod spec. Built once from {@link Settings}; thread-safe and free of I/O.
 */
public final class PolicyEngine {

    private final Settings settings;
    private final ImageCatalog catalog;

    public PolicyEngine(Settings settings) {
        this.settings = settings;
        this.catalog = new ImageCatalog(settings);
    }

    public Settings settings() {
        return settings;
    }

    /** Every rule that is not {@code off}, over every container. */
    public Evaluation evaluate(PodSpecView spec) {
        ClassifiedPod pod = ClassifiedPod.classify(spec, catalog);
        List<Finding> findings = new ArrayList<>();
        if (pod.isInScope()) {
            for (Rule rule : Rules.ALL) {
                if (settings.modeOf(rule.id()) != RuleMode.OFF) {
                    findings.addAll(rule.check(pod, settings));
                }
            }
        }
        return new Evaluation(pod, findings);
    }

    /**
     * Only {@code distroless-image}, only for the named containers: on a Pod UPDATE the image is the
     * one runner field Kubernetes lets change, so it is the only thing left to judge.
     */
    public Evaluation evaluateChangedImages(PodSpecView spec, Set<String> changedContainers) {
        ClassifiedPod pod = ClassifiedPod.classify(spec, catalog);
        List<Finding> findings = new ArrayList<>();
        Rule imageRule = Rules.DISTROLESS_IMAGE;
        if (settings.modeOf(imageRule.id()) != RuleMode.OFF) {
            for (Finding finding : imageRule.check(pod, settings)) {
                if (changedContainers.contains(finding.container())) {
                    findings.add(finding);
                }
            }
        }
        return new Evaluation(pod, findings);
    }

    /** The classified pod and what the rules found, in rule order. */
    public record Evaluation(ClassifiedPod pod, List<Finding> findings) {
        public Evaluation {
            findings = List.copyOf(findings);
        }
    }
}
