package io.runnerguard.policy;

import java.util.List;

/** One hardening rule: a pure function from a classified pod spec to findings. */
public interface Rule {

    String id();

    List<Finding> check(ClassifiedPod pod, Settings settings);
}
