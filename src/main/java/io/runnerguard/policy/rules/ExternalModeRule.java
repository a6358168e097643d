package io.runnerguard.policy.rules;

import io.runnerguard.policy.ClassifiedPod;
import io.runnerguard.policy.ContainerView;
import io.runnerguard.policy.ContainerView.EnvVar;
import io.runnerguard.policy.Finding;
import io.runnerguard.policy.Rule;
import io.runnerguard.policy.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code external-mode}: n8n main and worker containers run Code-node tasks in external runners.
 *
 * <p>Reads, on each n8n container: env {@code N8N_RUNNERS_MODE}, {@code N8N_RUNNERS_INSECURE_MODE},
 * {@code N8N_RUNNERS_ENABLED}, and whether {@code envFrom} is set. Writes nothing.
 * Holds when {@code N8N_RUNNERS_MODE=external}, insecure mode is not {@code true} and runners are not
 * disabled. n8n's default mode is {@code internal}: the runner is a child process with n8n's own
 * credentials and env (n8n docs, "Set up task runners"), so an absent mode is a violation.
 * Never fixable: switching modes without a runner sidecar would make Code nodes hang.
 */
public final class ExternalModeRule implements Rule {

    public static final String ID = "external-mode";

    static final String MODE = "N8N_RUNNERS_MODE";
    static final String INSECURE = "N8N_RUNNERS_INSECURE_MODE";
    static final String ENABLED = "N8N_RUNNERS_ENABLED";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(ClassifiedPod pod, Settings settings) {
        List<Finding> findings = new ArrayList<>();
        for (ContainerView n8n : pod.n8nContainers()) {
            String at = n8n.fieldPath(pod.path());
            Optional<EnvVar> enabled = n8n.envVar(ENABLED);
            if (enabled.isPresent() && isFalse(enabled.get())) {
                findings.add(Finding.notFixable(ID, n8n, envPath(at, enabled.get()),
                        ENABLED + "=false turns task runners off; remove it and set " + MODE + "=external"));
                continue;
            }
            Optional<EnvVar> mode = n8n.envVar(MODE);
            boolean external = false;
            if (mode.isEmpty()) {
                findings.add(n8n.hasEnvFrom()
                        ? Finding.unverifiable(ID, n8n, at + ".envFrom",
                                MODE + " is not in env and may come from envFrom; set " + MODE + "=external in env")
                        : Finding.notFixable(ID, n8n, at + ".env",
                                MODE + " is not set, so n8n runs task runners in internal mode; set it to external"));
            } else if (mode.get().fromReference()) {
                findings.add(Finding.unverifiable(ID, n8n, envPath(at, mode.get()),
                        MODE + " comes from valueFrom, so external mode cannot be verified"));
            } else if (!"external".equals(normalized(mode.get().value()))) {
                findings.add(Finding.notFixable(ID, n8n, envPath(at, mode.get()),
                        MODE + " is '" + mode.get().value() + "'; set it to external"));
            } else {
                external = true;
            }
            Optional<EnvVar> insecure = n8n.envVar(INSECURE);
            if (insecure.isPresent() && insecure.get().fromReference()) {
                findings.add(Finding.unverifiable(ID, n8n, envPath(at, insecure.get()),
                        INSECURE + " comes from valueFrom, so it cannot be verified"));
            } else if (insecure.isPresent() && "true".equals(normalized(insecure.get().value()))) {
                findings.add(Finding.notFixable(ID, n8n, envPath(at, insecure.get()),
                        INSECURE + "=true disables runner isolation; remove it"));
            } else if (external && pod.runners().isEmpty()) {
                findings.add(Finding.advice(ID, n8n, at,
                        "external mode but no runner in this pod; Code nodes hang unless runners run elsewhere"));
            }
        }
        return findings;
    }

    private static boolean isFalse(EnvVar env) {
        return !env.fromReference() && "false".equals(normalized(env.value()));
    }

    private static String normalized(String value) {
        return value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    }

    private static String envPath(String containerPath, EnvVar env) {
        return containerPath + ".env[" + env.index() + "]" + (env.fromReference() ? ".valueFrom" : ".value");
    }
}
