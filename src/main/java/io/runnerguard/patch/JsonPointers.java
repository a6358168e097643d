package io.runnerguard.patch;

/** Builds JSON Pointers (RFC 6901) from unescaped tokens. */
public final class JsonPointers {

    private JsonPointers() {
    }

    /** Escapes one token: {@code ~} first, then {@code /}, as RFC 6901 requires. */
    public static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    public static String append(String pointer, String token) {
        return pointer + "/" + escape(token);
    }

    public static String append(String pointer, int index) {
        return pointer + "/" + index;
    }

    /** {@code spec.template.spec} → {@code /spec/template/spec}. */
    public static String fromFieldPath(String fieldPath) {
        String pointer = "";
        for (String token : fieldPath.split("\\.")) {
            pointer = append(pointer, token);
        }
        return pointer;
    }
}
