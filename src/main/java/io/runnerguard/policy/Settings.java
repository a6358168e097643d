package io.runnerguard.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Everything the policy core is configured with. Plain data, built from Spring properties by the
 * application and directly by tests; validated here so a bad value fails at start with a clear message.
 *
 * @param runnerImages        extra repositories whose containers are task runners
 * @param n8nImages           extra repositories whose containers are n8n main/worker containers
 * @param distrolessImages    extra repositories whose images count as distroless whatever their tag
 * @param userId              UID runners must run as
 * @param groupId             GID runners must run as
 * @param tmpSizeLimit        {@code sizeLimit} of the {@code /tmp} emptyDir the fix adds
 * @param tmpMedium           {@code medium} of that emptyDir: empty (node disk) or {@code Memory}
 * @param excludedNamespaces  namespaces whose requests are allowed untouched
 * @param ruleModes           mode per rule ID; rules not listed are enforced
 * @param mutateTemplates     whether workload pod templates are patched too
 * @param strictUnverifiable  whether findings that cannot be verified are denied instead of warned
 */
public record Settings(
        List<String> runnerImages,
        List<String> n8nImages,
        List<String> distrolessImages,
        long userId,
        long groupId,
        String tmpSizeLimit,
        String tmpMedium,
        Set<String> excludedNamespaces,
        Map<String, RuleMode> ruleModes,
        boolean mutateTemplates,
        boolean strictUnverifiable) {

    private static final Pattern QUANTITY = Pattern.compile("[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?");

    public Settings {
        runnerImages = List.copyOf(runnerImages);
        n8nImages = List.copyOf(n8nImages);
        distrolessImages = List.copyOf(distrolessImages);
        excludedNamespaces = Set.copyOf(excludedNamespaces);
        ruleModes = Map.copyOf(ruleModes);
        tmpMedium = tmpMedium == null ? "" : tmpMedium;
        requireRepositories("runner-images", runnerImages);
        requireRepositories("n8n-images", n8nImages);
        requireRepositories("distroless-images", distrolessImages);
        if (userId <= 0 || groupId <= 0) {
            throw new IllegalArgumentException("runner-guard.user-id and group-id must be non-root IDs (> 0)");
        }
        if (tmpSizeLimit == null || !QUANTITY.matcher(tmpSizeLimit).matches()) {
            throw new IllegalArgumentException(
                    "runner-guard.tmp-volume.size-limit must be a Kubernetes quantity such as 64Mi, not '" + tmpSizeLimit + "'");
        }
        if (!tmpMedium.isEmpty() && !tmpMedium.equals("Memory")) {
            throw new IllegalArgumentException(
                    "runner-guard.tmp-volume.medium must be empty or Memory, not '" + tmpMedium + "'");
        }
        Set<String> unknown = ruleModes.keySet().stream()
                .filter(id -> !Rules.IDS.contains(id))
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    "runner-guard.rules has unknown rule IDs " + unknown + "; known: " + Rules.IDS);
        }
    }

    /** The production defaults (SPEC §4). */
    public static Settings defaults() {
        return new Settings(List.of(), List.of(), List.of(), 65532, 65532, "64Mi", "",
                Set.of("kube-system"), Map.of(), false, false);
    }

    public RuleMode modeOf(String ruleId) {
        return ruleModes.getOrDefault(ruleId, RuleMode.ENFORCE);
    }

    public Settings withRuleMode(String ruleId, RuleMode mode) {
        Map<String, RuleMode> modes = new LinkedHashMap<>(ruleModes);
        modes.put(ruleId, mode);
        return new Settings(runnerImages, n8nImages, distrolessImages, userId, groupId, tmpSizeLimit, tmpMedium,
                excludedNamespaces, modes, mutateTemplates, strictUnverifiable);
    }

    public Settings withMutateTemplates(boolean value) {
        return new Settings(runnerImages, n8nImages, distrolessImages, userId, groupId, tmpSizeLimit, tmpMedium,
                excludedNamespaces, ruleModes, value, strictUnverifiable);
    }

    public Settings withStrictUnverifiable(boolean value) {
        return new Settings(runnerImages, n8nImages, distrolessImages, userId, groupId, tmpSizeLimit, tmpMedium,
                excludedNamespaces, ruleModes, mutateTemplates, value);
    }

    public Settings withImages(List<String> runners, List<String> mains, List<String> distroless) {
        return new Settings(runners, mains, distroless, userId, groupId, tmpSizeLimit, tmpMedium,
                excludedNamespaces, ruleModes, mutateTemplates, strictUnverifiable);
    }

    private static void requireRepositories(String key, List<String> repositories) {
        for (String repository : repositories) {
            var parsed = ImageReference.parse(repository);
            if (parsed.isEmpty() || parsed.get().tag() != null || parsed.get().hasDigest()) {
                throw new IllegalArgumentException("runner-guard." + key
                        + " entries must be image repositories without tag or digest, e.g. registry.example.com/n8nio/runners; got '"
                        + repository + "'");
            }
        }
    }
}
