package io.runnerguard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnerguard.policy.Finding;
import io.runnerguard.policy.Finding.Verdict;
import io.runnerguard.policy.PodSpecReader;
import io.runnerguard.policy.PolicyEngine;
import io.runnerguard.policy.Settings;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * What must hold for any pod {@code /mutate} patches: a strict applier accepts the patch; it only
 * adds fields runner-guard owns (never rewrites a user's value, except appending
 * {@code -distroless} to an image tag); nothing fixable is left; and patching the result again
 * yields no patch.
 */
public final class PatchInvariants {

    private static final Pattern OWNED = Pattern.compile(
            "/spec/(containers|initContainers)/\\d+/securityContext(/(runAsUser|runAsGroup|runAsNonRoot|readOnlyRootFilesystem))?"
                    + "|/spec/(containers|initContainers)/\\d+/volumeMounts(/\\d+)?"
                    + "|/spec/volumes(/\\d+)?");
    private static final Pattern IMAGE = Pattern.compile("/spec/(containers|initContainers)/\\d+/image");
    private static final Set<String> OWNED_SECURITY_FIELDS =
            Set.of("runAsUser", "runAsGroup", "runAsNonRoot", "readOnlyRootFilesystem");

    private PatchInvariants() {
    }

    /** Checks every invariant and returns the patched Pod. */
    public static JsonNode check(Settings settings, JsonNode pod) {
        Harness harness = new Harness(settings);
        Answer first = harness.mutate(ApiServer.create(pod));
        assertThat(first.allowed()).as("/mutate never denies").isTrue();
        JsonNode patched = first.patchedObject(); // throws if a strict applier rejects the patch

        for (JsonChanges.Change change : JsonChanges.between(pod, patched)) {
            if (IMAGE.matcher(change.pointer()).matches()) {
                assertThat(change.after().stringValue()).as("image change at %s", change.pointer())
                        .isEqualTo(withDistrolessTag(change.before().stringValue()));
                continue;
            }
            assertThat(change.isAddition()).as("%s was rewritten, not added: %s -> %s", change.pointer(),
                    change.before(), change.after()).isTrue();
            assertThat(change.pointer()).as("added outside what runner-guard owns").matches(OWNED);
            if (change.pointer().endsWith("/securityContext")) {
                assertThat(change.after().propertyNames()).isSubsetOf(OWNED_SECURITY_FIELDS);
            }
            if (change.pointer().matches(".*/volumeMounts/\\d+")) {
                assertThat(change.after().get("mountPath").stringValue()).isEqualTo("/tmp");
            }
        }

        assertValidLikeTheApiServer(patched.get("spec"));

        List<Finding> left = new PolicyEngine(settings)
                .evaluate(PodSpecReader.read(patched.get("spec"), "spec")).findings();
        assertThat(left).as("fixable findings left after patching")
                .noneMatch(finding -> finding.verdict() == Verdict.FIXABLE);

        Answer second = harness.mutate(ApiServer.create(patched));
        assertThat(second.hasPatch()).as("patching the patched pod again: %s", second.patch()).isFalse();
        return patched;
    }

    /** The API server's pod validation, for the fields the patch touches. */
    static void assertValidLikeTheApiServer(JsonNode spec) {
        java.util.Set<String> volumes = new java.util.HashSet<>();
        for (JsonNode volume : spec.path("volumes")) {
            String name = volume.get("name").stringValue();
            assertThat(volumes.add(name)).as("duplicate volume name %s", name).isTrue();
            assertThat(name).as("volume name is a DNS label").matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
        }
        for (String list : List.of("containers", "initContainers")) {
            for (JsonNode container : spec.path(list)) {
                java.util.Set<String> paths = new java.util.HashSet<>();
                for (JsonNode mount : container.path("volumeMounts")) {
                    assertThat(volumes).as("mount of an undefined volume").contains(mount.get("name").stringValue());
                    assertThat(paths.add(mount.get("mountPath").stringValue()))
                            .as("two mounts at %s", mount.get("mountPath")).isTrue();
                }
            }
        }
    }

    static String withDistrolessTag(String image) {
        int at = image.indexOf('@');
        return at < 0 ? image + "-distroless" : image.substring(0, at) + "-distroless" + image.substring(at);
    }
}
