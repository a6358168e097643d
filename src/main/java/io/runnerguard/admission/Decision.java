package io.runnerguard.admission;

import java.util.Locale;

/** The outcome of one request, as counted in {@code runner_guard_admission_requests_total}. */
public enum Decision {
    /** Judged and compliant. */
    ALLOWED,
    /** Allowed with a patch. */
    PATCHED,
    /** Denied. */
    DENIED,
    /** Allowed with warnings. */
    WARNED,
    /** Not judged: excluded namespace, DELETE/CONNECT, subresource, other kind, no n8n container, unchanged update. */
    SKIPPED,
    /** Bad input or an internal error. */
    ERROR;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
