package io.runnerguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second, independent schema check: the OpenAPI-derived JSON schemas of npm kubernetes-models
 * (field types, required fields) over every variant of the chart. Needs node and
 * `npm install kubernetes-models@5.1.0 js-yaml@4` in the project root (as .ci/run does); skipped
 * otherwise. fabric8 binding (ChartMatrixTest) covers unknown fields, which these schemas allow.
 */
class KubernetesModelsSchemaTest {

    private static final Path SCRIPT = Path.of("src/test/resources/deploy/validate-k8s.mjs");

    @BeforeAll
    static void needsNodeAndTheSchemas() {
        assumeThat(Tools.onPath("node")).as("node on PATH").isTrue();
        assumeThat(Files.isDirectory(Path.of("node_modules/kubernetes-models"))).as("node_modules/kubernetes-models").isTrue();
        assumeThat(Files.isDirectory(Path.of("node_modules/js-yaml"))).as("node_modules/js-yaml").isTrue();
    }

    @Test
    void everyChartVariantPassesTheKubernetesSchemas(@TempDir Path dir) throws Exception {
        List<Map<String, Object>> variants = new ArrayList<>();
        for (String scope : List.of("namespaces", "cluster")) {
            for (String mode : List.of("enforce", "audit")) {
                for (boolean cm : List.of(false, true)) {
                    variants.add(Chart.values("scope", scope, "defaultMode", mode, "certManager.enabled", cm));
                }
            }
        }
        variants.add(Chart.values("serviceMonitor.enabled", true, "networkPolicy.enabled", true,
                "networkPolicy.metricsFrom", List.of(Map.of("podSelector", Map.of("matchLabels", Map.of("app", "prometheus")))),
                "webhook.matchConditions.enabled", false, "lifecycle.preStopSleepSeconds", 0, "priorityClassName", "",
                "javaToolOptions", "-XX:MaxRAMPercentage=50.0",
                "extraEnv", List.of(Map.of("name", "TZ", "value", "UTC"))));
        List<String> files = new ArrayList<>();
        for (int i = 0; i < variants.size(); i++) {
            Path f = dir.resolve("variant-" + i + ".yaml");
            Files.writeString(f, Chart.render(variants.get(i)).yaml());
            files.add(f.toString());
        }
        Result r = node(files);
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).containsPattern("(?m)^[1-9]\\d* passed, 0 failed$");
        assertThat(r.output()).doesNotContain("SKIP v1 ").doesNotContain("SKIP apps/v1").doesNotContain("SKIP admissionregistration");
    }

    /** Proves the validator rejects: a Deployment with a string replica count and no selector. */
    @Test
    void validatorRejectsABrokenObject(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: bad}
                spec:
                  replicas: two
                  template:
                    spec:
                      containers: [{name: c, image: nginx}]
                """);
        Result r = node(List.of(f.toString()));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.output()).contains("FAIL").contains("0 passed, 1 failed");
    }

    private record Result(int exit, String output) {
    }

    private static Result node(List<String> files) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("node", SCRIPT.toString()));
        cmd.addAll(files);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }
}
