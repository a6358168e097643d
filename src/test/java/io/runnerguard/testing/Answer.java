package io.runnerguard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** An AdmissionReview response, read the way the API server reads it. */
public record Answer(JsonNode review, ApiServer.Review request) {

    public JsonNode response() {
        return review.get("response");
    }

    public boolean allowed() {
        return response().get("allowed").booleanValue();
    }

    public boolean hasPatch() {
        return response().has("patch");
    }

    /** The decoded JSON Patch, or an empty array when there is none. */
    public JsonNode patch() {
        if (!hasPatch()) {
            assertThat(response().has("patchType")).as("patchType without patch").isFalse();
            return Json.MAPPER.createArrayNode();
        }
        assertThat(response().get("patchType").stringValue()).isEqualTo("JSONPatch");
        return Json.parse(patchBytes());
    }

    public byte[] patchBytes() {
        return Base64.getDecoder().decode(response().get("patch").stringValue());
    }

    /** The request object after the API server applied our patch with a strict RFC 6902 applier. */
    public JsonNode patchedObject() {
        JsonNode object = request.toTree().get("request").get("object");
        return hasPatch() ? StrictJsonPatch.apply(object, patchBytes()) : object;
    }

    public List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        response().path("warnings").forEach(warning -> warnings.add(warning.stringValue()));
        return warnings;
    }

    public String message() {
        return response().path("status").path("message").asString("");
    }

    public int code() {
        return response().path("status").path("code").asInt(0);
    }

    public String annotation(String key) {
        return response().path("auditAnnotations").path(key).asString(null);
    }
}
