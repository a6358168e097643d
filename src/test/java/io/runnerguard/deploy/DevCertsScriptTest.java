package io.runnerguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** certs/make-dev-certs.sh, run for real into a temp dir; skipped where openssl is missing. */
class DevCertsScriptTest {

    @BeforeAll
    static void needsOpenssl() {
        assumeThat(Tools.onPath("openssl")).as("openssl on PATH").isTrue();
    }

    @Test
    void makesACaAndAServingCertificateWithTheServiceNamesAndLocalhost(@TempDir Path out) throws Exception {
        Run run = run("certs/make-dev-certs.sh", "-s", "rg", "-n", "team", "-o", out.toString());
        assertThat(run.exit()).as(run.stderr()).isZero();

        X509Certificate ca = cert(out.resolve("ca.crt"));
        X509Certificate leaf = cert(out.resolve("tls.crt"));
        leaf.verify(ca.getPublicKey());
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(leaf.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1");
        assertThat(((ECPublicKey) leaf.getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);

        List<String> sans = new ArrayList<>();
        for (List<?> san : leaf.getSubjectAlternativeNames()) {
            sans.add(san.get(0) + ":" + san.get(1));
        }
        assertThat(sans).containsExactlyInAnyOrder("2:rg", "2:rg.team", "2:rg.team.svc", "2:rg.team.svc.cluster.local",
                "2:localhost", "7:127.0.0.1");

        // PKCS#8, readable by the JDK alone, and the pair of the certificate.
        String keyPem = Files.readString(out.resolve("tls.key"));
        assertThat(keyPem).startsWith("-----BEGIN PRIVATE KEY-----");
        byte[] der = Base64.getMimeDecoder().decode(keyPem.replaceAll("-----[A-Z ]+-----", ""));
        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(key);
        s.update(new byte[] {1, 2, 3});
        byte[] sig = s.sign();
        s.initVerify(leaf.getPublicKey());
        s.update(new byte[] {1, 2, 3});
        assertThat(s.verify(sig)).isTrue();

        // stdout is the caBundle: base64 of the CA PEM on one line.
        String caBundle = run.stdout().strip();
        assertThat(caBundle).doesNotContain("\n");
        assertThat(Base64.getDecoder().decode(caBundle)).isEqualTo(Files.readAllBytes(out.resolve("ca.crt")));

        Run verify = run("openssl", "verify", "-CAfile", out.resolve("ca.crt").toString(), out.resolve("tls.crt").toString());
        assertThat(verify.exit()).isZero();
        assertThat(verify.stdout()).contains(": OK");
    }

    @Test
    void defaultsToRunnerGuardNamesAndAcceptsExtraSans(@TempDir Path out) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("certs/make-dev-certs.sh", "-o", out.toString());
        pb.environment().put("EXTRA_SANS", "DNS:host.docker.internal,IP:172.17.0.1");
        Run run = run(pb);
        assertThat(run.exit()).as(run.stderr()).isZero();
        List<String> sans = new ArrayList<>();
        for (List<?> san : cert(out.resolve("tls.crt")).getSubjectAlternativeNames()) {
            sans.add(String.valueOf(san.get(1)));
        }
        assertThat(sans).contains("runner-guard.runner-guard.svc", "host.docker.internal", "172.17.0.1");
    }

    private static X509Certificate cert(Path pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pem)));
    }

    private record Run(int exit, String stdout, String stderr) {
    }

    private static Run run(String... cmd) throws Exception {
        return run(new ProcessBuilder(cmd));
    }

    private static Run run(ProcessBuilder pb) throws Exception {
        Path err = Files.createTempFile("make-dev-certs", ".err");
        try {
            Process p = pb.redirectError(err.toFile()).start();
            String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            return new Run(p.exitValue(), stdout, Files.readString(err));
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
