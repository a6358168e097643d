package io.runnerguard.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnerguard.testing.ApiServer;
import io.runnerguard.testing.Json;
import io.runnerguard.testing.Pods;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Input that is not an AdmissionReview we can answer: a 4xx with a one-line JSON error, never a 5xx. */
@SpringBootTest
@AutoConfigureMockMvc
class BadInputTest {

    private static final String JSON = "application/json";

    @Autowired
    MockMvc mvc;

    static Stream<Arguments> badRequests() {
        ObjectNode valid = ApiServer.create(ApiServer.pod(Pods.literalModeWorkerPod(Pods.RUNNERS_2_4_6))).toTree();
        ObjectNode noRequest = valid.deepCopy();
        noRequest.remove("request");
        ObjectNode noUid = valid.deepCopy();
        ((ObjectNode) noUid.get("request")).remove("uid");
        ObjectNode v1beta1 = valid.deepCopy();
        v1beta1.put("apiVersion", "admission.k8s.io/v1beta1");
        ObjectNode containersAsText = valid.deepCopy();
        ((ObjectNode) containersAsText.at("/request/object/spec")).put("containers", "task-runner");
        ObjectNode userAsText = valid.deepCopy();
        ((ObjectNode) userAsText.at("/request/object/spec/securityContext")).put("runAsUser", "1000");
        ObjectNode createWithoutObject = valid.deepCopy();
        ((ObjectNode) createWithoutObject.get("request")).putNull("object");
        String deep = "[".repeat(5000) + "]".repeat(5000);
        byte[] oversized = ("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"padding\":\""
                + "x".repeat(7 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        return Stream.of(
                bad("not JSON", JSON, "this is not json", 400, "body is not valid JSON"),
                bad("secret in broken JSON stays out of the answer", JSON, "{\"token\": s3cr3t-value}", 400,
                        "body is not valid JSON (line 1, column"),
                bad("wrong media type", "text/plain", Json.write(valid), 415, "Content-Type must be application/json"),
                bad("no media type", null, Json.write(valid), 415, "Content-Type must be application/json"),
                bad("garbage media type", "nonsense", Json.write(valid), 415, "Content-Type must be application/json"),
                bad("empty body", JSON, "", 400, "body is empty"),
                bad("JSON array", JSON, "[1,2,3]", 400, "body must be a JSON object"),
                bad("no request", JSON, Json.write(noRequest), 400, "AdmissionReview has no request object"),
                bad("no uid", JSON, Json.write(noUid), 400, "request.uid is missing"),
                bad("v1beta1 review", JSON, Json.write(v1beta1), 400,
                        "expected apiVersion admission.k8s.io/v1 kind AdmissionReview, got apiVersion 'admission.k8s.io/v1beta1'"),
                bad("containers not a list", JSON, Json.write(containersAsText), 400,
                        "request.object: spec.containers must be a list"),
                bad("runAsUser not a number", JSON, Json.write(userAsText), 400,
                        "request.object: spec.securityContext.runAsUser must be an integer"),
                bad("CREATE without object", JSON, Json.write(createWithoutObject), 400, "request.object is missing for CREATE"),
                bad("absurd nesting", JSON, deep, 400, "body is nested deeper than 128 levels"),
                bad("absurd number", JSON, "{\"n\":" + "9".repeat(5000) + "}", 400, "body exceeds a JSON parser limit"),
                Arguments.of("body over the limit", JSON, oversized, 413, "body exceeds 7340032 bytes"));
    }

    private static Arguments bad(String name, String contentType, String body, int status, String error) {
        return Arguments.of(name, contentType, body.getBytes(StandardCharsets.UTF_8), status, error);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void answersWithAOneLineJsonError(String name, String contentType, byte[] body, int status, String error)
            throws Exception {
        for (String endpoint : new String[] {"mutate", "validate", "audit"}) {
            MvcResult result = EndpointSupport.raw(mvc, endpoint, contentType, body);

            assertThat(result.getResponse().getStatus()).isEqualTo(status);
            String text = result.getResponse().getContentAsString();
            assertThat(text).doesNotContain("\n").doesNotContain("s3cr3t-value");
            JsonNode json = Json.parse(text);
            assertThat(json.propertyNames()).containsExactly("error");
            assertThat(json.get("error").stringValue()).startsWith(error);
        }
    }
}
