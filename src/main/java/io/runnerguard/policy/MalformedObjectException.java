package io.runnerguard.policy;

/** The object does not have the shape the API server would have given it (e.g. a string where a list belongs). */
public class MalformedObjectException extends RuntimeException {

    public MalformedObjectException(String fieldPath, String expected) {
        super(fieldPath + " must be " + expected);
    }
}
