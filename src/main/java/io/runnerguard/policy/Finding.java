package io.runnerguard.policy;

/**
 * One thing a rule found wrong (or could not verify) about one container.
 *
 * @param ruleId     stable rule ID, e.g. {@code run-as-uid-65532}
 * @param container  container name
 * @param fieldPath  where in the object, e.g. {@code spec.containers[1].securityContext.runAsUser}
 * @param problem    what is wrong, short and in the user's terms
 * @param verdict    whether {@code /mutate} can repair it
 * @param fix        the repair when {@code verdict} is {@link Verdict#FIXABLE}, else {@code null}
 */
public record Finding(String ruleId, String container, String fieldPath, String problem, Verdict verdict, Fix fix) {

    public Finding {
        if ((verdict == Verdict.FIXABLE) != (fix != null)) {
            throw new IllegalArgumentException("a fix comes with, and only with, a FIXABLE finding");
        }
    }

    public static Finding fixable(String ruleId, ContainerView container, String fieldPath, String problem, Fix fix) {
        return new Finding(ruleId, container.name(), fieldPath, problem, Verdict.FIXABLE, fix);
    }

    public static Finding notFixable(String ruleId, ContainerView container, String fieldPath, String problem) {
        return new Finding(ruleId, container.name(), fieldPath, problem, Verdict.NOT_FIXABLE, null);
    }

    public static Finding unverifiable(String ruleId, ContainerView container, String fieldPath, String problem) {
        return new Finding(ruleId, container.name(), fieldPath, problem, Verdict.UNVERIFIABLE, null);
    }

    public static Finding advice(String ruleId, ContainerView container, String fieldPath, String problem) {
        return new Finding(ruleId, container.name(), fieldPath, problem, Verdict.ADVICE, null);
    }

    public enum Verdict {
        /** Wrong, and {@code /mutate} can set it right without touching a value the user chose. */
        FIXABLE,
        /** Wrong, and only the user can set it right. */
        NOT_FIXABLE,
        /** Cannot be judged from the object (value from a reference, image of unknown make). */
        UNVERIFIABLE,
        /** Not a violation, but very likely a mistake; only ever a warning. */
        ADVICE
    }
}
