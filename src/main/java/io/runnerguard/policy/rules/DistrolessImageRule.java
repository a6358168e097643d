package io.runnerguard.policy.rules;

import io.runnerguard.policy.ClassifiedPod;
import io.runnerguard.policy.ClassifiedPod.ImageOrigin;
import io.runnerguard.policy.ClassifiedPod.Runner;
import io.runnerguard.policy.Finding;
import io.runnerguard.policy.Fix;
import io.runnerguard.policy.ImageReference;
import io.runnerguard.policy.Rule;
import io.runnerguard.policy.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code distroless-image}: runners run the distroless variant of the runners image.
 *
 * <p>Reads {@code image} of each runner container. Writes {@code image} (tag only).
 * Holds when the tag contains {@code -distroless} (n8n's tags: {@code X.Y.Z-distroless},
 * {@code X.Y.Z-distroless-amd64}, {@code X.Y.Z-<sha>-distroless}, {@code nightly-distroless},
 * {@code 1-distroless}) or the repository is configured in {@code runner-guard.distroless-images}.
 * Fixable for version tags and {@code nightly}/{@code dev}: n8n publishes a {@code -distroless} twin of
 * each (n8n-io/n8n determine-runners-tags.sh). Not fixable for {@code latest}/{@code stable}/
 * {@code beta}/{@code next} and no tag (no distroless twin exists), digests (the digest decides what
 * runs), and runners built on the n8n image (which has no distroless variant).
 */
public final class DistrolessImageRule implements Rule {

    public static final String ID = "distroless-image";

    static final String SUFFIX = "-distroless";
    private static final Pattern VERSION = Pattern.compile("[0-9]+(\\.[0-9]+){0,2}");
    private static final Set<String> FLOATING_WITH_TWIN = Set.of("nightly", "dev");
    private static final Set<String> CHANNELS = Set.of("latest", "stable", "beta", "next");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(ClassifiedPod pod, Settings settings) {
        List<Finding> findings = new ArrayList<>();
        for (Runner runner : pod.runners()) {
            check(runner, pod.path(), findings);
        }
        return findings;
    }

    private static void check(Runner runner, String podPath, List<Finding> findings) {
        String at = runner.container().fieldPath(podPath) + ".image";
        ImageReference image = runner.image();
        if (image == null) {
            findings.add(Finding.notFixable(ID, runner.container(), at,
                    "image '" + runner.container().image() + "' is not a valid image reference"));
            return;
        }
        if (runner.origin() == ImageOrigin.N8N) {
            // Checked before the tag: n8n publishes no distroless n8n image, whatever a tag says.
            findings.add(Finding.notFixable(ID, runner.container(), at,
                    "runner uses the n8n image, which has no distroless variant; use n8nio/runners:<version>"
                            + SUFFIX));
            return;
        }
        String tag = image.effectiveTag();
        if (runner.distrolessRepository() || (tag != null && tag.contains(SUFFIX))) {
            return;
        }
        if (runner.origin() == ImageOrigin.OFFICIAL_RUNNERS) {
            findings.add(officialRunnerFinding(runner, image, tag, at));
        } else {
            findings.add(Finding.unverifiable(ID, runner.container(), at, "cannot tell whether " + image.repository()
                    + " is distroless; list it in runner-guard.distroless-images"));
        }
    }

    private static Finding officialRunnerFinding(Runner runner, ImageReference image, String tag, String at) {
        if (image.hasDigest()) {
            return Finding.notFixable(ID, runner.container(), at,
                    "image is pinned by digest without a " + SUFFIX + " tag; pin the digest of a " + SUFFIX + " tag");
        }
        if (CHANNELS.contains(tag)) {
            return Finding.notFixable(ID, runner.container(), at, "tag '" + tag
                    + "' has no distroless variant; pin a version such as 2.4.6" + SUFFIX);
        }
        if (VERSION.matcher(tag).matches() || FLOATING_WITH_TWIN.contains(tag)) {
            String fixed = image.withTag(tag + SUFFIX).toString();
            return Finding.fixable(ID, runner.container(), at, "image is not distroless; use " + fixed,
                    new Fix.ReplaceImage(runner.container().slot(), fixed));
        }
        return Finding.notFixable(ID, runner.container(), at,
                "tag '" + tag + "' has no known distroless variant; use <version>" + SUFFIX);
    }
}
