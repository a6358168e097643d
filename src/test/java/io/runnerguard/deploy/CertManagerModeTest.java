package io.runnerguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** With cert-manager the chart renders a CA chain whose references all resolve, and CA injection. */
class CertManagerModeTest {

    @Test
    void buildsSelfSignedRootThenCaIssuerThenServingCertificate() {
        Rendered chart = Chart.render(Chart.values("certManager.enabled", true));
        chart.bindAllStrictly();
        List<CertManager.Issuer> issuers = chart.all(CertManager.Issuer.class);
        List<CertManager.Certificate> certs = chart.all(CertManager.Certificate.class);
        assertThat(issuers).hasSize(2);
        assertThat(certs).hasSize(2);

        CertManager.Certificate caCert = certs.stream().filter(c -> Boolean.TRUE.equals(c.spec().isCA())).findFirst().orElseThrow();
        CertManager.Certificate serving = certs.stream().filter(c -> !Boolean.TRUE.equals(c.spec().isCA())).findFirst().orElseThrow();

        CertManager.Issuer root = issuer(issuers, caCert.spec().issuerRef()).orElseThrow();
        assertThat(root.spec().selfSigned()).isNotNull();
        CertManager.Issuer caIssuer = issuer(issuers, serving.spec().issuerRef()).orElseThrow();
        assertThat(caIssuer.spec().ca().secretName()).isEqualTo(caCert.spec().secretName());
        // A renewed CA keeps its key, so certificates it already signed stay trusted.
        assertThat(caCert.spec().privateKey().rotationPolicy()).isEqualTo("Never");

        String svc = Chart.FULLNAME;
        String ns = Chart.NAMESPACE;
        assertThat(serving.spec().dnsNames()).containsExactlyInAnyOrder(svc, svc + "." + ns, svc + "." + ns + ".svc",
                svc + "." + ns + ".svc.cluster.local");
        assertThat(serving.spec().privateKey().encoding()).isEqualTo("PKCS8");
        assertThat(serving.spec().usages()).contains("server auth");
        assertThat(chart.one(MutatingWebhookConfiguration.class).getMetadata().getAnnotations())
                .containsEntry("cert-manager.io/inject-ca-from", ns + "/" + serving.metadata().getName());
    }

    @Test
    void canUseAnExistingIssuerInstead() {
        Rendered chart = Chart.render(Chart.values("certManager.enabled", true,
                "certManager.issuerRef", Map.of("name", "corp-ca", "kind", "ClusterIssuer", "group", "cert-manager.io")));
        chart.bindAllStrictly();
        assertThat(chart.all(CertManager.Issuer.class)).isEmpty();
        List<CertManager.Certificate> certs = chart.all(CertManager.Certificate.class);
        assertThat(certs).hasSize(1);
        assertThat(certs.get(0).spec().issuerRef()).isEqualTo(new CertManager.IssuerRef("corp-ca", "ClusterIssuer", "cert-manager.io"));
    }

    private static Optional<CertManager.Issuer> issuer(List<CertManager.Issuer> issuers, CertManager.IssuerRef ref) {
        assertThat(ref.kind()).isEqualTo("Issuer");
        return issuers.stream().filter(i -> i.metadata().getName().equals(ref.name())).findFirst();
    }
}
