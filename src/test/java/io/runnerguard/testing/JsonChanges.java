package io.runnerguard.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/** The differences between two JSON documents, as JSON Pointers: what a patch really did. */
public final class JsonChanges {

    /** {@code before} is {@code null} for an added subtree; {@code after} is {@code null} for a removal. */
    public record Change(String pointer, JsonNode before, JsonNode after) {
        public boolean isAddition() {
            return before == null || before.isNull();
        }
    }

    private JsonChanges() {
    }

    public static List<Change> between(JsonNode before, JsonNode after) {
        List<Change> changes = new ArrayList<>();
        walk("", before, after, changes);
        return changes;
    }

    private static void walk(String pointer, JsonNode before, JsonNode after, List<Change> changes) {
        if (Objects.equals(before, after)) {
            return;
        }
        if (before != null && after != null && before.isNumber() && after.isNumber()
                && before.decimalValue().compareTo(after.decimalValue()) == 0) {
            return; // 1000 as an int or as a long is the same JSON
        }
        if (before == null || after == null || before.isNull() || after.isNull()
                || before.getNodeType() != after.getNodeType() || before.isValueNode()) {
            changes.add(new Change(pointer, before, after));
            return;
        }
        if (before.isObject()) {
            for (String field : before.propertyNames()) {
                walk(pointer + "/" + escape(field), before.get(field), after.get(field), changes);
            }
            for (String field : after.propertyNames()) {
                if (!before.has(field)) {
                    changes.add(new Change(pointer + "/" + escape(field), null, after.get(field)));
                }
            }
            return;
        }
        int common = Math.min(before.size(), after.size());
        for (int i = 0; i < common; i++) {
            walk(pointer + "/" + i, before.get(i), after.get(i), changes);
        }
        for (int i = common; i < after.size(); i++) {
            changes.add(new Change(pointer + "/" + i, null, after.get(i)));
        }
        for (int i = common; i < before.size(); i++) {
            changes.add(new Change(pointer + "/" + i, before.get(i), null));
        }
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
