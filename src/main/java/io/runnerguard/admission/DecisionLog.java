package io.runnerguard.admission;

import io.runnerguard.policy.Finding;
import io.runnerguard.policy.Judgement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * One log event per decision, with fields (for structured logging) and the same fields as
 * {@code key=value} text. It names rules and containers, never env values or objects.
 * Skipped requests log at DEBUG: without matchConditions they are most of the traffic.
 */
final class DecisionLog {

    private static final Logger LOG = LoggerFactory.getLogger("runner-guard.decisions");

    private DecisionLog() {
    }

    static void log(String endpoint, ReviewRequest request, AdmissionAnswer answer, Duration took) {
        Level level = answer.decision() == Decision.SKIPPED ? Level.DEBUG : Level.INFO;
        if (!LOG.isEnabledForLevel(level)) {
            return;
        }
        Judgement judgement = answer.judgement();
        String fixed = judgement == null ? "" : Messages.ruleIds(judgement.fixed());
        String denied = judgement == null ? "" : Messages.ruleIds(judgement.denied());
        String warned = judgement == null ? "" : Messages.ruleIds(concat(judgement.deferred(), judgement.warned()));
        String containers = judgement == null ? "" : Messages.loggable(containers(judgement));
        String namespace = Messages.loggable(request.namespace());
        String name = Messages.loggable(request.name());
        String kind = Messages.loggable(request.kind());
        String operation = Messages.loggable(request.operation());
        String uid = Messages.loggable(request.uid());
        String tookMs = String.format(Locale.ROOT, "%.2f", took.toNanos() / 1e6);
        LOG.atLevel(level)
                .addKeyValue("decision", answer.decision().label())
                .addKeyValue("endpoint", endpoint)
                .addKeyValue("kind", kind)
                .addKeyValue("namespace", namespace)
                .addKeyValue("name", name)
                .addKeyValue("operation", operation)
                .addKeyValue("dryRun", request.dryRun())
                .addKeyValue("uid", uid)
                .addKeyValue("fixed", fixed)
                .addKeyValue("denied", denied)
                .addKeyValue("warned", warned)
                .addKeyValue("containers", containers)
                .addKeyValue("tookMs", tookMs)
                .log("decision={} endpoint={} kind={} namespace={} name={} operation={} dryRun={} uid={} fixed={}"
                                + " denied={} warned={} containers={} tookMs={}",
                        answer.decision().label(), endpoint, kind, namespace, name, operation, request.dryRun(), uid,
                        fixed, denied, warned, containers,
                        tookMs);
    }

    static void logRejected(String endpoint, int status, String reason) {
        LOG.atWarn()
                .addKeyValue("decision", Decision.ERROR.label())
                .addKeyValue("endpoint", endpoint)
                .addKeyValue("httpStatus", status)
                .log("decision=error endpoint={} httpStatus={} reason=\"{}\"", endpoint, status, Messages.loggable(reason));
    }

    private static List<Finding> concat(List<Finding> first, List<Finding> second) {
        List<Finding> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static String containers(Judgement judgement) {
        List<Finding> all = new ArrayList<>(judgement.fixed());
        all.addAll(judgement.deferred());
        all.addAll(judgement.denied());
        all.addAll(judgement.warned());
        return String.join(",", all.stream().map(Finding::container).distinct().toList());
    }
}
