package io.runnerguard.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Renders and lints charts/runner-guard with the Helm library embedded by helm-java (offline). */
final class Chart {

    static final Path DIR = Path.of("charts/runner-guard");
    static final String RELEASE = "rg";
    static final String NAMESPACE = "guard";
    static final String FULLNAME = "rg-runner-guard";

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private Chart() {
    }

    /** Builds a values override: {@code values("scope", "cluster", "certManager.enabled", true)}. */
    static Map<String, Object> values(Object... pathsAndValues) {
        Map<String, Object> root = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndValues.length; i += 2) {
            String[] path = ((String) pathsAndValues[i]).split("\\.");
            Map<String, Object> node = root;
            for (int p = 0; p < path.length - 1; p++) {
                @SuppressWarnings("unchecked")
                Map<String, Object> child = (Map<String, Object>) node.computeIfAbsent(path[p], k -> new LinkedHashMap<>());
                node = child;
            }
            node.put(path[path.length - 1], pathsAndValues[i + 1]);
        }
        return root;
    }

    /** {@code helm template rg charts/runner-guard -n guard -f <values>}; throws when Helm refuses. */
    static Rendered render(Map<String, Object> values) {
        Path valuesFile = writeTemp(values);
        try {
            String yaml = new Helm(DIR).template()
                    .withName(RELEASE)
                    .withNamespace(NAMESPACE)
                    .withValuesFile(valuesFile)
                    .call();
            return Rendered.parse(yaml);
        } finally {
            delete(valuesFile);
        }
    }

    static Rendered render() {
        return render(Map.of());
    }

    /**
     * {@code helm lint --strict} with the given values. helm-java's lint takes no values, so a copy
     * of the chart gets them merged into its values.yaml.
     */
    static LintResult lintStrict(Map<String, Object> values) {
        Path copy = null;
        try {
            copy = Files.createTempDirectory("runner-guard-chart");
            Path target = copy.resolve("runner-guard");
            copyTree(DIR, target);
            ObjectNode merged = (ObjectNode) YAML.readTree(target.resolve("values.yaml").toFile());
            deepMerge(merged, YAML.valueToTree(values));
            YAML.writeValue(target.resolve("values.yaml").toFile(), merged);
            return new Helm(target).lint().strict().call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (copy != null) {
                deleteTree(copy);
            }
        }
    }

    private static void deepMerge(ObjectNode into, JsonNode from) {
        for (Map.Entry<String, JsonNode> e : from.properties()) {
            JsonNode existing = into.get(e.getKey());
            if (existing instanceof ObjectNode o && e.getValue().isObject()) {
                deepMerge(o, e.getValue());
            } else {
                into.set(e.getKey(), e.getValue());
            }
        }
    }

    private static Path writeTemp(Map<String, Object> values) {
        try {
            Path f = Files.createTempFile("runner-guard-values", ".yaml");
            YAML.writeValue(f.toFile(), values);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        }
    }

    private static void delete(Path f) {
        try {
            Files.deleteIfExists(f);
        } catch (IOException ignored) {
            // a temp file left behind is harmless
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(Chart::delete);
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }
}
