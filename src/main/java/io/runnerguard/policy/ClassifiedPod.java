package io.runnerguard.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * A pod spec with its containers sorted into n8n task runners and n8n main (or worker) containers,
 * the two roles the rules apply to (SPEC §1).
 */
public record ClassifiedPod(PodSpecView spec, List<Runner> runners, List<ContainerView> n8nContainers) {

    /** Environment variable every external-mode runner sets to reach its broker. */
    static final String BROKER_URI = "N8N_RUNNERS_TASK_BROKER_URI";
    /** Entrypoint of the runners image, and of 1.x sidecars built on the n8n image. */
    static final String LAUNCHER = "task-runner-launcher";

    public ClassifiedPod {
        runners = List.copyOf(runners);
        n8nContainers = List.copyOf(n8nContainers);
    }

    public static ClassifiedPod classify(PodSpecView spec, ImageCatalog catalog) {
        List<Runner> runners = new ArrayList<>();
        List<ContainerView> n8nContainers = new ArrayList<>();
        for (ContainerView container : spec.containers()) {
            if (!container.isLongRunning()) {
                continue;
            }
            ImageReference image = ImageReference.parse(container.image()).orElse(null);
            boolean onN8nImage = image != null && catalog.isN8n(image);
            boolean launcher = container.runsCommand(LAUNCHER);
            boolean n8nMain = onN8nImage && !launcher;
            ImageOrigin origin = image == null ? ImageOrigin.OTHER
                    : catalog.isOfficialRunner(image) ? ImageOrigin.OFFICIAL_RUNNERS
                    : catalog.isConfiguredRunner(image) ? ImageOrigin.CONFIGURED_RUNNERS
                    : onN8nImage ? ImageOrigin.N8N
                    : ImageOrigin.OTHER;
            boolean runner = origin == ImageOrigin.OFFICIAL_RUNNERS
                    || origin == ImageOrigin.CONFIGURED_RUNNERS
                    || launcher
                    || (container.envVar(BROKER_URI).isPresent() && !n8nMain);
            if (runner) {
                runners.add(new Runner(container, image, origin, image != null && catalog.isDistrolessByConfiguration(image)));
            } else if (n8nMain) {
                n8nContainers.add(container);
            }
        }
        return new ClassifiedPod(spec, runners, n8nContainers);
    }

    public String path() {
        return spec.path();
    }

    public boolean isInScope() {
        return !runners.isEmpty() || !n8nContainers.isEmpty();
    }

    /**
     * A runner container and what its image is known to be.
     *
     * @param image                 parsed image, {@code null} when absent or unparseable
     * @param distrolessRepository  the repository is listed in {@code runner-guard.distroless-images}
     */
    public record Runner(ContainerView container, ImageReference image, ImageOrigin origin, boolean distrolessRepository) {
    }

    public enum ImageOrigin {
        /** One of n8n's own runners repositories. */
        OFFICIAL_RUNNERS,
        /** A repository configured in {@code runner-guard.runner-images}. */
        CONFIGURED_RUNNERS,
        /** The n8n main image, used as a runner by n8n 1.x charts. */
        N8N,
        /** Anything else: recognised as a runner by its command or env only. */
        OTHER
    }
}
