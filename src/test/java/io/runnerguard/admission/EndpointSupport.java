package io.runnerguard.admission;

import io.runnerguard.testing.ApiServer;
import io.runnerguard.testing.Answer;
import io.runnerguard.testing.Json;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** Posts AdmissionReviews to the running application the way the API server does. */
final class EndpointSupport {

    private EndpointSupport() {
    }

    static Answer post(MockMvc mvc, String endpoint, ApiServer.Review review) throws Exception {
        MvcResult result = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .post("/" + endpoint).contentType(MediaType.APPLICATION_JSON).content(review.json()))
                .andReturn();
        if (result.getResponse().getStatus() != 200) {
            throw new AssertionError("HTTP " + result.getResponse().getStatus() + ": "
                    + result.getResponse().getContentAsString());
        }
        Answer answer = new Answer(Json.parse(result.getResponse().getContentAsByteArray()), review);
        org.assertj.core.api.Assertions.assertThat(answer.review().get("apiVersion").stringValue())
                .isEqualTo("admission.k8s.io/v1");
        org.assertj.core.api.Assertions.assertThat(answer.review().get("kind").stringValue()).isEqualTo("AdmissionReview");
        org.assertj.core.api.Assertions.assertThat(answer.response().get("uid").stringValue()).isEqualTo(review.uid());
        return answer;
    }

    static MvcResult raw(MockMvc mvc, String endpoint, String contentType, byte[] body) throws Exception {
        var request = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/" + endpoint)
                .content(body);
        if (contentType != null) {
            request = request.contentType(contentType);
        }
        return mvc.perform(request).andReturn();
    }
}
