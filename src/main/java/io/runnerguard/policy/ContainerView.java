package io.runnerguard.policy;

import java.util.List;
import java.util.Optional;

/**
 * One container as the rules see it.
 *
 * <p>Env values are kept only for the n8n settings the rules read ({@link #SETTINGS_WITH_VALUES});
 * every other variable is known by name alone, so secrets in env values never enter the engine.
 *
 * @param slot            where the container sits
 * @param name            container name
 * @param image           image as written, {@code null} when absent
 * @param command         {@code command} entries
 * @param args            {@code args} entries
 * @param env             {@code env} entries in order
 * @param hasEnvFrom      whether {@code envFrom} is set (values may come from there)
 * @param security        container-level {@code securityContext} values
 * @param volumeMounts    {@code volumeMounts} entries in order
 * @param restartPolicy   container {@code restartPolicy} ({@code Always} makes an init container a native sidecar)
 */
public record ContainerView(
        ContainerSlot slot,
        String name,
        String image,
        List<String> command,
        List<String> args,
        List<EnvVar> env,
        boolean hasEnvFrom,
        ContainerSecurity security,
        List<VolumeMount> volumeMounts,
        String restartPolicy) {

    public static final List<String> SETTINGS_WITH_VALUES =
            List.of("N8N_RUNNERS_MODE", "N8N_RUNNERS_INSECURE_MODE", "N8N_RUNNERS_ENABLED");

    public ContainerView {
        command = List.copyOf(command);
        args = List.copyOf(args);
        env = List.copyOf(env);
        volumeMounts = List.copyOf(volumeMounts);
    }

    /** Regular containers and native sidecars run for the pod's lifetime; plain init containers do not. */
    public boolean isLongRunning() {
        return slot.list().equals(ContainerSlot.CONTAINERS) || "Always".equals(restartPolicy);
    }

    /** The entry that takes effect: Kubernetes uses the last one when a name repeats. */
    public Optional<EnvVar> envVar(String name) {
        for (int i = env.size() - 1; i >= 0; i--) {
            if (env.get(i).name().equals(name)) {
                return Optional.of(env.get(i));
            }
        }
        return Optional.empty();
    }

    public boolean runsCommand(String executable) {
        return command.stream().anyMatch(part -> part.contains(executable))
                || args.stream().anyMatch(part -> part.contains(executable));
    }

    public String fieldPath(String podSpecPath) {
        return slot.fieldPath(podSpecPath);
    }

    /**
     * @param index          position in {@code env}
     * @param value          literal value for the n8n settings the rules read, else {@code null}
     * @param fromReference  set through {@code valueFrom}: the value cannot be known from the object
     */
    public record EnvVar(int index, String name, String value, boolean fromReference) {
    }

    /** Container-level {@code securityContext} fields; {@code present} tells whether the object exists at all. */
    public record ContainerSecurity(
            boolean present, Long runAsUser, Long runAsGroup, Boolean runAsNonRoot, Boolean readOnlyRootFilesystem) {
        public static final ContainerSecurity ABSENT = new ContainerSecurity(false, null, null, null, null);
    }

    public record VolumeMount(int index, String name, String mountPath, boolean readOnly) {
    }
}
