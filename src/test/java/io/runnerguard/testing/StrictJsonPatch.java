package io.runnerguard.testing;

import jakarta.json.JsonArray;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import java.io.StringReader;
import tools.jackson.databind.JsonNode;

/**
 * Applies an RFC 6902 patch with Eclipse Parsson (Jakarta JSON Processing): an implementation
 * independent of ours and of Jackson, strict like the API server's (no parent is ever created,
 * a bad pointer or a missing member is an error).
 */
public final class StrictJsonPatch {

    private StrictJsonPatch() {
    }

    public static JsonNode apply(JsonNode document, byte[] patch) {
        JsonArray operations;
        try (JsonReader reader = jakarta.json.Json.createReader(new StringReader(new String(patch, java.nio.charset.StandardCharsets.UTF_8)))) {
            operations = reader.readArray();
        }
        JsonStructure target;
        try (JsonReader reader = jakarta.json.Json.createReader(new StringReader(Json.write(document)))) {
            target = reader.read();
        }
        JsonStructure patched = jakarta.json.Json.createPatch(operations).apply(target);
        return Json.parse(patched.toString());
    }
}
