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
            checkSwitch(n8n, at, RUNNERS_ENABLED, findings);
            checkMode(n8n, at, findings);
            checkSwitch(n8n, at, INSECURE_MODE, findings);
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
            Optional<Source> elsewhere = elsewhere(n8n, MODE, at, true);
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

    /**
     * A runner setting that is dangerous at one boolean value.
     *
     * @param dangerous          the value that breaks the rule
     * @param safe               the value to suggest setting in {@code env}
     * @param readFromEnvFrom    whether an {@code envFrom} source counts as a place it may come from
     */
    private record Switch(String name, boolean dangerous, String consequence, String safe, boolean readFromEnvFrom) {
    }

    private static final Switch INSECURE_MODE = new Switch(INSECURE, true, "disables runner isolation", "false", true);
    // N8N_RUNNERS_ENABLED is deprecated and defaults to on: flagging it on every envFrom pod would
    // bury the real findings, so only a _FILE variant makes it unverifiable.
    private static final Switch RUNNERS_ENABLED = new Switch(ENABLED, false, "turns task runners off", "true", false);

    private static void checkSwitch(ContainerView n8n, String at, Switch setting, List<Finding> findings) {
        Optional<EnvVar> env = n8n.envVar(setting.name());
        if (env.isEmpty()) {
            elsewhere(n8n, setting.name(), at, setting.readFromEnvFrom()).ifPresent(source -> findings.add(
                    Finding.unverifiable(ID, n8n, source.path(), setting.name() + " may come from " + source.what()
                            + "; set " + setting.name() + "=" + setting.safe() + " in env")));
        } else if (env.get().fromReference()) {
            findings.add(Finding.unverifiable(ID, n8n, envPath(at, env.get()),
                    setting.name() + " comes from valueFrom, so it cannot be verified"));
        } else if (Boolean.valueOf(setting.dangerous()).equals(n8nBoolean(env.get().value()))) {
            findings.add(Finding.notFixable(ID, n8n, envPath(at, env.get()),
                    setting.name() + "=" + env.get().value() + " " + setting.consequence() + "; remove it"));
        }
    }

    /** Where an absent variable may still come from: its {@code _FILE} twin, or {@code envFrom}. */
    private static Optional<Source> elsewhere(ContainerView n8n, String name, String at, boolean readFromEnvFrom) {
        Optional<EnvVar> file = n8n.envVar(name + "_FILE");
        if (file.isPresent()) {
            return Optional.of(new Source(envPath(at, file.get()), name + "_FILE"));
        }
        return readFromEnvFrom && n8n.hasEnvFrom() ? Optional.of(new Source(at + ".envFrom", "envFrom")) : Optional.empty();
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
