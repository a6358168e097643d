package io.runnerguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The image cannot be built here (no container engine), so its promises are checked on the
 * Dockerfile itself: what the runtime stage runs as, from which base, with which entrypoint, and a
 * build that caches dependencies apart from sources.
 */
class DockerfileTest {

    private static Dockerfile dockerfile;

    @BeforeAll
    static void read() throws IOException {
        dockerfile = Dockerfile.read(Path.of("Dockerfile"));
    }

    @Test
    void buildsWithMavenThenRunsOnDistrolessJava17() {
        assertThat(dockerfile.stages()).hasSizeGreaterThanOrEqualTo(2);
        Dockerfile.Stage build = dockerfile.stages().get(0);
        assertThat(build.alias()).isNotNull();
        assertThat(build.image()).matches("eclipse-temurin:17[.0-9_]*-jdk.*|maven:[^:]*17.*");
        assertThat(dockerfile.last().image()).startsWith("gcr.io/distroless/java17-debian12:nonroot");
    }

    @Test
    void pinsEveryBaseImageToAnExplicitTagOrDigest() {
        for (Dockerfile.Stage s : dockerfile.stages()) {
            String image = s.image();
            assertThat(image).as("no build-arg indirection in FROM: the tested image is the built image").doesNotContain("$");
            boolean digest = image.contains("@sha256:");
            String afterRepo = image.substring(image.lastIndexOf('/') + 1);
            assertThat(digest || afterRepo.contains(":")).as("%s has a tag or digest", image).isTrue();
            if (afterRepo.contains(":")) {
                String tag = afterRepo.substring(afterRepo.indexOf(':') + 1).replaceAll("@.*", "");
                assertThat(tag).as("tag of %s", image).isNotEqualTo("latest").isNotBlank();
            }
        }
        // The build stage names its JDK patch level, not a floating major version.
        assertThat(dockerfile.stages().get(0).image()).matches(".*:17\\.\\d+\\.\\d+.*");
    }

    @Test
    void runtimeRunsAs65532WithAnExecFormJarLauncherEntrypoint() {
        Dockerfile.Stage runtime = dockerfile.last();
        List<Dockerfile.Instruction> users = runtime.all("USER");
        assertThat(users).isNotEmpty();
        assertThat(users.get(users.size() - 1).arguments()).isEqualTo("65532:65532");

        List<Dockerfile.Instruction> entrypoints = runtime.all("ENTRYPOINT");
        assertThat(entrypoints).hasSize(1);
        List<String> argv = execForm(entrypoints.get(0).arguments());
        assertThat(argv.get(0)).endsWith("java");
        assertThat(argv).contains("org.springframework.boot.loader.launch.JarLauncher");
        assertThat(runtime.all("CMD")).isEmpty();
        // Neither a shell (there is none) nor a fixed heap that ignores the container's limit.
        assertThat(String.join(" ", argv)).doesNotContain("/bin/sh").doesNotContain("-Xmx");
    }

    @Test
    void sizesTheHeapFromTheContainerLimitAndExitsOnOutOfMemory() {
        String env = dockerfile.last().all("ENV").stream().map(Dockerfile.Instruction::arguments)
                .filter(a -> a.startsWith("JAVA_TOOL_OPTIONS")).findFirst().orElseThrow();
        assertThat(env).contains("-XX:MaxRAMPercentage=").contains("-XX:+ExitOnOutOfMemoryError").doesNotContain("-Xmx");
    }

    @Test
    void exposesTheWebhookAndManagementPorts() {
        List<String> ports = new ArrayList<>();
        dockerfile.last().all("EXPOSE").forEach(e -> ports.addAll(List.of(e.arguments().split("\\s+"))));
        assertThat(ports).containsExactlyInAnyOrder("8443", "8080");
    }

    @Test
    void usesCopyNotAdd() {
        assertThat(dockerfile.stages()).allSatisfy(s -> assertThat(s.all("ADD")).isEmpty());
    }

    @Test
    void cachesDependenciesBeforeCopyingSources() {
        List<Dockerfile.Instruction> build = dockerfile.stages().get(0).instructions();
        int pom = indexOf(build, "COPY", "pom.xml");
        int goOffline = indexOf(build, "RUN", "dependency:go-offline");
        int sources = indexOf(build, "COPY", "src");
        int packageRun = indexOf(build, "RUN", " package");
        assertThat(pom).isGreaterThanOrEqualTo(0);
        assertThat(indexOf(build, "COPY", "mvnw")).isBetween(0, goOffline);
        assertThat(goOffline).isGreaterThan(pom);
        assertThat(sources).isGreaterThan(goOffline);
        assertThat(packageRun).isGreaterThan(sources);
        assertThat(build.get(packageRun).arguments()).contains("./mvnw")
                .contains("-Djarmode=tools").contains("extract --layers --launcher");
    }

    @Test
    void copiesTheJarLayersLeastChangingFirst() {
        assertThat(copiedLayers()).containsExactly("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");
    }

    /** When the jar has been built (./mvnw package), its own layer list must match the COPY order. */
    @Test
    void layerOrderMatchesTheBuiltJar() throws Exception {
        Path jar = Path.of("target/runner-guard.jar");
        assumeThat(Files.exists(jar)).as("target/runner-guard.jar built").isTrue();
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djarmode=tools", "-jar", jar.toString(), "list-layers").redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        List<String> layers = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .map(String::strip).filter(l -> !l.isEmpty()).toList();
        assertThat(p.exitValue()).isZero();
        assertThat(copiedLayers()).isEqualTo(layers);
    }

    private static List<String> copiedLayers() {
        List<String> layers = new ArrayList<>();
        for (Dockerfile.Instruction copy : dockerfile.last().all("COPY")) {
            if (copy.arguments().startsWith("--from=")) {
                String[] parts = copy.arguments().split("\\s+");
                String source = parts[1].replaceAll("/+$", "");
                layers.add(source.substring(source.lastIndexOf('/') + 1));
            }
        }
        return layers;
    }

    private static int indexOf(List<Dockerfile.Instruction> instructions, String keyword, String text) {
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).keyword().equals(keyword) && instructions.get(i).arguments().contains(text)) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> execForm(String arguments) {
        assertThat(arguments).as("exec form (JSON array), so the JVM is PID 1 and gets SIGTERM").startsWith("[");
        return List.of(JsonMapper.builder().build().readValue(arguments, String[].class));
    }
}
