package io.runnerguard.policy;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A container image reference, {@code [registry[:port]/]path[:tag][@digest]}, parsed the way the
 * container runtime reads it: the first path component is a registry only when it contains a
 * {@code .} or a {@code :}, or is {@code localhost}; otherwise the image lives on Docker Hub.
 * A {@code :} inside the registry component is a port, never a tag.
 *
 * @param registry   registry host (and port) as written, or {@code null} for Docker Hub shorthand
 * @param path       repository path, e.g. {@code n8nio/runners}
 * @param tag        tag as written, or {@code null}
 * @param digest     digest as written ({@code sha256:…}), or {@code null}
 */
public record ImageReference(String registry, String path, String tag, String digest) {

    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");
    private static final String DOCKER_HUB = "docker.io";

    /** Parses an image reference; empty when the text cannot be an image reference at all. */
    public static Optional<ImageReference> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String rest = text.trim();
        if (rest.isEmpty() || rest.chars().anyMatch(Character::isWhitespace)) {
            return Optional.empty();
        }
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!DIGEST.matcher(digest).matches()) {
                return Optional.empty();
            }
        }
        String registry = null;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                registry = first;
                rest = rest.substring(slash + 1);
            }
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon >= 0) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                return Optional.empty();
            }
        }
        if (rest.isEmpty() || rest.startsWith("/") || rest.endsWith("/") || rest.contains("//")) {
            return Optional.empty();
        }
        return Optional.of(new ImageReference(registry, rest, tag, digest));
    }

    /**
     * The repository with its registry made explicit and Docker Hub aliases folded, so that
     * {@code n8nio/runners}, {@code docker.io/n8nio/runners} and
     * {@code index.docker.io/n8nio/runners} compare equal.
     */
    public String repository() {
        String host = registry == null ? DOCKER_HUB : registry.toLowerCase(Locale.ROOT);
        if (host.equals("index.docker.io") || host.equals("registry-1.docker.io")) {
            host = DOCKER_HUB;
        }
        String repoPath = host.equals(DOCKER_HUB) && !path.contains("/") ? "library/" + path : path;
        return host + "/" + repoPath;
    }

    /** The tag that decides what runs: none at all means {@code latest}. */
    public String effectiveTag() {
        return tag == null && digest == null ? "latest" : tag;
    }

    public boolean hasDigest() {
        return digest != null;
    }

    public ImageReference withTag(String newTag) {
        return new ImageReference(registry, path, newTag, digest);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        if (registry != null) {
            text.append(registry).append('/');
        }
        text.append(path);
        if (tag != null) {
            text.append(':').append(tag);
        }
        if (digest != null) {
            text.append('@').append(digest);
        }
        return text.toString();
    }
}
