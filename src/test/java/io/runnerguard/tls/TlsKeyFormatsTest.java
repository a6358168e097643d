package io.runnerguard.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnerguard.testing.TestCertificates;
import io.runnerguard.testing.TestCertificates.Issued;
import io.runnerguard.testing.TestCertificates.KeyEncoding;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;

/**
 * The key encodings users bring (openssl, cert-manager): checked at start, then loaded by the
 * same Spring Boot PEM bundle the server uses and proven by a real TLS handshake.
 */
class TlsKeyFormatsTest {

    private static final TestCertificates CERTIFICATES = new TestCertificates();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"EC, PKCS8", "EC, TRADITIONAL", "RSA, PKCS8", "RSA, TRADITIONAL"})
    void servesTlsWithEveryCommonKeyEncoding(String algorithm, KeyEncoding encoding) throws Exception {
        Issued issued = CERTIFICATES.serving(algorithm);
        Path cert = write("tls.crt", TestCertificates.certificatePem(issued.certificate()));
        Path key = write("tls.key", TestCertificates.keyPem(issued.keyPair(), encoding));

        X509Certificate leaf = PemKeyPair.check(cert, key);

        assertThat(leaf.getSerialNumber()).isEqualTo(issued.serial());
        assertThat(handshake(cert, key)).isEqualTo(issued.serial());
    }

    @Test
    void rejectsAKeyThatBelongsToAnotherCertificate() throws Exception {
        Path cert = write("tls.crt", TestCertificates.certificatePem(CERTIFICATES.serving("EC").certificate()));
        Path key = write("tls.key", TestCertificates.keyPem(CERTIFICATES.serving("EC").keyPair(), KeyEncoding.PKCS8));

        assertThatThrownBy(() -> PemKeyPair.check(cert, key)).isInstanceOf(IllegalStateException.class)
                .hasMessage("the private key in " + key + " does not belong to the certificate in " + cert);
    }

    @Test
    void rejectsMissingAndUnreadableFilesWithTheirPropertyName() throws Exception {
        Path cert = write("tls.crt", TestCertificates.certificatePem(CERTIFICATES.serving("EC").certificate()));
        Path garbage = write("tls.key", "not a key");

        assertThatThrownBy(() -> PemKeyPair.check(dir.resolve("missing.crt"), garbage))
                .hasMessageContaining("runner-guard.tls.cert-file").hasMessageContaining("does not exist");
        assertThatThrownBy(() -> PemKeyPair.check(cert, garbage))
                .hasMessageContaining("runner-guard.tls.key-file").hasMessageContaining("no readable PEM private key");
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.US_ASCII);
    }

    /** Serves one TLS connection with Boot's PEM bundle and returns the serial the client saw. */
    private static java.math.BigInteger handshake(Path cert, Path key) throws Exception {
        SslBundle bundle = SslBundle.of(new PemSslStoreBundle(
                PemSslStoreDetails.forCertificate("file:" + cert).withPrivateKey("file:" + key), null));
        SSLContext serverContext = bundle.createSslContext();
        try (SSLServerSocket server = (SSLServerSocket) serverContext.getServerSocketFactory().createServerSocket(0)) {
            CompletableFuture<Void> serving = CompletableFuture.runAsync(() -> {
                try (SSLSocket socket = (SSLSocket) server.accept(); OutputStream out = socket.getOutputStream()) {
                    socket.startHandshake();
                    out.write(1);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (SSLSocket client = (SSLSocket) CERTIFICATES.clientContext().getSocketFactory().createSocket("localhost", server.getLocalPort());
                 InputStream in = client.getInputStream()) {
                var parameters = client.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                client.setSSLParameters(parameters);
                client.startHandshake();
                assertThat(in.read()).isEqualTo(1);
                serving.get(5, TimeUnit.SECONDS);
                return ((X509Certificate) client.getSession().getPeerCertificates()[0]).getSerialNumber();
            }
        }
    }


}
