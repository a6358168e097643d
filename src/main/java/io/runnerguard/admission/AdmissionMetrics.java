package io.runnerguard.admission;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.runnerguard.policy.Finding;
import io.runnerguard.policy.Judgement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;

/**
 * The metrics of SPEC §4. Labels are low-cardinality by construction: kinds outside our scope count
 * as {@code other}, and no label ever carries a pod or namespace name.
 */
public final class AdmissionMetrics {

    private static final Set<String> KINDS = Set.of("Pod", "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet",
            "Job", "CronJob", "ReplicationController", "PodTemplate");
    private static final Set<String> OPERATIONS = Set.of("CREATE", "UPDATE", "DELETE", "CONNECT");

    private static final Duration[] BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)
    };

    private final MeterRegistry registry;
    private final Map<String, Timer> durations = new ConcurrentHashMap<>();

    public AdmissionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(String endpoint, ReviewRequest request, AdmissionAnswer answer, Duration took) {
        String kind = request == null ? "unknown" : KINDS.contains(request.kind()) ? request.kind() : "other";
        String operation = request == null ? "unknown"
                : OPERATIONS.contains(request.operation()) ? request.operation() : "other";
        String dryRun = String.valueOf(request != null && request.dryRun());
        Counter.builder("runner_guard.admission.requests")
                .description("AdmissionReview requests answered, by outcome")
                .tags("endpoint", endpoint, "kind", kind, "operation", operation,
                        "decision", answer == null ? Decision.ERROR.label() : answer.decision().label(),
                        "dry_run", dryRun)
                .register(registry)
                .increment();
        durations.computeIfAbsent(endpoint, this::timer).record(took);
        Judgement judgement = answer == null ? null : answer.judgement();
        if (judgement != null) {
            count(endpoint, "fixed", judgement.fixed());
            count(endpoint, "denied", judgement.denied());
            count(endpoint, "warned", judgement.deferred());
            count(endpoint, "warned", judgement.warned());
        }
    }

    private Timer timer(String endpoint) {
        return Timer.builder("runner_guard.admission.duration")
                .description("Time from reading the request to the serialized answer")
                .tags("endpoint", endpoint)
                // Fixed buckets up to the API server's longest webhook timeout keep the series count small.
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    private void count(String endpoint, String outcome, List<Finding> findings) {
        for (Finding finding : findings) {
            Counter.builder("runner_guard.findings")
                    .description("Rule findings, by what became of them")
                    .tags("endpoint", endpoint, "rule", finding.ruleId(), "outcome", outcome)
                    .register(registry)
                    .increment();
        }
    }
}
