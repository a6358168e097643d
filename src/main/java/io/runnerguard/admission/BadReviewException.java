package io.runnerguard.admission;

/** Input that is not an AdmissionReview we can answer; becomes a 4xx with a one-line JSON error. */
public class BadReviewException extends RuntimeException {

    private final int httpStatus;

    public BadReviewException(int httpStatus, String message) {
        super(message);
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
