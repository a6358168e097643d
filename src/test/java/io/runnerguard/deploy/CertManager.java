package io.runnerguard.deploy;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;
import java.util.Map;

/**
 * The cert-manager.io/v1 fields the chart uses, as records (fabric8 8.0.0's certmanager-model is
 * not published). Bound with FAIL_ON_UNKNOWN_PROPERTIES, so a field outside this subset, or a
 * misspelt one, fails the binding; names follow cert-manager's v1 API reference.
 */
final class CertManager {

    private CertManager() {
    }

    record Certificate(String apiVersion, String kind, ObjectMeta metadata, CertificateSpec spec) {
    }

    record CertificateSpec(String secretName, String commonName, List<String> dnsNames, Boolean isCA,
                           String duration, String renewBefore, PrivateKey privateKey, List<String> usages,
                           IssuerRef issuerRef) {
    }

    record PrivateKey(String algorithm, Integer size, String encoding, String rotationPolicy) {
    }

    record IssuerRef(String name, String kind, String group) {
    }

    record Issuer(String apiVersion, String kind, ObjectMeta metadata, IssuerSpec spec) {
    }

    /** selfSigned is an empty object in the chart; ca names the Secret holding the CA. */
    record IssuerSpec(Map<String, Object> selfSigned, CaIssuer ca) {
    }

    record CaIssuer(String secretName) {
    }
}
