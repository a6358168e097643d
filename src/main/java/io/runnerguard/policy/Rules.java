package io.runnerguard.policy;

import io.runnerguard.policy.rules.DistrolessImageRule;
import io.runnerguard.policy.rules.ExternalModeRule;
import io.runnerguard.policy.rules.ReadOnlyRootFilesystemRule;
import io.runnerguard.policy.rules.RunAsUid65532Rule;
import io.runnerguard.policy.rules.TmpVolumeRule;
import java.util.List;

/** The five rules, in the order their findings are reported. */
public final class Rules {

    /** The one rule judged on a Pod UPDATE: the image is the only runner field a running pod can change. */
    public static final Rule DISTROLESS_IMAGE = new DistrolessImageRule();

    public static final List<Rule> ALL = List.of(
            new ExternalModeRule(),
            DISTROLESS_IMAGE,
            new RunAsUid65532Rule(),
            new ReadOnlyRootFilesystemRule(),
            new TmpVolumeRule());

    public static final List<String> IDS = ALL.stream().map(Rule::id).toList();

    private Rules() {
    }
}
