package io.runnerguard.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnerguard.testing.ApiServer;
import io.runnerguard.testing.Json;
import io.runnerguard.testing.Pods;
import io.runnerguard.testing.TestCertificates;
import io.runnerguard.testing.TestCertificates.Issued;
import io.runnerguard.testing.TestCertificates.KeyEncoding;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The started application over real HTTPS, as the API server calls it: a serving certificate
 * signed by a test CA (made here), mounted the way a Kubernetes Secret volume is, then rotated
 * by swapping {@code ..data}. The client trusts only the test CA and checks the host name.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "management.server.port=0",
    "spring.ssl.bundle.watch.file.quiet-period=100ms"
})
class HttpsEndToEndTest {

    private static final TestCertificates CERTIFICATES = new TestCertificates();
    private static final Issued FIRST = CERTIFICATES.serving("EC");
    private static final Path MOUNT = secretVolume();

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    private static Path secretVolume() {
        try {
            Path mount = Files.createTempDirectory("runner-guard-tls-mount-");
            // Helm's genSignedCert and cert-manager's default both write traditional encodings.
            TestCertificates.writeAsSecretVolume(mount, FIRST, KeyEncoding.TRADITIONAL);
            return mount;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static {
        // System properties, not @DynamicPropertySource: TLS is set up while the environment is
        // prepared, before dynamic test properties exist (as real config files, env and args do).
        System.setProperty("runner-guard.tls.cert-file", MOUNT.resolve("tls.crt").toString());
        System.setProperty("runner-guard.tls.key-file", MOUNT.resolve("tls.key").toString());
    }

    @AfterAll
    static void forgetTlsFiles() {
        System.clearProperty("runner-guard.tls.cert-file");
        System.clearProperty("runner-guard.tls.key-file");
    }

    @Test
    void answersAdmissionReviewsOverHttpsAndPicksUpARotatedCertificateWithoutRestart() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(CERTIFICATES.clientContext())
                .connectTimeout(Duration.ofSeconds(5)).build();
        ApiServer.Review review = ApiServer.create(ApiServer.pod(Pods.literalModeWorkerPod("n8nio/runners:stable")));

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/validate?timeout=5s"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(review.json())).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = Json.parse(response.body());
        assertThat(answer.at("/response/uid").stringValue()).isEqualTo(review.uid());
        assertThat(answer.at("/response/allowed").booleanValue()).isFalse();
        assertThat(answer.at("/response/status/message").stringValue()).contains("[distroless-image]");
        assertThat(servedSerial(null)).isEqualTo(FIRST.serial());
        assertThat(scrape()).contains("runner_guard_tls_certificate_expiry_timestamp_seconds{application=\"runner-guard\"} "
                + expiryValue(FIRST.certificate()));

        Issued second = CERTIFICATES.serving("RSA");
        TestCertificates.writeAsSecretVolume(MOUNT, second, KeyEncoding.TRADITIONAL);

        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        BigInteger served = servedSerial(null);
        while (!served.equals(second.serial()) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            served = servedSerial(null);
        }
        assertThat(served).as("serial served after the ..data swap").isEqualTo(second.serial());
        assertThat(scrape()).contains("runner_guard_tls_certificate_expiry_timestamp_seconds{application=\"runner-guard\"} "
                + expiryValue(second.certificate()));
        HttpClient fresh = HttpClient.newBuilder().sslContext(CERTIFICATES.clientContext()).build();
        assertThat(fresh.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/audit"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(review.json())).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    @Test
    void speaksTls13AndTls12Only() throws Exception {
        assertThat(negotiated(null)).isEqualTo("TLSv1.3");
        assertThat(negotiated(new String[] {"TLSv1.2"})).isEqualTo("TLSv1.2");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> negotiated(new String[] {"TLSv1.1"}))
                .isInstanceOf(javax.net.ssl.SSLException.class);
    }

    @Test
    void exposesProbesAndMetricsOnThePlainManagementPort() throws Exception {
        ApiServer.Review review = ApiServer.create(ApiServer.pod(Pods.compliantPod()));
        HttpResponse<String> answered = HttpClient.newBuilder().sslContext(CERTIFICATES.clientContext()).build().send(
                HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/validate"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(review.json()))
                        .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(Json.parse(answered.body()).at("/response/allowed").booleanValue()).isTrue();
        HttpClient client = HttpClient.newHttpClient();
        for (String probe : new String[] {"liveness", "readiness"}) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + managementPort + "/actuator/health/" + probe)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"UP\"");
        }
        assertThat(scrape()).contains("# TYPE runner_guard_admission_duration_seconds histogram",
                "runner_guard_admission_duration_seconds_bucket{application=\"runner-guard\",endpoint=\"validate\",le=\"0.005\"}",
                "runner_guard_admission_requests_total{application=\"runner-guard\",decision=\"allowed\",dry_run=\"false\","
                        + "endpoint=\"validate\",kind=\"Pod\",operation=\"CREATE\"}");
    }

    private String scrape() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + managementPort + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String expiryValue(X509Certificate certificate) {
        double seconds = certificate.getNotAfter().getTime() / 1000.0;
        return String.valueOf(seconds).replace(".0", "");
    }

    private BigInteger servedSerial(String[] protocols) throws Exception {
        try (SSLSocket socket = handshake(protocols)) {
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
        }
    }

    private String negotiated(String[] protocols) throws Exception {
        try (SSLSocket socket = handshake(protocols)) {
            return socket.getSession().getProtocol();
        }
    }

    private SSLSocket handshake(String[] protocols) throws Exception {
        SSLContext context = CERTIFICATES.clientContext();
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", port);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (protocols != null) {
            parameters.setProtocols(protocols);
        }
        socket.setSSLParameters(parameters);
        socket.setSoTimeout(5000);
        socket.startHandshake();
        return socket;
    }
}
