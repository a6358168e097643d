package io.runnerguard.policy;

import io.runnerguard.policy.Finding.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * What an endpoint does with each finding (SPEC §3): fix it, deny for it, or warn about it.
 *
 * @param fixed     findings {@code /mutate} repairs with a patch
 * @param deferred  fixable findings on a workload template that is not patched: its pods get the fix
 * @param denied    findings {@code /validate} denies for
 * @param warned    findings reported as warnings only
 */
public record Judgement(List<Finding> fixed, List<Finding> deferred, List<Finding> denied, List<Finding> warned) {

    public Judgement {
        fixed = List.copyOf(fixed);
        deferred = List.copyOf(deferred);
        denied = List.copyOf(denied);
        warned = List.copyOf(warned);
    }

    public enum Role {
        /** {@code /mutate}: fixes, never denies. */
        MUTATE,
        /** {@code /validate}: denies what is still wrong, never patches. */
        VALIDATE,
        /** {@code /audit}: reports everything, never denies or patches. */
        AUDIT
    }

    /**
     * @param patchable whether the object itself gets patched: Pods always, workload templates only
     *                  with {@code runner-guard.mutate-templates}. Fixable findings on templates that
     *                  are not patched are warned about, since their pods will be patched on creation.
     */
    public static Judgement of(Role role, List<Finding> findings, boolean patchable, Settings settings) {
        List<Finding> fixed = new ArrayList<>();
        List<Finding> deferred = new ArrayList<>();
        List<Finding> denied = new ArrayList<>();
        List<Finding> warned = new ArrayList<>();
        for (Finding finding : findings) {
            boolean enforced = settings.modeOf(finding.ruleId()) == RuleMode.ENFORCE;
            switch (role) {
                case AUDIT -> warned.add(finding);
                case MUTATE -> {
                    if (enforced && finding.verdict() == Verdict.FIXABLE) {
                        (patchable ? fixed : deferred).add(finding);
                    }
                }
                case VALIDATE -> {
                    if (enforced && finding.verdict() == Verdict.FIXABLE && !patchable) {
                        deferred.add(finding);
                        continue;
                    }
                    boolean deny = enforced && switch (finding.verdict()) {
                        case NOT_FIXABLE -> true;
                        // Still present on a patchable object means /mutate did not run (it fails open).
                        case FIXABLE -> true;
                        case UNVERIFIABLE -> settings.strictUnverifiable();
                        case ADVICE -> false;
                    };
                    (deny ? denied : warned).add(finding);
                }
            }
        }
        return new Judgement(fixed, deferred, denied, warned);
    }
}
