package io.runnerguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The documents of one `helm template` run, each bound to its typed model.
 *
 * <p>Every document is read twice: with SnakeYAML (YAML 1.1, like the go-yaml inside Helm and the
 * API server: {@code off} is false, {@code 0440} is octal) and with Jackson's YAML 1.2 parser. Both
 * readings must agree, so a value the cluster would read differently from a test cannot slip by.
 * The YAML 1.1 reading is then bound with Jackson 3 to the fabric8 class of its kind (or to the
 * cert-manager records in {@link CertManager}), and fields the model does not know fail the test.
 */
record Rendered(String yaml, List<JsonNode> documents) {

    static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final YAMLMapper YAML12 = YAMLMapper.builder().build();

    /** apiVersion and typed class of every kind the chart may render. */
    static final Map<String, Kind> KINDS = Map.ofEntries(
            Map.entry("ConfigMap", new Kind("v1", ConfigMap.class)),
            Map.entry("Secret", new Kind("v1", Secret.class)),
            Map.entry("Service", new Kind("v1", Service.class)),
            Map.entry("ServiceAccount", new Kind("v1", ServiceAccount.class)),
            Map.entry("ResourceQuota", new Kind("v1", ResourceQuota.class)),
            Map.entry("Deployment", new Kind("apps/v1", Deployment.class)),
            Map.entry("PodDisruptionBudget", new Kind("policy/v1", PodDisruptionBudget.class)),
            Map.entry("NetworkPolicy", new Kind("networking.k8s.io/v1", NetworkPolicy.class)),
            Map.entry("MutatingWebhookConfiguration",
                    new Kind("admissionregistration.k8s.io/v1", MutatingWebhookConfiguration.class)),
            Map.entry("ValidatingWebhookConfiguration",
                    new Kind("admissionregistration.k8s.io/v1", ValidatingWebhookConfiguration.class)),
            Map.entry("ServiceMonitor", new Kind("monitoring.coreos.com/v1", ServiceMonitor.class)),
            Map.entry("Certificate", new Kind("cert-manager.io/v1", CertManager.Certificate.class)),
            Map.entry("Issuer", new Kind("cert-manager.io/v1", CertManager.Issuer.class)));

    record Kind(String apiVersion, Class<?> type) {
    }

    static Rendered parse(String yaml) {
        List<JsonNode> docs = new ArrayList<>();
        Yaml yaml11 = new Yaml(new SafeConstructor(new LoaderOptions()));
        for (Object doc : yaml11.loadAll(yaml)) {
            if (doc != null) {
                docs.add(JSON.valueToTree(doc));
            }
        }
        List<JsonNode> docs12 = new ArrayList<>();
        for (String part : yaml.split("(?m)^---\\s*$")) {
            JsonNode node = YAML12.readTree(part);
            if (node != null && !node.isMissingNode() && !node.isNull()) {
                docs12.add(node);
            }
        }
        assertThat(docs12)
                .as("the rendered YAML means the same under YAML 1.1 (Helm, API server) and YAML 1.2")
                .isEqualTo(docs);
        return new Rendered(yaml, List.copyOf(docs));
    }

    /** Binds every document to its type, failing on unknown kinds, wrong apiVersions and unknown fields. */
    List<Object> bindAllStrictly() {
        List<Object> bound = new ArrayList<>();
        for (JsonNode doc : documents) {
            String kind = doc.path("kind").asString();
            Kind k = KINDS.get(kind);
            assertThat(k).as("kind %s is registered in Rendered.KINDS", kind).isNotNull();
            assertThat(doc.path("apiVersion").asString()).as("apiVersion of %s", kind).isEqualTo(k.apiVersion());
            Object typed = JSON.treeToValue(doc, k.type());
            String name = doc.path("metadata").path("name").asString();
            assertThat(UnknownFields.in(typed)).as("unknown fields in %s/%s", kind, name).isEmpty();
            bound.add(typed);
        }
        return bound;
    }

    List<String> kinds() {
        return documents.stream().map(d -> d.path("kind").asString()).toList();
    }

    <T> Optional<T> find(Class<T> type) {
        List<T> all = all(type);
        assertThat(all.size()).as("at most one %s", type.getSimpleName()).isLessThanOrEqualTo(1);
        return all.stream().findFirst();
    }

    <T> T one(Class<T> type) {
        return find(type).orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " rendered"));
    }

    <T> List<T> all(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (JsonNode doc : documents) {
            Kind k = KINDS.get(doc.path("kind").asString());
            if (k != null && k.type() == type) {
                out.add(JSON.treeToValue(doc, type));
            }
        }
        return out;
    }

    static String name(HasMetadata o) {
        return o.getMetadata().getName();
    }
}
