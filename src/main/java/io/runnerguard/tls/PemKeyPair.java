package io.runnerguard.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import org.springframework.boot.ssl.pem.PemContent;

/**
 * Checks a PEM certificate and key before the server uses them, so a wrong pair fails at start with
 * a message instead of as handshake errors in the API server's log. Keys may be PKCS#8
 * ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}): the
 * encodings openssl and cert-manager write.
 */
final class PemKeyPair {

    private PemKeyPair() {
    }

    /** @return the leaf certificate */
    static X509Certificate check(Path certificateFile, Path privateKeyFile) {
        requireReadable(certificateFile, "runner-guard.tls.cert-file");
        requireReadable(privateKeyFile, "runner-guard.tls.key-file");
        List<X509Certificate> chain;
        PrivateKey key;
        try {
            chain = PemContent.load(certificateFile).getCertificates();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("runner-guard.tls.cert-file " + certificateFile
                    + " holds no readable PEM certificate: " + e.getMessage(), e);
        }
        try {
            key = PemContent.load(privateKeyFile).getPrivateKey();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("runner-guard.tls.key-file " + privateKeyFile
                    + " holds no readable PEM private key (PKCS#8, PKCS#1 RSA or SEC1 EC): " + e.getMessage(), e);
        }
        if (chain.isEmpty() || key == null) {
            throw new IllegalStateException("runner-guard.tls.cert-file and key-file must hold a certificate and a key");
        }
        X509Certificate leaf = chain.get(0);
        if (!matches(key, leaf.getPublicKey())) {
            throw new IllegalStateException("the private key in " + privateKeyFile
                    + " does not belong to the certificate in " + certificateFile);
        }
        return leaf;
    }

    private static void requireReadable(Path file, String property) {
        if (!Files.isReadable(file)) {
            throw new IllegalStateException(property + " " + file + " does not exist or is not readable");
        }
    }

    private static boolean matches(PrivateKey key, PublicKey publicKey) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (algorithm == null) {
            return true;
        }
        try {
            byte[] probe = "runner-guard key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
