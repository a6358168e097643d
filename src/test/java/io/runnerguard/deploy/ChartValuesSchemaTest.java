package io.runnerguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** values.schema.json and the chart's own checks refuse values that would deploy something wrong. */
class ChartValuesSchemaTest {

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of(Chart.values("scope", "everything"), "scope"),
                Arguments.of(Chart.values("defaultMode", "warn"), "defaultMode"),
                Arguments.of(Chart.values("scopee", "cluster"), "scopee"),
                Arguments.of(Chart.values("excludedNamespaces", List.of("Not_A_Namespace")), "excludedNamespaces"),
                Arguments.of(Chart.values("replicaCount", 0), "replicaCount"),
                Arguments.of(Chart.values("webhook.timeoutSeconds.validate", 31), "validate"),
                Arguments.of(Chart.values("webhook.timeoutSeconds.mutate", 0), "mutate"),
                Arguments.of(Chart.values("webhook.reinvocationPolicy", "Always"), "reinvocationPolicy"),
                Arguments.of(Chart.values("certManager.enable", true), "enable"),
                Arguments.of(Chart.values("certManager.issuerRef", Map.of("kind", "ClusterIssuer")), "issuerRef"),
                Arguments.of(Chart.values("image.pullPolicy", "Sometimes"), "pullPolicy"),
                // The chart owns these keys of the app's configuration.
                Arguments.of(Chart.values("config.excluded-namespaces", List.of("x")), "excluded-namespaces"),
                Arguments.of(Chart.values("config.tls", Map.of("cert-file", "/x")), "tls"),
                Arguments.of(Chart.values("config.rules.distroless-image", "warn"), "distroless-image"),
                Arguments.of(Chart.values("config.rules.no-such-rule", "audit"), "no-such-rule"),
                Arguments.of(Chart.values("config.tmp-volume.medium", "Disk"), "medium"),
                // A quote or regex syntax would break out of the matchConditions expression.
                Arguments.of(Chart.values("config.runner-images", List.of("acme/runner') || true || ('")), "runner-images"),
                Arguments.of(Chart.values("config.n8n-images", List.of("acme/(n8n|.*)")), "n8n-images"),
                Arguments.of(Chart.values("logging.format", "json"), "format"),
                // A replica must be able to finish the calls it has when it is stopped.
                Arguments.of(Chart.values("lifecycle.shutdownTimeoutSeconds", 2), "shutdownTimeoutSeconds"),
                Arguments.of(Chart.values("terminationGracePeriodSeconds", 20), "terminationGracePeriodSeconds"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badValues")
    void refusesToRender(Map<String, Object> values, String mentioned) {
        assertThatThrownBy(() -> Chart.render(values)).hasMessageContaining(mentioned);
    }

    @Test
    void defaultValuesPassTheirOwnSchema() {
        Chart.render().bindAllStrictly();
    }

    @Test
    void passesTheAppConfigurationThroughUnderRunnerGuardKeys() {
        Rendered chart = Chart.render(Chart.values(
                "excludedNamespaces", List.of("kube-system", "monitoring"),
                "config.runner-images", List.of("registry.example.com:5000/acme/runners"),
                "config.user-id", 65532,
                "config.tmp-volume", Map.of("size-limit", "128Mi", "medium", "Memory"),
                "config.rules", Map.of("distroless-image", "audit", "tmp-volume", "off"),
                "config.mutate-templates", true,
                "config.strict-unverifiable", true));
        chart.bindAllStrictly();

        JsonNode app = YAMLMapper.builder().build()
                .readTree(chart.one(ConfigMap.class).getData().get("application.yaml"));
        JsonNode rg = app.path("runner-guard");
        assertThat(rg.path("tls").path("cert-file").asString()).isEqualTo("/etc/runner-guard/tls/tls.crt");
        assertThat(rg.path("tls").path("key-file").asString()).isEqualTo("/etc/runner-guard/tls/tls.key");
        assertThat(rg.path("excluded-namespaces").valueStream().map(JsonNode::asString).toList())
                .containsExactly("kube-system", "monitoring", Chart.NAMESPACE);
        assertThat(rg.path("runner-images").get(0).asString()).isEqualTo("registry.example.com:5000/acme/runners");
        assertThat(rg.path("user-id").asInt()).isEqualTo(65532);
        assertThat(rg.path("tmp-volume").path("size-limit").asString()).isEqualTo("128Mi");
        assertThat(rg.path("tmp-volume").path("medium").asString()).isEqualTo("Memory");
        assertThat(rg.path("rules").path("distroless-image").asString()).isEqualTo("audit");
        assertThat(rg.path("rules").path("tmp-volume").asString()).isEqualTo("off");
        assertThat(rg.path("mutate-templates").asBoolean()).isTrue();
        assertThat(rg.path("strict-unverifiable").asBoolean()).isTrue();

        // The API server's exclusion and the app's agree.
        ValidatingWebhookConfiguration vwc = chart.one(ValidatingWebhookConfiguration.class);
        assertThat(vwc.getWebhooks()).allSatisfy(w -> assertThat(w.getNamespaceSelector().getMatchExpressions())
                .anySatisfy(e -> {
                    assertThat(e.getKey()).isEqualTo("kubernetes.io/metadata.name");
                    assertThat(e.getOperator()).isEqualTo("NotIn");
                    assertThat(e.getValues()).containsExactly("kube-system", "monitoring", Chart.NAMESPACE);
                }));
    }

    @Test
    void excludesTheReleaseNamespaceEvenWhenTheListIsEmpty() {
        Rendered chart = Chart.render(Chart.values("scope", "cluster", "excludedNamespaces", List.of()));
        for (ChartMatrixTest.Entry e : ChartMatrixTest.entries(chart)) {
            assertThat(ChartMatrixTest.selects(selectorOf(chart, e.name()),
                    Map.of("kubernetes.io/metadata.name", Chart.NAMESPACE))).as(e.name()).isFalse();
            assertThat(ChartMatrixTest.selects(selectorOf(chart, e.name()),
                    Map.of("kubernetes.io/metadata.name", "kube-system"))).as(e.name()).isEqualTo(!e.name().startsWith("audit"));
        }
    }

    private static io.fabric8.kubernetes.api.model.LabelSelector selectorOf(Rendered chart, String entry) {
        if (entry.startsWith("mutate")) {
            return chart.one(io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration.class)
                    .getWebhooks().get(0).getNamespaceSelector();
        }
        return ChartMatrixTest.validating(chart, entry).getNamespaceSelector();
    }
}
