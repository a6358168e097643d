package io.runnerguard.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns {@code runner-guard.tls.cert-file}/{@code key-file} into Spring Boot's PEM SSL bundle
 * {@value #BUNDLE} with reload-on-update (a Kubernetes Secret mount swaps its {@code ..data} link,
 * and Boot's file watcher picks that up), TLS 1.2 and 1.3 only. Without the two keys it makes a
 * self-signed {@code localhost} certificate and says so. Runs after the configuration files are read.
 */
public class TlsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    public static final String BUNDLE = "runner-guard";
    static final String PROPERTY_SOURCE = "runner-guard-tls";
    private static final String PREFIX = "spring.ssl.bundle.pem." + BUNDLE + ".";

    private final Log log;

    public TlsEnvironmentPostProcessor(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(TlsEnvironmentPostProcessor.class);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty("server.ssl.bundle")
                || "false".equals(environment.getProperty("server.ssl.enabled"))) {
            return; // TLS configured by hand with Spring's own keys, or off: respect it.
        }
        Binder binder = Binder.get(environment);
        String certFile = binder.bind("runner-guard.tls.cert-file", String.class).orElse(null);
        String keyFile = binder.bind("runner-guard.tls.key-file", String.class).orElse(null);
        Map<String, Object> properties = new LinkedHashMap<>();
        if (certFile == null && keyFile == null) {
            SelfSignedCertificate generated = SelfSignedCertificate.create(temporaryDirectory(), Duration.ofDays(365));
            log.warn("runner-guard.tls.cert-file and key-file are not set: serving HTTPS with a self-signed certificate"
                    + " for localhost, valid until " + generated.certificate().getNotAfter()
                    + " (" + generated.certificateFile() + "). The API server will not trust it; use a real certificate"
                    + " in a cluster.");
            properties.put(PREFIX + "keystore.certificate", "file:" + generated.certificateFile());
            properties.put(PREFIX + "keystore.private-key", "file:" + generated.privateKeyFile());
        } else if (certFile == null || keyFile == null) {
            throw new IllegalStateException(
                    "runner-guard.tls.cert-file and runner-guard.tls.key-file must be set together (or neither, for a"
                            + " self-signed development certificate)");
        } else {
            Path cert = Path.of(certFile).toAbsolutePath();
            Path key = Path.of(keyFile).toAbsolutePath();
            X509Certificate leaf = PemKeyPair.check(cert, key);
            log.info("serving HTTPS with " + cert + " (subject " + leaf.getSubjectX500Principal().getName()
                    + ", valid until " + leaf.getNotAfter() + "); reloading it when the files change");
            properties.put(PREFIX + "keystore.certificate", "file:" + cert);
            properties.put(PREFIX + "keystore.private-key", "file:" + key);
            properties.put(PREFIX + "reload-on-update", "true");
        }
        properties.put(PREFIX + "options.enabled-protocols", "TLSv1.3,TLSv1.2");
        properties.put("server.ssl.bundle", BUNDLE);
        environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE, properties));
    }

    private static Path temporaryDirectory() {
        try {
            Path directory = Files.createTempDirectory("runner-guard-tls-");
            directory.toFile().deleteOnExit();
            directory.resolve("tls.crt").toFile().deleteOnExit();
            directory.resolve("tls.key").toFile().deleteOnExit();
            return directory;
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a directory for the development certificate under "
                    + System.getProperty("java.io.tmpdir") + ": " + e.getMessage(), e);
        }
    }
}
