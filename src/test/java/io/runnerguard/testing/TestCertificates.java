package io.runnerguard.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * A test CA and serving certificates made in the test (nothing is committed), with keys written in
 * the encodings openssl and cert-manager produce.
 */
public final class TestCertificates {

    private static final AtomicLong SERIALS = new AtomicLong(1000);

    public enum KeyEncoding {
        /** {@code BEGIN PRIVATE KEY}: openssl 3 default, cert-manager {@code encoding: PKCS8}. */
        PKCS8,
        /** {@code BEGIN RSA PRIVATE KEY} / {@code BEGIN EC PRIVATE KEY}: cert-manager's default {@code PKCS1}, openssl -traditional. */
        TRADITIONAL
    }

    public record Issued(X509Certificate certificate, KeyPair keyPair) {
        public BigInteger serial() {
            return certificate.getSerialNumber();
        }
    }

    private final Issued ca;

    public TestCertificates() {
        this.ca = issue("CN=runner-guard test CA", null, true, "EC");
    }

    public X509Certificate caCertificate() {
        return ca.certificate();
    }

    /** A client TLS context that trusts this CA only. */
    public javax.net.ssl.SSLContext clientContext() {
        try {
            java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", ca.certificate());
            javax.net.ssl.TrustManagerFactory factory = javax.net.ssl.TrustManagerFactory.getInstance(
                    javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A serving certificate for localhost, signed by the test CA. */
    public Issued serving(String keyAlgorithm) {
        return issue("CN=localhost", ca, false, keyAlgorithm);
    }

    private static Issued issue(String subject, Issued issuer, boolean isCa, String keyAlgorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(keyAlgorithm);
            if (keyAlgorithm.equals("EC")) {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                generator.initialize(2048);
            }
            KeyPair keyPair = generator.generateKeyPair();
            Instant now = Instant.now();
            X500Name subjectName = new X500Name(subject);
            X500Name issuerName = issuer == null ? subjectName
                    : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
                    BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(30))), subjectName, keyPair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
            if (isCa) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                builder.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            }
            PrivateKey signingKey = issuer == null ? keyPair.getPrivate() : issuer.keyPair().getPrivate();
            String signature = signingKey.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder(signature).build(signingKey)));
            return new Issued(certificate, keyPair);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String certificatePem(X509Certificate certificate) {
        try {
            return pem("CERTIFICATE", certificate.getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String keyPem(KeyPair keyPair, KeyEncoding encoding) {
        try {
            byte[] pkcs8 = keyPair.getPrivate().getEncoded();
            if (encoding == KeyEncoding.PKCS8) {
                return pem("PRIVATE KEY", pkcs8);
            }
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(pkcs8);
            if (keyPair.getPrivate().getAlgorithm().equals("RSA")) {
                return pem("RSA PRIVATE KEY", info.parsePrivateKey().toASN1Primitive().getEncoded());
            }
            // SEC1 with the named curve inside, as openssl and Go's x509.MarshalECPrivateKey write it.
            ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
            ASN1Encodable curve = info.getPrivateKeyAlgorithm().getParameters();
            ECPrivateKey sec1 = new ECPrivateKey(256, inner.getKey(),
                    SubjectPublicKeyInfo.getInstance(keyPair.getPublic().getEncoded()).getPublicKeyData(), curve);
            return pem("EC PRIVATE KEY", sec1.getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) throws IOException {
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(new PemObject(type, der));
        }
        return out.toString();
    }

    /**
     * Writes a certificate and key the way a Kubernetes Secret volume does: {@code tls.crt} and
     * {@code tls.key} are links through {@code ..data}, which points at a timestamped directory and
     * is swapped atomically on update.
     */
    public static void writeAsSecretVolume(Path mount, Issued issued, KeyEncoding encoding) throws IOException {
        Path version = Files.createDirectory(mount.resolve("..ts_" + System.nanoTime()));
        Files.writeString(version.resolve("tls.crt"), certificatePem(issued.certificate()), StandardCharsets.US_ASCII);
        Files.writeString(version.resolve("tls.key"), keyPem(issued.keyPair(), encoding), StandardCharsets.US_ASCII);
        Path link = mount.resolve("..data_tmp");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, version.getFileName());
        Files.move(link, mount.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        for (String file : new String[] {"tls.crt", "tls.key"}) {
            Path target = mount.resolve(file);
            if (!Files.isSymbolicLink(target)) {
                Files.createSymbolicLink(target, Path.of("..data").resolve(file));
            }
        }
    }
}
