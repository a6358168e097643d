package io.runnerguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ServiceReference;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chart for every scope × defaultMode × certificate mode: lint-clean, every object a valid typed
 * Kubernetes object, and the webhook configurations selecting exactly the namespaces SPEC §6 says,
 * worked out by applying their namespaceSelectors to sample namespaces the way the API server does.
 */
class ChartMatrixTest {

    enum Mode { ENFORCE, AUDIT, NONE }

    static Stream<Arguments> matrix() {
        List<Arguments> all = new ArrayList<>();
        for (String scope : List.of("namespaces", "cluster")) {
            for (String defaultMode : List.of("enforce", "audit")) {
                for (boolean certManager : List.of(false, true)) {
                    all.add(Arguments.of(scope, defaultMode, certManager));
                }
            }
        }
        return all.stream();
    }

    private static Map<String, Object> values(String scope, String defaultMode, boolean certManager) {
        return Chart.values("scope", scope, "defaultMode", defaultMode, "certManager.enabled", certManager);
    }

    @ParameterizedTest(name = "scope={0} defaultMode={1} certManager={2}")
    @MethodSource("matrix")
    void lintsCleanUnderStrictLint(String scope, String defaultMode, boolean certManager) {
        LintResult lint = Chart.lintStrict(values(scope, defaultMode, certManager));
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
        assertThat(lint.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    }

    @ParameterizedTest(name = "scope={0} defaultMode={1} certManager={2}")
    @MethodSource("matrix")
    void rendersOnlyValidTypedObjects(String scope, String defaultMode, boolean certManager) {
        Rendered chart = Chart.render(values(scope, defaultMode, certManager));
        chart.bindAllStrictly();

        Set<String> expected = new TreeSet<>(Set.of("ConfigMap", "Service", "ServiceAccount", "Deployment",
                "PodDisruptionBudget", "ResourceQuota", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"));
        expected.add(certManager ? "Certificate" : "Secret");
        if (certManager) {
            expected.add("Issuer");
        }
        assertThat(new TreeSet<>(chart.kinds())).isEqualTo(expected);
        assertThat(chart.documents()).allSatisfy(d -> {
            assertThat(d.path("metadata").path("name").asString()).isNotBlank();
            // Namespaced objects take the release namespace from Helm; none hard-codes another one.
            assertThat(d.path("metadata").path("namespace").isMissingNode()).isTrue();
        });
    }

    @ParameterizedTest(name = "scope={0} defaultMode={1} certManager={2}")
    @MethodSource("matrix")
    void selectsTheNamespacesTheSpecSays(String scope, String defaultMode, boolean certManager) {
        Rendered chart = Chart.render(values(scope, defaultMode, certManager));
        MutatingWebhook mutate = chart.one(MutatingWebhookConfiguration.class).getWebhooks().get(0);
        ValidatingWebhook validate = validating(chart, "validate.runner-guard.io");
        ValidatingWebhook audit = validating(chart, "audit.runner-guard.io");

        for (Map.Entry<String, Map<String, String>> ns : sampleNamespaces().entrySet()) {
            Mode expected = expectedMode(scope, defaultMode, ns.getKey(), ns.getValue().get("runner-guard.io/mode"));
            Map<String, String> labels = ns.getValue();
            String why = "namespace %s %s".formatted(ns.getKey(), labels);
            assertThat(selects(mutate.getNamespaceSelector(), labels)).as("mutate, " + why).isEqualTo(expected == Mode.ENFORCE);
            assertThat(selects(validate.getNamespaceSelector(), labels)).as("validate, " + why).isEqualTo(expected == Mode.ENFORCE);
            assertThat(selects(audit.getNamespaceSelector(), labels)).as("audit, " + why).isEqualTo(expected == Mode.AUDIT);
        }
    }

    @ParameterizedTest(name = "scope={0} defaultMode={1} certManager={2}")
    @MethodSource("matrix")
    void wiresEachEntryToItsEndpointWithTheRightFailurePolicy(String scope, String defaultMode, boolean certManager) {
        Rendered chart = Chart.render(values(scope, defaultMode, certManager));
        MutatingWebhookConfiguration mwc = chart.one(MutatingWebhookConfiguration.class);
        ValidatingWebhookConfiguration vwc = chart.one(ValidatingWebhookConfiguration.class);
        Service service = chart.one(Service.class);

        assertThat(mwc.getWebhooks()).hasSize(1);
        MutatingWebhook mutate = mwc.getWebhooks().get(0);
        assertThat(mutate.getClientConfig().getService().getPath()).isEqualTo("/mutate");
        assertThat(mutate.getFailurePolicy()).isEqualTo("Ignore");
        assertThat(mutate.getReinvocationPolicy()).isEqualTo("IfNeeded");
        assertThat(vwc.getWebhooks()).extracting(ValidatingWebhook::getName)
                .containsExactly("validate.runner-guard.io", "audit.runner-guard.io");
        assertThat(validating(chart, "validate.runner-guard.io").getClientConfig().getService().getPath()).isEqualTo("/validate");
        assertThat(validating(chart, "validate.runner-guard.io").getFailurePolicy()).isEqualTo("Fail");
        assertThat(validating(chart, "audit.runner-guard.io").getClientConfig().getService().getPath()).isEqualTo("/audit");
        assertThat(validating(chart, "audit.runner-guard.io").getFailurePolicy()).isEqualTo("Ignore");

        List<Entry> entries = entries(chart);
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.sideEffects()).isEqualTo("None");
            assertThat(e.admissionReviewVersions()).containsExactly("v1");
            assertThat(e.timeoutSeconds()).isBetween(1, 5);
            assertThat(e.matchPolicy()).isEqualTo("Equivalent");
            assertThat(e.objectSelector()).isNull();
            // The Service the API server calls exists, on the port it calls, forwarding to the HTTPS port.
            assertThat(e.service().getName()).isEqualTo(service.getMetadata().getName());
            assertThat(e.service().getNamespace()).isEqualTo(Chart.NAMESPACE);
            ServicePort port = service.getSpec().getPorts().stream()
                    .filter(p -> p.getPort().equals(e.service().getPort())).findFirst().orElseThrow();
            assertThat(port.getTargetPort().getStrVal()).isEqualTo("https");
            assertThat(resourcesByGroup(e.rules())).isEqualTo(Map.of(
                    "", Set.of("pods", "replicationcontrollers", "podtemplates"),
                    "apps", Set.of("deployments", "replicasets", "statefulsets", "daemonsets"),
                    "batch", Set.of("jobs", "cronjobs")));
            assertThat(e.rules()).allSatisfy(r -> {
                assertThat(r.getOperations()).containsExactlyInAnyOrder("CREATE", "UPDATE");
                assertThat(r.getApiVersions()).containsExactly("v1");
                assertThat(r.getResources()).noneMatch(res -> res.contains("/") || res.contains("*"));
            });
        });
        // Mutating webhooks run one after another: /mutate gets the shortest budget.
        assertThat(mutate.getTimeoutSeconds()).isLessThanOrEqualTo(validating(chart, "validate.runner-guard.io").getTimeoutSeconds());

        Map<String, String> mwcAnnotations = annotations(mwc.getMetadata().getAnnotations());
        Map<String, String> vwcAnnotations = annotations(vwc.getMetadata().getAnnotations());
        if (certManager) {
            String injectFrom = Chart.NAMESPACE + "/" + certificateNames(chart).get(0);
            assertThat(mwcAnnotations).containsEntry("cert-manager.io/inject-ca-from", injectFrom);
            assertThat(vwcAnnotations).containsEntry("cert-manager.io/inject-ca-from", injectFrom);
            assertThat(entries).allSatisfy(e -> assertThat(e.caBundle()).isNull());
        } else {
            assertThat(mwcAnnotations).doesNotContainKey("cert-manager.io/inject-ca-from");
            String ca = chart.one(Secret.class).getData().get("ca.crt");
            assertThat(entries).allSatisfy(e -> assertThat(e.caBundle()).isEqualTo(ca));
        }
    }

    @ParameterizedTest(name = "scope={0} defaultMode={1} certManager={2}")
    @MethodSource("matrix")
    void servesTheCertificateSecretThePodMounts(String scope, String defaultMode, boolean certManager) {
        Rendered chart = Chart.render(values(scope, defaultMode, certManager));
        String mounted = chart.one(Deployment.class).getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getSecret() != null).findFirst().orElseThrow().getSecret().getSecretName();
        if (certManager) {
            CertManager.Certificate serving = chart.all(CertManager.Certificate.class).stream()
                    .filter(c -> !Boolean.TRUE.equals(c.spec().isCA())).findFirst().orElseThrow();
            assertThat(serving.spec().secretName()).isEqualTo(mounted);
        } else {
            assertThat(chart.one(Secret.class).getMetadata().getName()).isEqualTo(mounted);
        }
    }

    // ---- the oracle: SPEC §6 in plain code --------------------------------------------------------------

    /** What SPEC §6 says a namespace gets, independent of how the chart writes its selectors. */
    static Mode expectedMode(String scope, String defaultMode, String namespace, String label) {
        if (namespace.equals("kube-system") || namespace.equals(Chart.NAMESPACE)) {
            return Mode.NONE;
        }
        if ("enforce".equals(label)) {
            return Mode.ENFORCE;
        }
        if ("audit".equals(label)) {
            return Mode.AUDIT;
        }
        if (scope.equals("namespaces") || "off".equals(label)) {
            return Mode.NONE;
        }
        // cluster scope: no label, or a value the chart does not know, means the default mode
        return defaultMode.equals("enforce") ? Mode.ENFORCE : Mode.AUDIT;
    }

    /** Namespace name -> labels, as the API server keeps them (it always sets kubernetes.io/metadata.name). */
    static Map<String, Map<String, String>> sampleNamespaces() {
        Map<String, Map<String, String>> ns = new LinkedHashMap<>();
        ns.put("unlabelled", labels("unlabelled", null));
        ns.put("team-enforce", labels("team-enforce", "enforce"));
        ns.put("team-audit", labels("team-audit", "audit"));
        ns.put("team-off", labels("team-off", "off"));
        ns.put("team-typo", labels("team-typo", "enforced"));
        ns.put("kube-system", labels("kube-system", "enforce"));
        ns.put(Chart.NAMESPACE, labels(Chart.NAMESPACE, "enforce"));
        return ns;
    }

    private static Map<String, String> labels(String name, String mode) {
        Map<String, String> l = new LinkedHashMap<>();
        l.put("kubernetes.io/metadata.name", name);
        if (mode != null) {
            l.put("runner-guard.io/mode", mode);
        }
        return l;
    }

    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        return LabelSelectors.matches(selector, labels);
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    record Entry(String name, String sideEffects, List<String> admissionReviewVersions, Integer timeoutSeconds,
                 String matchPolicy, LabelSelector objectSelector, ServiceReference service, String caBundle,
                 List<RuleWithOperations> rules) {
    }

    static List<Entry> entries(Rendered chart) {
        List<Entry> out = new ArrayList<>();
        for (MutatingWebhook w : chart.one(MutatingWebhookConfiguration.class).getWebhooks()) {
            out.add(new Entry(w.getName(), w.getSideEffects(), w.getAdmissionReviewVersions(), w.getTimeoutSeconds(),
                    w.getMatchPolicy(), w.getObjectSelector(), w.getClientConfig().getService(),
                    w.getClientConfig().getCaBundle(), w.getRules()));
        }
        for (ValidatingWebhook w : chart.one(ValidatingWebhookConfiguration.class).getWebhooks()) {
            out.add(new Entry(w.getName(), w.getSideEffects(), w.getAdmissionReviewVersions(), w.getTimeoutSeconds(),
                    w.getMatchPolicy(), w.getObjectSelector(), w.getClientConfig().getService(),
                    w.getClientConfig().getCaBundle(), w.getRules()));
        }
        return out;
    }

    static ValidatingWebhook validating(Rendered chart, String name) {
        return chart.one(ValidatingWebhookConfiguration.class).getWebhooks().stream()
                .filter(w -> w.getName().equals(name)).findFirst().orElseThrow();
    }

    private static Map<String, Set<String>> resourcesByGroup(List<RuleWithOperations> rules) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (RuleWithOperations r : rules) {
            for (String g : r.getApiGroups()) {
                out.computeIfAbsent(g, k -> new TreeSet<>()).addAll(r.getResources());
            }
        }
        return out;
    }

    /** Names of the serving certificates (not CAs): what inject-ca-from may point at. */
    private static List<String> certificateNames(Rendered chart) {
        return chart.all(CertManager.Certificate.class).stream()
                .filter(c -> !Boolean.TRUE.equals(c.spec().isCA()))
                .map(c -> c.metadata().getName()).toList();
    }

    private static Map<String, String> annotations(Map<String, String> a) {
        return a == null ? Map.of() : a;
    }
}
