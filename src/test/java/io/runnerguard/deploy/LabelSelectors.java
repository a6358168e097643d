package io.runnerguard.deploy;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.Map;

/** Kubernetes label-selector semantics, as the API server applies a webhook's namespaceSelector. */
final class LabelSelectors {

    private LabelSelectors() {
    }

    /** A null selector and an empty one both select everything. */
    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        if (selector.getMatchLabels() != null) {
            for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
                if (!e.getValue().equals(labels.get(e.getKey()))) {
                    return false;
                }
            }
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
                if (!matches(r, labels)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean matches(LabelSelectorRequirement r, Map<String, String> labels) {
        boolean has = labels.containsKey(r.getKey());
        String value = labels.get(r.getKey());
        return switch (r.getOperator()) {
            case "In" -> has && r.getValues().contains(value);
            // NotIn also selects objects that do not carry the key at all.
            case "NotIn" -> !has || !r.getValues().contains(value);
            case "Exists" -> has;
            case "DoesNotExist" -> !has;
            default -> throw new IllegalArgumentException("unknown operator " + r.getOperator());
        };
    }
}
