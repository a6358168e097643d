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
import org.junit.jupiter.api.io.TempDir;

/**
 * dockerfilelint (npm, exit code = number of issues) over the Dockerfile. Runs the copy in
 * node_modules when `npm install dockerfilelint@1.8.0` put one there (as .ci/run does), else
 * `npx dockerfilelint@1.8.0`; skipped on a machine with neither.
 */
class DockerfileLintTest {

    private static List<String> linter;

    @BeforeAll
    static void findLinter() {
        Path local = Path.of("node_modules/.bin/dockerfilelint");
        if (Files.isExecutable(local)) {
            linter = List.of(local.toString());
        } else if (Tools.onPath("npx")) {
            linter = List.of("npx", "--yes", "dockerfilelint@1.8.0");
        }
    }

    @Test
    void dockerfileHasNoLintIssues() throws Exception {
        Result r = lint(Path.of("Dockerfile"));
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("None found");
    }

    /** Proves the linter really runs and reports: a known-bad file must fail. */
    @Test
    void linterFlagsAKnownBadDockerfile(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("Dockerfile");
        Files.writeString(bad, "FROM debian:latest\nMAINTAINER someone\nRUN apt-get update\n");
        Result r = lint(bad);
        assertThat(r.exitCode()).as(r.output()).isGreaterThan(0);
    }

    private record Result(int exitCode, String output) {
    }

    private static Result lint(Path file) throws IOException, InterruptedException {
        assumeThat(linter).as("dockerfilelint or npx available").isNotNull();
        List<String> cmd = new ArrayList<>(linter);
        cmd.add(file.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        boolean done = p.waitFor(120, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        assumeThat(done).as("dockerfilelint finished (npx may be fetching it)").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        // npx without network or registry: an infrastructure problem, not a lint result.
        assumeThat(out).as("dockerfilelint ran").contains("File:");
        return new Result(p.exitValue(), out);
    }
}
