package io.runnerguard.policy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which image repositories are n8n runners, n8n itself, or distroless by configuration.
 * Repositories are compared in {@link ImageReference#repository()} form, so Docker Hub aliases match.
 */
public final class ImageCatalog {

    /** n8n publishes the runners image here (n8n-io/n8n docker-tags.mjs; docker.n8n.io seen in third-party compose files). */
    static final List<String> OFFICIAL_RUNNER_REPOSITORIES =
            List.of("n8nio/runners", "ghcr.io/n8n-io/runners", "docker.n8n.io/n8nio/runners");

    static final List<String> OFFICIAL_N8N_REPOSITORIES =
            List.of("n8nio/n8n", "ghcr.io/n8n-io/n8n", "docker.n8n.io/n8nio/n8n");

    private final Set<String> officialRunners = normalize(OFFICIAL_RUNNER_REPOSITORIES);
    private final Set<String> configuredRunners;
    private final Set<String> n8n;
    private final Set<String> distroless;

    public ImageCatalog(Settings settings) {
        this.configuredRunners = normalize(settings.runnerImages());
        this.configuredRunners.removeAll(officialRunners);
        this.n8n = normalize(OFFICIAL_N8N_REPOSITORIES);
        this.n8n.addAll(normalize(settings.n8nImages()));
        this.distroless = normalize(settings.distrolessImages());
    }

    public boolean isOfficialRunner(ImageReference image) {
        return officialRunners.contains(image.repository());
    }

    public boolean isConfiguredRunner(ImageReference image) {
        return configuredRunners.contains(image.repository());
    }

    public boolean isN8n(ImageReference image) {
        return n8n.contains(image.repository());
    }

    public boolean isDistrolessByConfiguration(ImageReference image) {
        return distroless.contains(image.repository());
    }

    private static Set<String> normalize(List<String> repositories) {
        Set<String> normalized = new HashSet<>();
        for (String repository : repositories) {
            ImageReference.parse(repository).ifPresent(image -> normalized.add(image.repository()));
        }
        return normalized;
    }
}
