package io.runnerguard.admission;

import io.runnerguard.policy.Judgement.Role;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Runs a few hundred sample reviews through decode, judge and write before the readiness probe
 * turns green (Boot reports ready only after runners finish), so the API server's first calls do
 * not pay for class loading and a cold JIT. Touches no metric and logs one line.
 */
@Component
class WarmUp implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
    private static final int ROUNDS = 300;

    private static final String SAMPLE = """
            {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"warm-up",
             "kind":{"group":"","version":"v1","kind":"Pod"},"operation":"CREATE","namespace":"warm-up",
             "object":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"warm-up"},"spec":{
              "securityContext":{"runAsUser":1000,"runAsGroup":1000,"runAsNonRoot":true},
              "containers":[
               {"name":"n8n","image":"docker.n8n.io/n8nio/n8n:2.4.6","env":[{"name":"N8N_RUNNERS_MODE","value":"external"}]},
               {"name":"task-runner","image":"n8nio/runners:2.4.6",
                "env":[{"name":"N8N_RUNNERS_TASK_BROKER_URI","value":"http://localhost:5679"}],
                "securityContext":{"allowPrivilegeEscalation":false}}],
              "volumes":[{"name":"data","emptyDir":{}}]}}}}""";

    private final AdmissionHandler handler;
    private final ReviewDecoder decoder = new ReviewDecoder();
    private final ReviewResponseWriter writer = new ReviewResponseWriter();

    WarmUp(AdmissionHandler handler) {
        this.handler = handler;
    }

    @Override
    public void run(ApplicationArguments args) {
        long start = System.nanoTime();
        byte[] body = SAMPLE.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < ROUNDS; i++) {
            for (Role role : Role.values()) {
                writer.write(handler.handle(role, decoder.decode(body)));
            }
        }
        LOG.info("warmed up the admission path with {} reviews in {} ms", ROUNDS * Role.values().length,
                (System.nanoTime() - start) / 1_000_000);
    }
}
