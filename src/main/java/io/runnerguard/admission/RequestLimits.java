package io.runnerguard.admission;

/**
 * @param maxRequestBytes largest AdmissionReview body accepted. The API server caps an object at
 *                        3 MiB, and an UPDATE review carries the object twice (object and oldObject).
 */
public record RequestLimits(long maxRequestBytes) {
}
