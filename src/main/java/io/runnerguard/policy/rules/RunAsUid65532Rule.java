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
 * {@code run-as-uid-65532}: runners run as the distroless {@code nonroot} user.
 *
 * <p>Reads, per runner: container {@code securityContext.runAsUser}, {@code runAsGroup},
 * {@code runAsNonRoot}, and the pod-level fields of the same names. Writes the container-level
 * fields. Holds when the effective (container over pod) values are {@code runAsUser} =
 * {@code runner-guard.user-id} (65532), {@code runAsGroup} = {@code runner-guard.group-id} (65532)
 * and {@code runAsNonRoot=true}. Fixable where the container-level field is absent, even when the
 * pod level says otherwise: the official n8n chart sets a pod-level {@code runAsUser: 1000} that the
 * sidecar inherits. Not fixable where the container itself sets another value.
 */
public final class RunAsUid65532Rule implements Rule {

    public static final String ID = "run-as-uid-65532";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(ClassifiedPod pod, Settings settings) {
        List<Finding> findings = new ArrayList<>();
        var podLevel = pod.spec().podSecurity();
        for (Runner runner : pod.runners()) {
            ContainerView container = runner.container();
            var own = container.security();
            String at = container.fieldPath(pod.path()) + ".securityContext.";
            check(container, at, "runAsUser", own.runAsUser(), podLevel.runAsUser(), settings.userId(), findings);
            check(container, at, "runAsGroup", own.runAsGroup(), podLevel.runAsGroup(), settings.groupId(), findings);
            check(container, at, "runAsNonRoot", own.runAsNonRoot(), podLevel.runAsNonRoot(), Boolean.TRUE, findings);
        }
        return findings;
    }

    private static void check(ContainerView container, String at, String field, Object own, Object inherited,
            Object wanted, List<Finding> findings) {
        if (own != null) {
            if (!own.equals(wanted)) {
                findings.add(Finding.notFixable(ID, container, at + field,
                        field + " is " + own + " in the container; it must be " + wanted));
            }
            return;
        }
        if (!wanted.equals(inherited)) {
            String problem = inherited == null
                    ? field + " is not set; it must be " + wanted
                    : field + " is " + inherited + " from the pod; it must be " + wanted;
            findings.add(Finding.fixable(ID, container, at + field, problem,
                    new Fix.SetSecurityContextField(container.slot(), field, wanted)));
        }
    }
}
