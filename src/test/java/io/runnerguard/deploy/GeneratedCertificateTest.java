package io.runnerguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Without cert-manager, Helm generates the CA and serving certificate. The API server calls
 * https://&lt;svc&gt;.&lt;ns&gt;.svc and checks the certificate against the caBundle by SAN, so those are
 * what is checked here, with the JDK's X.509 code.
 */
class GeneratedCertificateTest {

    private static Rendered chart;
    private static Secret secret;
    private static X509Certificate ca;
    private static X509Certificate serving;

    @BeforeAll
    static void render() throws Exception {
        chart = Chart.render();
        secret = chart.one(Secret.class);
        ca = certificate(secret.getData().get("ca.crt"));
        serving = certificate(secret.getData().get("tls.crt"));
    }

    @Test
    void isAKubernetesTlsSecretWithTheCa() {
        assertThat(secret.getType()).isEqualTo("kubernetes.io/tls");
        assertThat(secret.getData()).containsOnlyKeys("tls.crt", "tls.key", "ca.crt");
    }

    @Test
    void servingCertificateNamesTheServiceTheWayTheApiServerCallsIt() throws Exception {
        List<String> dnsSans = serving.getSubjectAlternativeNames().stream()
                .filter(san -> (Integer) san.get(0) == 2).map(san -> (String) san.get(1)).toList();
        String svc = Chart.FULLNAME;
        String ns = Chart.NAMESPACE;
        assertThat(dnsSans).containsExactlyInAnyOrder(svc, svc + "." + ns, svc + "." + ns + ".svc",
                svc + "." + ns + ".svc.cluster.local");
        assertThat(serving.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1"); // serverAuth
        assertThat(serving.getBasicConstraints()).isEqualTo(-1);
        assertThat(serving.getSigAlgName()).doesNotContainIgnoringCase("SHA1");
    }

    @Test
    void servingCertificateIsSignedByTheCaInTheCaBundle() throws Exception {
        serving.verify(ca.getPublicKey());
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        ca.verify(ca.getPublicKey());
        String caBundle = secret.getData().get("ca.crt");
        assertThat(ChartMatrixTest.entries(chart)).allSatisfy(e -> assertThat(e.caBundle()).isEqualTo(caBundle));
        // The caBundle is base64 of PEM, as the API requires.
        assertThat(new String(Base64.getDecoder().decode(caBundle), StandardCharsets.US_ASCII))
                .startsWith("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void privateKeyBelongsToTheServingCertificate() throws Exception {
        String pem = new String(Base64.getDecoder().decode(secret.getData().get("tls.key")), StandardCharsets.US_ASCII);
        PrivateKey key;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object parsed = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            // Helm's genSignedCert writes an RSA key in PKCS#1 form ("BEGIN RSA PRIVATE KEY").
            key = parsed instanceof PEMKeyPair pair ? converter.getKeyPair(pair).getPrivate()
                    : converter.getPrivateKey((PrivateKeyInfo) parsed);
        }
        byte[] data = "runner-guard".getBytes(StandardCharsets.UTF_8);
        String algorithm = serving.getPublicKey().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(data);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(serving.getPublicKey());
        verifier.update(data);
        assertThat(verifier.verify(signature)).isTrue();
    }

    @Test
    void podRollsWhenTheCertificateChanges() throws Exception {
        String annotation = chart.one(Deployment.class).getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/tls");
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(secret.getData().get("tls.crt").getBytes(StandardCharsets.US_ASCII)));
        assertThat(annotation).as("checksum of the certificate in this very render").isEqualTo(expected);

        Rendered again = Chart.render();
        assertThat(again.one(Deployment.class).getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/tls"))
                .as("a new certificate (fresh install) means a new pod template").isNotEqualTo(annotation);
    }

    @Test
    void certManagerModeRendersNoHelmSecretAndNoChecksum() {
        Rendered cm = Chart.render(Chart.values("certManager.enabled", true));
        assertThat(cm.kinds()).doesNotContain("Secret");
        assertThat(cm.one(Deployment.class).getSpec().getTemplate().getMetadata().getAnnotations())
                .doesNotContainKey("checksum/tls")
                .containsKey("checksum/config");
    }

    private static X509Certificate certificate(String base64Pem) throws Exception {
        byte[] pem = Base64.getDecoder().decode(base64Pem);
        List<String> lines = new String(pem, StandardCharsets.US_ASCII).lines().collect(Collectors.toList());
        assertThat(lines.get(0)).isEqualTo("-----BEGIN CERTIFICATE-----");
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem));
    }
}
