package io.runnerguard.policy.rules;

import io.runnerguard.policy.ClassifiedPod;
import io.runnerguard.policy.ContainerView;
import io.runnerguard.policy.ContainerView.EnvVar;
import io.runnerguard.policy.Finding;
import io.runnerguard.policy.Rule;
import io.runnerguard.policy.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code external-mode}: n8n main and worker containers run Code-node tasks in external runners.
 *
 * <p>Reads, on each n8n container: env {@code N8N_RUNNERS_MODE}, {@code N8N_RUNNERS_INSECURE_MODE},
 * {@code N8N_RUNNERS_ENABLED} (and their {@code _FILE} variants), and whether {@code envFrom} is set.
 * Writes nothing. Holds when {@code N8N_RUNNERS_MODE=external}, insecure mode is not on and runners
 * are not disabled. n8n's default mode is {@code internal}: the runner is a child process with n8n's
 * own credentials and env (n8n docs, "Set up task runners"), so an absent mode is a violation.
 * Never fixable: switching modes without a runner sidecar would make Code nodes hang.
 *
 * <p>Values are read the way n8n reads them (n8n-io/n8n {@code @n8n/config}): the mode must be exactly
 * {@code external} (anything else falls back to internal), booleans are {@code true}/{@code 1} and
 * {@code false}/{@code 0} in any case, and {@code NAME_FILE} supplies {@code NAME} from a file.
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
            int before = findings.size();
            checkEnabled(n8n, at, findings);
            checkMode(n8n, at, findings);
            checkInsecure(n8n, at, findings);
            boolean clean = findings.size() == before;
            if (clean && pod.runners().isEmpty()) {
                findings.add(Finding.advice(ID, n8n, at,
                        "external mode but no runner in this pod; Code nodes hang unless runners run elsewhere"));
            }
        }
        return findings;
    }

    private static void checkMode(ContainerView n8n, String at, List<Finding> findings) {
        Optional<EnvVar> mode = n8n.envVar(MODE);
        if (mode.isEmpty()) {
            Optional<Source> elsewhere = elsewhere(n8n, MODE, at);
            findings.add(elsewhere.isPresent()
                    ? Finding.unverifiable(ID, n8n, elsewhere.get().path(),
                            MODE + " may come from " + elsewhere.get().what() + "; set " + MODE + "=external in env")
                    : Finding.notFixable(ID, n8n, at + ".env",
                            MODE + " is not set, so n8n runs task runners in internal mode; set it to external"));
        } else if (mode.get().fromReference()) {
            findings.add(Finding.unverifiable(ID, n8n, envPath(at, mode.get()),
                    MODE + " comes from valueFrom, so external mode cannot be verified"));
        } else if (!"external".equals(mode.get().value())) {
            findings.add(Finding.notFixable(ID, n8n, envPath(at, mode.get()),
                    MODE + " is '" + mode.get().value() + "'; set it to external"));
        }
    }

    private static void checkInsecure(ContainerView n8n, String at, List<Finding> findings) {
        Optional<EnvVar> insecure = n8n.envVar(INSECURE);
        if (insecure.isPresent() && insecure.get().fromReference()) {
            findings.add(Finding.unverifiable(ID, n8n, envPath(at, insecure.get()),
                    INSECURE + " comes from valueFrom, so it cannot be verified"));
        } else if (insecure.isPresent() && Boolean.TRUE.equals(n8nBoolean(insecure.get().value()))) {
            findings.add(Finding.notFixable(ID, n8n, envPath(at, insecure.get()),
                    INSECURE + "=" + insecure.get().value() + " disables runner isolation; remove it"));
        } else if (insecure.isEmpty()) {
            elsewhere(n8n, INSECURE, at).ifPresent(source -> findings.add(Finding.unverifiable(ID, n8n, source.path(),
                    INSECURE + " may come from " + source.what() + "; set " + INSECURE + "=false in env")));
        }
    }

    private static void checkEnabled(ContainerView n8n, String at, List<Finding> findings) {
        Optional<EnvVar> enabled = n8n.envVar(ENABLED);
        if (enabled.isPresent() && enabled.get().fromReference()) {
            findings.add(Finding.unverifiable(ID, n8n, envPath(at, enabled.get()),
                    ENABLED + " comes from valueFrom, so it cannot be verified"));
        } else if (enabled.isPresent() && Boolean.FALSE.equals(n8nBoolean(enabled.get().value()))) {
            findings.add(Finding.notFixable(ID, n8n, envPath(at, enabled.get()),
                    ENABLED + "=" + enabled.get().value() + " turns task runners off; remove it"));
        } else if (enabled.isEmpty() && n8n.envVar(ENABLED + "_FILE").isPresent()) {
            findings.add(Finding.unverifiable(ID, n8n, envPath(at, n8n.envVar(ENABLED + "_FILE").get()),
                    ENABLED + " comes from a file, so it cannot be verified"));
        }
    }

    /**
     * Where an absent variable may still come from: its {@code _FILE} twin, or {@code envFrom}.
     * (Only {@code N8N_RUNNERS_ENABLED} is left out of the {@code envFrom} case: it is deprecated and
     * defaults to on, and warning about it on every envFrom pod would bury the real findings.)
     */
    private static Optional<Source> elsewhere(ContainerView n8n, String name, String at) {
        Optional<EnvVar> file = n8n.envVar(name + "_FILE");
        if (file.isPresent()) {
            return Optional.of(new Source(envPath(at, file.get()), name + "_FILE"));
        }
        return n8n.hasEnvFrom() ? Optional.of(new Source(at + ".envFrom", "envFrom")) : Optional.empty();
    }

    /** Where a value may come from that the object does not show, and its field path. */
    private record Source(String path, String what) {
    }

    /** n8n's boolean coercion: {@code true}/{@code 1} and {@code false}/{@code 0}, any case, untrimmed. */
    static Boolean n8nBoolean(String value) {
        if (value == null) {
            return null;
        }
        if (value.equalsIgnoreCase("true") || value.equals("1")) {
            return Boolean.TRUE;
        }
        if (value.equalsIgnoreCase("false") || value.equals("0")) {
            return Boolean.FALSE;
        }
        return null;
    }

    private static String envPath(String containerPath, EnvVar env) {
        return containerPath + ".env[" + env.index() + "]" + (env.fromReference() ? ".valueFrom" : ".value");
    }
}
