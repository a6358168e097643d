package io.runnerguard.policy.rules;

import io.runnerguard.policy.ClassifiedPod;
import io.runnerguard.policy.ClassifiedPod.Runner;
import io.runnerguard.policy.ContainerView;
import io.runnerguard.policy.ContainerView.VolumeMount;
import io.runnerguard.policy.Finding;
import io.runnerguard.policy.Fix;
import io.runnerguard.policy.PodSpecView.Volume;
import io.runnerguard.policy.Rule;
import io.runnerguard.policy.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code tmp-volume}: runners get a small writable scratch space at {@code /tmp} and nothing else.
 *
 * <p>Reads, per runner: {@code volumeMounts[*].mountPath}, {@code .name}, {@code .readOnly}, and the
 * pod's {@code volumes[*]} source type. Writes a new {@code volumes} entry ({@code emptyDir} with
 * {@code sizeLimit} = {@code runner-guard.tmp-volume.size-limit}, {@code medium} =
 * {@code runner-guard.tmp-volume.medium}) and a {@code volumeMounts} entry at {@code /tmp}.
 * Holds when a writable mount at {@code /tmp} is backed by an {@code emptyDir} or generic
 * {@code ephemeral} volume. Python's forkserver and temp files need {@code /tmp} once the root is
 * read-only (n8n-io/n8n PR #19718). Not fixable when {@code /tmp} is mounted read-only or from any
 * other volume type (a hostPath or PVC at {@code /tmp} would outlive the task).
 */
public final class TmpVolumeRule implements Rule {

    public static final String ID = "tmp-volume";
    public static final String MOUNT_PATH = "/tmp";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(ClassifiedPod pod, Settings settings) {
        List<Finding> findings = new ArrayList<>();
        for (Runner runner : pod.runners()) {
            ContainerView container = runner.container();
            String at = container.fieldPath(pod.path()) + ".volumeMounts";
            Optional<VolumeMount> tmp = container.volumeMounts().stream().filter(TmpVolumeRule::isTmp).findFirst();
            if (tmp.isEmpty()) {
                findings.add(Finding.fixable(ID, container, at, "no writable emptyDir at /tmp",
                        new Fix.MountTmpEmptyDir(container.slot(), container.name(),
                                settings.tmpSizeLimit(), settings.tmpMedium())));
                continue;
            }
            VolumeMount mount = tmp.get();
            String mountAt = at + "[" + mount.index() + "]";
            Optional<Volume> volume = pod.spec().volume(mount.name());
            if (mount.readOnly()) {
                findings.add(Finding.notFixable(ID, container, mountAt + ".readOnly",
                        "/tmp is mounted read-only; it must be writable"));
            } else if (volume.isEmpty()) {
                findings.add(Finding.notFixable(ID, container, mountAt + ".name",
                        "/tmp is mounted from volume '" + mount.name() + "', which the pod does not define"));
            } else if (!volume.get().source().isScratchSpace()) {
                findings.add(Finding.notFixable(ID, container, mountAt + ".name",
                        "/tmp is mounted from volume '" + mount.name() + "', which is not an emptyDir"));
            }
        }
        return findings;
    }

    private static boolean isTmp(VolumeMount mount) {
        String path = mount.mountPath();
        return path != null && (path.equals(MOUNT_PATH) || path.equals(MOUNT_PATH + "/"));
    }
}
