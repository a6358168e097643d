package io.runnerguard.admission;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decodes the request body into one JSON tree, once, and checks the AdmissionReview envelope.
 * Every problem is a {@link BadReviewException} naming what is wrong.
 */
public final class ReviewDecoder {

    static final String API_VERSION = "admission.k8s.io/v1";
    static final String KIND = "AdmissionReview";

    /**
     * A Pod's deepest legitimate nesting (managedFields included) is about 25 levels; anything far
     * deeper is an attack on the parser, not a pod.
     */
    static final int MAX_NESTING_DEPTH = 128;

    private final JsonMapper mapper = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                    .build())
            .build();

    public ReviewRequest decode(byte[] body) {
        JsonNode review;
        try {
            review = mapper.readTree(body);
        } catch (JacksonException e) {
            if (e instanceof StreamConstraintsException limit) {
                String original = String.valueOf(limit.getOriginalMessage());
                throw new BadReviewException(400, original.contains("esting depth")
                        ? "body is nested deeper than " + MAX_NESTING_DEPTH + " levels"
                        : "body exceeds a JSON parser limit (number, string or name length)");
            }
            // The location only: parser messages quote the offending token, which may be a secret.
            throw new BadReviewException(400, "body is not valid JSON" + location(e));
        }
        if (review == null || !review.isObject()) {
            throw new BadReviewException(400, "body must be a JSON object (an AdmissionReview)");
        }
        String apiVersion = text(review, "apiVersion");
        String kind = text(review, "kind");
        if (!KIND.equals(kind) || !API_VERSION.equals(apiVersion)) {
            throw new BadReviewException(400, "expected apiVersion " + API_VERSION + " kind " + KIND + ", got apiVersion "
                    + quoted(apiVersion) + " kind " + quoted(kind) + "; set admissionReviewVersions: [v1]");
        }
        JsonNode request = review.get("request");
        if (request == null || !request.isObject()) {
            throw new BadReviewException(400, "AdmissionReview has no request object");
        }
        String uid = text(request, "uid");
        if (uid == null || uid.isBlank()) {
            throw new BadReviewException(400, "request.uid is missing");
        }
        String operation = text(request, "operation");
        if (operation == null || operation.isBlank()) {
            throw new BadReviewException(400, "request.operation is missing");
        }
        JsonNode kindNode = request.get("kind");
        if (kindNode == null || !kindNode.isObject() || text(kindNode, "kind") == null) {
            throw new BadReviewException(400, "request.kind is missing");
        }
        JsonNode object = objectOrNull(request, "object");
        JsonNode oldObject = objectOrNull(request, "oldObject");
        return new ReviewRequest(
                uid,
                orEmpty(text(kindNode, "group")),
                text(kindNode, "kind"),
                operation,
                orEmpty(text(request, "subResource")),
                orEmpty(text(request, "namespace")),
                displayName(request, object),
                request.path("dryRun").asBoolean(false),
                object,
                oldObject);
    }

    private static JsonNode objectOrNull(JsonNode request, String field) {
        JsonNode node = request.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new BadReviewException(400, "request." + field + " must be an object");
        }
        return node;
    }

    private static String displayName(JsonNode request, JsonNode object) {
        String name = text(request, "name");
        if (name != null && !name.isEmpty()) {
            return name;
        }
        String generateName = object == null ? null : text(object.path("metadata"), "generateName");
        return generateName == null ? "" : generateName + "*";
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.stringValue() : null;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String quoted(String value) {
        return value == null ? "(none)" : "'" + value + "'";
    }

    private static String location(JacksonException e) {
        var location = e.getLocation();
        return location == null || location.getLineNr() < 0
                ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
