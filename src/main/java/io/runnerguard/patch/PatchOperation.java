package io.runnerguard.patch;

import tools.jackson.databind.JsonNode;

/** One RFC 6902 operation; {@code path} is an escaped JSON Pointer. */
public record PatchOperation(String op, String path, JsonNode value) {

    public static PatchOperation add(String path, JsonNode value) {
        return new PatchOperation("add", path, value);
    }

    public static PatchOperation replace(String path, JsonNode value) {
        return new PatchOperation("replace", path, value);
    }
}
