package io.runnerguard.policy.rules;

import io.runnerguard.policy.ClassifiedPod;
import io.runnerguard.policy.ClassifiedPod.Runner;
import io.runnerguard.policy.ContainerView;
import io.runnerguard.policy.Finding;
import io.runnerguard.policy.Fix;
import io.runnerguard.policy.Rule;
import io.runnerguard.policy.Settings;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code read-only-root-filesystem}: runner code cannot change the runner's own files.
 *
 * <p>Reads and writes container {@code securityContext.readOnlyRootFilesystem} (there is no pod-level
 * field). Holds when it is {@code true}. Fixable when absent; not fixable when explicitly {@code false}.
 * The distroless runner writes only to {@code /tmp} ({@code /home/runner} is root-owned and the launcher
 * writes nothing), which {@code tmp-volume} provides.
 */
public final class ReadOnlyRootFilesystemRule implements Rule {

    public static final String ID = "read-only-root-filesystem";
    static final String FIELD = "readOnlyRootFilesystem";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(ClassifiedPod pod, Settings settings) {
        List<Finding> findings = new ArrayList<>();
        for (Runner runner : pod.runners()) {
            ContainerView container = runner.container();
            Boolean readOnly = container.security().readOnlyRootFilesystem();
            String at = container.fieldPath(pod.path()) + ".securityContext." + FIELD;
            if (readOnly == null) {
                findings.add(Finding.fixable(ID, container, at, FIELD + " is not set; it must be true",
                        new Fix.SetSecurityContextField(container.slot(), FIELD, Boolean.TRUE)));
            } else if (!readOnly) {
                findings.add(Finding.notFixable(ID, container, at, FIELD + " is false; it must be true"));
            }
        }
        return findings;
    }
}
