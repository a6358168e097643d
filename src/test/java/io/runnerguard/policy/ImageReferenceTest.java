package io.runnerguard.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            n8nio/runners:2.4.6                             | -                     | n8nio/runners            | 2.4.6        | -
            docker.io/n8nio/runners:2.4.6-distroless        | docker.io             | n8nio/runners            | 2.4.6-distroless | -
            registry.local:5000/n8nio/runners               | registry.local:5000   | n8nio/runners            | -            | -
            registry.local:5000/n8nio/runners:1.119         | registry.local:5000   | n8nio/runners            | 1.119        | -
            localhost/runners:dev                           | localhost             | runners                  | dev          | -
            localhost:5000/a/b/c:nightly                    | localhost:5000        | a/b/c                    | nightly      | -
            ghcr.io/n8n-io/runners@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef | ghcr.io | n8n-io/runners | - | sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
            n8nio/runners:2.4.6@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef | - | n8nio/runners | 2.4.6 | sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
            [::1]:5000/runners:1                            | [::1]:5000            | runners                  | 1            | -
            busybox                                         | -                     | busybox                  | -            | -
            """)
    void readsEveryPartOfAReference(String text, String registry, String path, String tag, String digest) {
        ImageReference image = ImageReference.parse(text).orElseThrow();

        assertThat(image.registry()).isEqualTo(registry);
        assertThat(image.path()).isEqualTo(path);
        assertThat(image.tag()).isEqualTo(tag);
        assertThat(image.digest()).isEqualTo(digest);
        assertThat(image.toString()).isEqualTo(text);
    }

    @Test
    void registryPortIsNotMistakenForATag() {
        ImageReference image = ImageReference.parse("registry.local:5000/n8nio/runners").orElseThrow();

        assertThat(image.tag()).isNull();
        assertThat(image.effectiveTag()).isEqualTo("latest");
    }

    @Test
    void foldsDockerHubAliasesIntoOneRepository() {
        assertThat(ImageReference.parse("n8nio/runners:1").orElseThrow().repository()).isEqualTo("docker.io/n8nio/runners");
        assertThat(ImageReference.parse("docker.io/n8nio/runners").orElseThrow().repository()).isEqualTo("docker.io/n8nio/runners");
        assertThat(ImageReference.parse("index.docker.io/n8nio/runners").orElseThrow().repository())
                .isEqualTo("docker.io/n8nio/runners");
        assertThat(ImageReference.parse("busybox").orElseThrow().repository()).isEqualTo("docker.io/library/busybox");
        assertThat(ImageReference.parse("GHCR.IO/n8n-io/runners").orElseThrow().repository()).isEqualTo("ghcr.io/n8n-io/runners");
    }

    @Test
    void noTagAndNoDigestMeansLatestButADigestAloneHasNoTag() {
        assertThat(ImageReference.parse("n8nio/runners").orElseThrow().effectiveTag()).isEqualTo("latest");
        assertThat(ImageReference.parse("n8nio/runners@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")
                .orElseThrow().effectiveTag()).isNull();
    }

    @Test
    void changingTheTagKeepsRegistryPortAndDigest() {
        ImageReference image = ImageReference.parse(
                "registry.local:5000/n8nio/runners:2.4.6@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")
                .orElseThrow();

        assertThat(image.withTag("2.4.6-distroless").toString()).isEqualTo(
                "registry.local:5000/n8nio/runners:2.4.6-distroless@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "n8nio/runners:", "n8nio/runners:bad tag", "n8nio//runners", "/runners",
        "n8nio/runners@sha256:short", "n8nio/runners:-leading-dash"})
    void rejectsWhatCannotBeAnImage(String text) {
        assertThat(ImageReference.parse(text)).isEmpty();
    }
}
