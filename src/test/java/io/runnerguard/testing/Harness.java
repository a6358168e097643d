package io.runnerguard.testing;

import io.runnerguard.admission.AdmissionHandler;
import io.runnerguard.admission.ReviewDecoder;
import io.runnerguard.admission.ReviewResponseWriter;
import io.runnerguard.policy.Judgement.Role;
import io.runnerguard.policy.PolicyEngine;
import io.runnerguard.policy.Settings;
import java.nio.charset.StandardCharsets;

/**
 * The admission path without HTTP (decode, judge, write), for trying many settings cheaply.
 * HTTP itself is covered by the MockMvc and HTTPS tests.
 */
public final class Harness {

    private final AdmissionHandler handler;
    private final ReviewDecoder decoder = new ReviewDecoder();
    private final ReviewResponseWriter writer = new ReviewResponseWriter();

    public Harness(Settings settings) {
        this.handler = new AdmissionHandler(new PolicyEngine(settings));
    }

    public static Harness defaults() {
        return new Harness(Settings.defaults());
    }

    public Answer mutate(ApiServer.Review review) {
        return run(Role.MUTATE, review);
    }

    public Answer validate(ApiServer.Review review) {
        return run(Role.VALIDATE, review);
    }

    public Answer audit(ApiServer.Review review) {
        return run(Role.AUDIT, review);
    }

    public Answer run(Role role, ApiServer.Review review) {
        byte[] body = review.json().getBytes(StandardCharsets.UTF_8);
        byte[] response = writer.write(handler.handle(role, decoder.decode(body)));
        return new Answer(Json.parse(response), review);
    }
}
