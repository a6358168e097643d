package io.runnerguard.tls;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.stereotype.Component;

/**
 * {@code runner_guard_tls_certificate_expiry_timestamp_seconds}: when the certificate being served
 * expires. Read from the live bundle on every scrape, so a reloaded certificate shows at once.
 */
@Component
class CertificateExpiryGauge {

    CertificateExpiryGauge(SslBundles bundles, MeterRegistry registry) {
        Gauge.builder("runner_guard.tls.certificate.expiry.timestamp", bundles, CertificateExpiryGauge::expiry)
                .description("Expiry (Unix time) of the serving certificate")
                .baseUnit("seconds")
                .register(registry);
    }

    private static double expiry(SslBundles bundles) {
        try {
            KeyStore store = bundles.getBundle(TlsEnvironmentPostProcessor.BUNDLE).getStores().getKeyStore();
            double earliest = Double.NaN;
            for (String alias : Collections.list(store.aliases())) {
                Certificate certificate = store.getCertificate(alias);
                if (certificate instanceof X509Certificate x509) {
                    double notAfter = x509.getNotAfter().getTime() / 1000.0;
                    earliest = Double.isNaN(earliest) ? notAfter : Math.min(earliest, notAfter);
                }
            }
            return earliest;
        } catch (NoSuchSslBundleException | KeyStoreException e) {
            return Double.NaN;
        }
    }
}
