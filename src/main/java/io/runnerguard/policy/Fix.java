package io.runnerguard.policy;

/**
 * A repair of one finding, in domain terms. The patch package turns fixes into RFC 6902
 * operations against the raw object; rules never see JSON Patch.
 */
public sealed interface Fix {

    ContainerSlot slot();

    /** Set a container-level {@code securityContext} field that is absent. */
    record SetSecurityContextField(ContainerSlot slot, String field, Object value) implements Fix {
        public SetSecurityContextField {
            if (!(value instanceof Long || value instanceof Boolean)) {
                throw new IllegalArgumentException("securityContext values here are integers or booleans");
            }
        }
    }

    /** Replace the container's image. */
    record ReplaceImage(ContainerSlot slot, String image) implements Fix {
    }

    /** Add an {@code emptyDir} volume and mount it writable at {@code /tmp} in the container. */
    record MountTmpEmptyDir(ContainerSlot slot, String containerName, String sizeLimit, String medium) implements Fix {
    }
}
