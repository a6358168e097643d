package io.runnerguard.admission;

import io.runnerguard.policy.Judgement.Role;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The three HTTPS endpoints. Thin on purpose: read the body (bounded), decode once, hand over to
 * {@link AdmissionHandler}, write the answer, count it, log it.
 */
@RestController
public class AdmissionController {

    private static final Logger LOG = LoggerFactory.getLogger(AdmissionController.class);

    private final AdmissionHandler handler;
    private final AdmissionMetrics metrics;
    private final long maxRequestBytes;
    private final ReviewDecoder decoder = new ReviewDecoder();
    private final ReviewResponseWriter writer = new ReviewResponseWriter();

    public AdmissionController(AdmissionHandler handler, AdmissionMetrics metrics, RequestLimits limits) {
        this.handler = handler;
        this.metrics = metrics;
        this.maxRequestBytes = limits.maxRequestBytes();
    }

    @PostMapping("/mutate")
    public ResponseEntity<byte[]> mutate(HttpServletRequest request) {
        return review(Role.MUTATE, "mutate", request);
    }

    @PostMapping("/validate")
    public ResponseEntity<byte[]> validate(HttpServletRequest request) {
        return review(Role.VALIDATE, "validate", request);
    }

    @PostMapping("/audit")
    public ResponseEntity<byte[]> audit(HttpServletRequest request) {
        return review(Role.AUDIT, "audit", request);
    }

    private ResponseEntity<byte[]> review(Role role, String endpoint, HttpServletRequest http) {
        long start = System.nanoTime();
        ReviewRequest request = null;
        AdmissionAnswer answer;
        try {
            request = decoder.decode(readBody(http));
            answer = handler.handle(role, request);
        } catch (BadReviewException e) {
            return rejected(endpoint, request, e.httpStatus(), e.getMessage(), start);
        } catch (RuntimeException e) {
            if (request == null) {
                LOG.error("internal error decoding a request on {}: {}", endpoint, e.toString(), e);
                return rejected(endpoint, null, 400, "could not decode the AdmissionReview", start);
            }
            // A bug of ours, not bad input: still answer the API server with a review, so the
            // webhook's failurePolicy is not the only thing deciding. Only /validate says no.
            LOG.error("internal error on {} uid={}: {}", endpoint, Messages.loggable(request.uid()), e.toString(), e);
            answer = internalError(role, request);
        }
        byte[] body = writer.write(answer);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        metrics.record(endpoint, request, answer, took);
        DecisionLog.log(endpoint, request, answer, took);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    /** Input we cannot answer with a review: a 4xx with a one-line JSON error, counted as {@code error}. */
    private ResponseEntity<byte[]> rejected(String endpoint, ReviewRequest request, int status, String message,
            long start) {
        byte[] body = writer.error(message);
        metrics.record(endpoint, request, null, Duration.ofNanos(System.nanoTime() - start));
        DecisionLog.logRejected(endpoint, status, message);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private static AdmissionAnswer internalError(Role role, ReviewRequest request) {
        boolean allowed = role != Role.VALIDATE;
        return new AdmissionAnswer(request.uid(), allowed, allowed ? 0 : 500,
                allowed ? null : "runner-guard: internal error while judging this object; see the runner-guard logs",
                List.of(), allowed ? List.of("runner-guard: internal error; not judged, see runner-guard logs") : List.of(),
                Map.of(), Decision.ERROR, null);
    }

    private byte[] readBody(HttpServletRequest http) {
        String contentType = http.getContentType();
        if (!isJson(contentType)) {
            throw new BadReviewException(HttpStatus.UNSUPPORTED_MEDIA_TYPE.value(),
                    "Content-Type must be application/json, got " + (contentType == null ? "none" : contentType));
        }
        long declared = http.getContentLengthLong();
        if (declared > maxRequestBytes) {
            throw tooLarge();
        }
        try (InputStream in = http.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxRequestBytes + 1));
            if (body.length > maxRequestBytes) {
                throw tooLarge();
            }
            if (body.length == 0) {
                throw new BadReviewException(400, "body is empty; expected an AdmissionReview");
            }
            return body;
        } catch (IOException e) {
            throw new BadReviewException(400, "could not read the request body: " + e.getClass().getSimpleName());
        }
    }

    private static boolean isJson(String contentType) {
        try {
            return contentType != null && MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private BadReviewException tooLarge() {
        return new BadReviewException(HttpStatus.CONTENT_TOO_LARGE.value(),
                "body exceeds " + maxRequestBytes + " bytes (runner-guard.max-request-size)");
    }
}
