package io.runnerguard.admission;

import io.runnerguard.patch.PatchOperation;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the AdmissionReview response the API server verifies: same {@code uid}, exact
 * apiVersion/kind, {@code patch} and {@code patchType} together or not at all, and a denial
 * {@code status} with code 403 and reason {@code Forbidden}.
 */
public final class ReviewResponseWriter {

    private final JsonMapper mapper = JsonMapper.builder().build();

    public byte[] write(AdmissionAnswer answer) {
        ObjectNode response = mapper.createObjectNode();
        response.put("uid", answer.uid());
        response.put("allowed", answer.allowed());
        if (!answer.patch().isEmpty()) {
            response.put("patchType", "JSONPatch");
            response.put("patch", Base64.getEncoder().encodeToString(patchBytes(answer.patch())));
        }
        if (!answer.allowed()) {
            ObjectNode status = response.putObject("status");
            status.put("status", "Failure");
            status.put("code", answer.denialCode());
            status.put("reason", answer.denialCode() == 403 ? "Forbidden" : "InternalError");
            status.put("message", answer.denialMessage());
        }
        if (!answer.warnings().isEmpty()) {
            ArrayNode warnings = response.putArray("warnings");
            answer.warnings().forEach(warnings::add);
        }
        if (!answer.auditAnnotations().isEmpty()) {
            ObjectNode annotations = response.putObject("auditAnnotations");
            answer.auditAnnotations().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(entry -> annotations.put(entry.getKey(), entry.getValue()));
        }
        ObjectNode review = mapper.createObjectNode();
        review.put("apiVersion", ReviewDecoder.API_VERSION);
        review.put("kind", ReviewDecoder.KIND);
        review.set("response", response);
        return mapper.writeValueAsBytes(review);
    }

    public byte[] patchBytes(List<PatchOperation> operations) {
        ArrayNode patch = mapper.createArrayNode();
        for (PatchOperation operation : operations) {
            ObjectNode op = patch.addObject();
            op.put("op", operation.op());
            op.put("path", operation.path());
            op.set("value", operation.value());
        }
        return mapper.writeValueAsBytes(patch);
    }

    /** The one-line JSON body of a 4xx answer to input that is not an AdmissionReview. */
    public byte[] error(String message) {
        ObjectNode error = mapper.createObjectNode();
        error.put("error", Messages.oneLine(message));
        return mapper.writeValueAsBytes(error);
    }
}
