package io.runnerguard.admission;

import io.runnerguard.patch.PatchOperation;
import io.runnerguard.policy.Judgement;
import java.util.List;
import java.util.Map;

/**
 * What we answer to one AdmissionReview, before it is written as JSON.
 *
 * @param patch             operations for {@code /mutate}; empty means no patch
 * @param denialMessage     {@code null} when allowed
 * @param auditAnnotations  keys without {@code /}: the API server prefixes them with the webhook name
 * @param judgement         what was found and what became of it; {@code null} when nothing was judged
 */
public record AdmissionAnswer(
        String uid,
        boolean allowed,
        int denialCode,
        String denialMessage,
        List<PatchOperation> patch,
        List<String> warnings,
        Map<String, String> auditAnnotations,
        Decision decision,
        Judgement judgement) {

    public AdmissionAnswer {
        patch = List.copyOf(patch);
        warnings = List.copyOf(warnings);
        auditAnnotations = Map.copyOf(auditAnnotations);
    }

    public static AdmissionAnswer skipped(String uid) {
        return new AdmissionAnswer(uid, true, 0, null, List.of(), List.of(), Map.of(), Decision.SKIPPED, null);
    }
}
