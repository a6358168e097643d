package io.runnerguard.config;

import io.runnerguard.policy.RuleMode;
import io.runnerguard.policy.Rules;
import io.runnerguard.policy.Settings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The {@code runner-guard.*} configuration keys (SPEC §4), with production defaults. Mapped onto the
 * policy core's {@link Settings}, which validates them at start.
 */
@ConfigurationProperties("runner-guard")
public record RunnerGuardProperties(
        @DefaultValue List<String> runnerImages,
        @DefaultValue List<String> n8nImages,
        @DefaultValue List<String> distrolessImages,
        @DefaultValue("65532") long userId,
        @DefaultValue("65532") long groupId,
        @DefaultValue TmpVolume tmpVolume,
        @DefaultValue("kube-system") List<String> excludedNamespaces,
        @DefaultValue Map<String, String> rules,
        @DefaultValue("false") boolean mutateTemplates,
        @DefaultValue("false") boolean strictUnverifiable,
        @DefaultValue Tls tls,
        @DefaultValue("7MB") DataSize maxRequestSize) {

    public RunnerGuardProperties {
        if (maxRequestSize != null && maxRequestSize.toBytes() < 64 * 1024) {
            throw new IllegalArgumentException(
                    "runner-guard.max-request-size must be at least 64KB (the API server sends objects up to 3MiB), not "
                            + maxRequestSize);
        }
    }

    public record TmpVolume(@DefaultValue("64Mi") String sizeLimit, @DefaultValue("") String medium) {
    }

    /** PEM files; both or neither. Without them a self-signed {@code localhost} certificate is made. */
    public record Tls(String certFile, String keyFile) {
    }

    public Settings toSettings() {
        return new Settings(runnerImages, n8nImages, distrolessImages, userId, groupId, tmpVolume.sizeLimit(),
                tmpVolume.medium(), Set.copyOf(excludedNamespaces), ruleModes(), mutateTemplates, strictUnverifiable);
    }

    /**
     * Rule IDs contain dashes, which environment variables cannot carry
     * ({@code RUNNERGUARD_RULES_TMPVOLUME=audit} binds key {@code tmpvolume}), so keys match rule IDs
     * ignoring case and dashes.
     */
    private Map<String, RuleMode> ruleModes() {
        Map<String, RuleMode> modes = new LinkedHashMap<>();
        rules.forEach((key, mode) -> {
            String id = Rules.IDS.stream().filter(rule -> squash(rule).equals(squash(key))).findFirst().orElse(key);
            modes.put(id, RuleMode.parse(mode));
        });
        return modes;
    }

    private static String squash(String key) {
        return key.replace("-", "").replace("_", "").replace(".", "").toLowerCase(Locale.ROOT);
    }
}
