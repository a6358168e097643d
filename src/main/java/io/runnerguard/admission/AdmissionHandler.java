package io.runnerguard.admission;

import io.runnerguard.patch.PatchOperation;
import io.runnerguard.patch.PatchPlanner;
import io.runnerguard.policy.ContainerView;
import io.runnerguard.policy.Finding;
import io.runnerguard.policy.Judgement;
import io.runnerguard.policy.Judgement.Role;
import io.runnerguard.policy.MalformedObjectException;
import io.runnerguard.policy.PodSpecReader;
import io.runnerguard.policy.PodSpecView;
import io.runnerguard.policy.PolicyEngine;
import io.runnerguard.policy.PolicyEngine.Evaluation;
import io.runnerguard.policy.Settings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Answers one decoded AdmissionReview for one endpoint: picks the pod spec by kind and operation,
 * runs the engine, and turns the judgement into a patch, a denial or warnings (SPEC §3).
 */
public final class AdmissionHandler {

    private final PolicyEngine engine;
    private final Settings settings;

    public AdmissionHandler(PolicyEngine engine) {
        this.engine = engine;
        this.settings = engine.settings();
    }

    public AdmissionAnswer handle(Role role, ReviewRequest request) {
        if (settings.excludedNamespaces().contains(request.namespace())
                || !request.subResource().isEmpty()
                || !(request.operation().equals("CREATE") || request.operation().equals("UPDATE"))) {
            return AdmissionAnswer.skipped(request.uid());
        }
        Optional<PodSpecLocation> location = PodSpecLocation.forKind(request.group(), request.kind());
        if (location.isEmpty()) {
            return AdmissionAnswer.skipped(request.uid());
        }
        if (request.object() == null) {
            throw new BadReviewException(400, "request.object is missing for " + request.operation());
        }
        JsonNode specNode = request.object().at(location.get().pointer());
        if (!specNode.isObject()) {
            return AdmissionAnswer.skipped(request.uid());
        }
        Optional<Evaluation> evaluation = evaluate(request, location.get(), specNode);
        if (evaluation.isEmpty() || !evaluation.get().pod().isInScope()) {
            return AdmissionAnswer.skipped(request.uid());
        }
        boolean patchable = location.get().isPod() || settings.mutateTemplates();
        Judgement judgement = Judgement.of(role, evaluation.get().findings(), patchable, settings);
        return answer(role, request, location.get(), specNode, judgement);
    }

    private Optional<Evaluation> evaluate(ReviewRequest request, PodSpecLocation location, JsonNode specNode) {
        PodSpecView spec = read(specNode, location, "request.object");
        if (!request.operation().equals("UPDATE")) {
            return Optional.of(engine.evaluate(spec));
        }
        JsonNode oldSpecNode = request.oldObject() == null ? null : request.oldObject().at(location.pointer());
        if (location.isPod()) {
            // Only images may change on a running Pod; everything else the rules read is immutable.
            Set<String> changed = changedImages(spec, oldSpecNode, location);
            return changed.isEmpty() ? Optional.empty() : Optional.of(engine.evaluateChangedImages(spec, changed));
        }
        // A workload update that leaves the pod template alone (scale, labels, finalizers, rollout
        // bookkeeping) is not ours to judge: blocking it would strand objects created before us.
        if (oldSpecNode != null && specNode.equals(oldSpecNode)) {
            return Optional.empty();
        }
        return Optional.of(engine.evaluate(spec));
    }

    private static Set<String> changedImages(PodSpecView spec, JsonNode oldSpecNode, PodSpecLocation location) {
        Map<String, String> oldImages = new HashMap<>();
        if (oldSpecNode != null && oldSpecNode.isObject()) {
            for (ContainerView old : read(oldSpecNode, location, "request.oldObject").containers()) {
                oldImages.put(old.slot().list() + "/" + old.name(), old.image());
            }
        }
        Set<String> changed = new HashSet<>();
        for (ContainerView container : spec.containers()) {
            String key = container.slot().list() + "/" + container.name();
            if (!oldImages.containsKey(key) || !Objects.equals(oldImages.get(key), container.image())) {
                changed.add(container.name());
            }
        }
        return changed;
    }

    /** A pod spec of the wrong shape is bad input, answered like any other. */
    private static PodSpecView read(JsonNode specNode, PodSpecLocation location, String field) {
        try {
            return PodSpecReader.read(specNode, location.fieldPath());
        } catch (MalformedObjectException e) {
            throw new BadReviewException(400, field + ": " + e.getMessage());
        }
    }

    private AdmissionAnswer answer(Role role, ReviewRequest request, PodSpecLocation location, JsonNode specNode,
            Judgement judgement) {
        List<PatchOperation> patch = judgement.fixed().isEmpty()
                ? List.of()
                : PatchPlanner.plan(specNode, location.pointer(),
                        judgement.fixed().stream().map(Finding::fix).toList());
        List<String> warnings = Messages.warnings(role, judgement);
        boolean denied = !judgement.denied().isEmpty();
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("mode", role == Role.AUDIT ? "audit" : "enforce");
        if (!judgement.fixed().isEmpty()) {
            annotations.put("patched", Messages.ruleIds(judgement.fixed()));
        }
        List<Finding> violations = new ArrayList<>(judgement.deferred());
        violations.addAll(judgement.denied());
        violations.addAll(judgement.warned());
        violations.removeIf(finding -> finding.verdict() == Finding.Verdict.ADVICE);
        if (!violations.isEmpty()) {
            annotations.put("violations", Messages.ruleIds(violations));
        }
        Decision decision = denied ? Decision.DENIED
                : !patch.isEmpty() ? Decision.PATCHED
                : !warnings.isEmpty() ? Decision.WARNED
                : Decision.ALLOWED;
        String message = denied ? Messages.denial(request.kind(), request.name(), judgement.denied()) : null;
        return new AdmissionAnswer(request.uid(), !denied, denied ? 403 : 0, message, patch, warnings, annotations,
                decision, judgement);
    }
}
