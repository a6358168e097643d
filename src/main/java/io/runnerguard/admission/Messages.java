package io.runnerguard.admission;

import io.runnerguard.policy.Finding;
import io.runnerguard.policy.Finding.Verdict;
import io.runnerguard.policy.Fix;
import io.runnerguard.policy.Judgement;
import io.runnerguard.policy.Judgement.Role;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Words users read: warnings ({@code kubectl} prints each as {@code Warning: …}) and denial text.
 * The API server truncates each warning at 256 characters, drops any with a line break and keeps
 * 4096 characters across all webhooks; we stay well inside: one line, at most 120 characters each,
 * at most 10 per response.
 */
final class Messages {

    static final int MAX_WARNING_LENGTH = 120;
    static final int MAX_WARNINGS = 10;
    private static final java.util.regex.Pattern CONTROL = java.util.regex.Pattern.compile("\\p{Cc}+");

    private Messages() {
    }

    static List<String> warnings(Role role, Judgement judgement) {
        List<String> all = new ArrayList<>();
        for (Finding finding : judgement.fixed()) {
            all.add(prefix(finding) + "set " + describe(finding.fix()));
        }
        for (Finding finding : judgement.deferred()) {
            // Same text from /mutate and /validate, so the API server shows it once.
            all.add(prefix(finding) + "pods will get " + describe(finding.fix()));
        }
        for (Finding finding : judgement.warned()) {
            all.add((role == Role.AUDIT ? "audit: " : "") + prefix(finding) + finding.problem());
        }
        return limit(all);
    }

    static String denial(String kind, String name, List<Finding> denied) {
        StringBuilder message = new StringBuilder("runner-guard: ").append(kind);
        if (!name.isEmpty()) {
            message.append(" \"").append(name).append('"');
        }
        message.append(" breaks n8n task-runner hardening (").append(denied.size())
                .append(denied.size() == 1 ? " violation): " : " violations): ");
        List<Finding> unfixed = new ArrayList<>();
        boolean strict = false;
        for (int i = 0; i < denied.size(); i++) {
            Finding finding = denied.get(i);
            message.append(denied.size() > 1 ? "(" + (i + 1) + ") " : "")
                    .append('[').append(finding.ruleId()).append("] container \"").append(finding.container())
                    .append("\" ").append(finding.fieldPath()).append(": ").append(finding.problem())
                    .append(i + 1 < denied.size() ? "; " : ".");
            if (finding.verdict() == Verdict.FIXABLE) {
                unfixed.add(finding);
            }
            strict |= finding.verdict() == Verdict.UNVERIFIABLE;
        }
        if (!unfixed.isEmpty()) {
            message.append(" runner-guard's mutating webhook fixes ").append(ruleIds(unfixed))
                    .append(" by itself, but this object reached validation unfixed: is the mutating webhook"
                            + " installed and reachable?");
        }
        if (strict) {
            message.append(" Findings that cannot be verified are denied because runner-guard.strict-unverifiable is on.");
        }
        return message.toString();
    }

    static String ruleIds(List<Finding> findings) {
        Set<String> ids = new LinkedHashSet<>();
        findings.forEach(finding -> ids.add(finding.ruleId()));
        return String.join(",", ids);
    }

    static String describe(Fix fix) {
        if (fix instanceof Fix.SetSecurityContextField set) {
            return "securityContext." + set.field() + "=" + set.value();
        }
        if (fix instanceof Fix.ReplaceImage image) {
            return "image " + image.image();
        }
        Fix.MountTmpEmptyDir tmp = (Fix.MountTmpEmptyDir) fix;
        return "an emptyDir (" + tmp.sizeLimit() + ") at /tmp";
    }

    private static String prefix(Finding finding) {
        return "[" + finding.ruleId() + "] \"" + finding.container() + "\": ";
    }

    private static List<String> limit(List<String> all) {
        List<String> kept = new ArrayList<>();
        for (String warning : all) {
            if (kept.size() == MAX_WARNINGS - 1 && all.size() > MAX_WARNINGS) {
                kept.add("runner-guard: " + (all.size() - kept.size()) + " more findings not shown");
                break;
            }
            kept.add(oneLine(warning));
        }
        return kept;
    }

    /**
     * One printable line: the API server drops a warning holding any Unicode control character
     * (Go's unicode.IsControl), and names reach us before the API server has validated them.
     */
    static String oneLine(String text) {
        String flat = CONTROL.matcher(text).replaceAll(" ");
        if (flat.codePointCount(0, flat.length()) <= MAX_WARNING_LENGTH) {
            return flat;
        }
        return flat.substring(0, flat.offsetByCodePoints(0, MAX_WARNING_LENGTH - 3)) + "...";
    }

    /** For log lines: control characters escaped, so a crafted name cannot forge a log line. */
    static String loggable(String text) {
        return text == null ? "" : CONTROL.matcher(text).replaceAll("?");
    }
}
