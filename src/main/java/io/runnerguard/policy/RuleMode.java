package io.runnerguard.policy;

import java.util.Locale;

/** What a rule does when it finds something: fix and deny, only report, or nothing. */
public enum RuleMode {
    ENFORCE, AUDIT, OFF;

    public static RuleMode parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("rule mode must be enforce, audit or off, not '" + text + "'");
        }
    }
}
