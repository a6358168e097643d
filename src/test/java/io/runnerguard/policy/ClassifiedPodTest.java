package io.runnerguard.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.runnerguard.policy.ClassifiedPod.ImageOrigin;
import io.runnerguard.testing.Pods;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which containers are task runners and which are n8n itself (SPEC §1). */
class ClassifiedPodTest {

    @Test
    void findsTheOfficialChartSidecarAndTheWorker() {
        ClassifiedPod pod = Specs.classify(Pods.officialChartWorkerSpec());

        assertThat(pod.runners()).extracting(runner -> runner.container().name()).containsExactly("task-runner");
        assertThat(pod.runners().get(0).origin()).isEqualTo(ImageOrigin.OFFICIAL_RUNNERS);
        assertThat(pod.n8nContainers()).extracting(ContainerView::name).containsExactly("n8n-worker");
    }

    @Test
    void recognisesEveryOfficialRunnersRepository() {
        for (String image : List.of("n8nio/runners:1", "docker.io/n8nio/runners:1", "index.docker.io/n8nio/runners:1",
                "ghcr.io/n8n-io/runners:1", "docker.n8n.io/n8nio/runners:1")) {
            ClassifiedPod pod = Specs.classify(new PodSpecBuilder()
                    .addNewContainer().withName("r").withImage(image).endContainer().build());
            assertThat(pod.runners()).as(image).hasSize(1);
        }
    }

    @Test
    void findsNativeSidecarButNotPlainInitContainers() {
        ClassifiedPod pod = Specs.classify(new PodSpecBuilder()
                .addNewContainer().withName("n8n").withImage("n8nio/n8n:2.4.6").endContainer()
                .addNewInitContainer().withName("setup").withImage(Pods.RUNNERS_2_4_6).endInitContainer()
                .addNewInitContainer().withName("runner").withImage(Pods.RUNNERS_2_4_6).withRestartPolicy("Always")
                .endInitContainer()
                .build());

        assertThat(pod.runners()).extracting(runner -> runner.container().name()).containsExactly("runner");
    }

    @Test
    void treatsN8n1xSidecarRunningTheLauncherAsARunnerNotAsN8n() {
        ClassifiedPod pod = Specs.classify(new PodSpecBuilder()
                .addNewContainer().withName("n8n").withImage("n8nio/n8n:1.110.0").endContainer()
                .addNewContainer().withName("runners").withImage("n8nio/n8n:1.110.0")
                .withCommand("/usr/local/bin/task-runner-launcher").withArgs("javascript").endContainer()
                .build());

        assertThat(pod.runners()).extracting(runner -> runner.container().name()).containsExactly("runners");
        assertThat(pod.runners().get(0).origin()).isEqualTo(ImageOrigin.N8N);
        assertThat(pod.n8nContainers()).extracting(ContainerView::name).containsExactly("n8n");
    }

    @Test
    void findsCustomRunnerByItsBrokerUriButNotN8nThatSetsIt() {
        ClassifiedPod pod = Specs.classify(new PodSpecBuilder()
                .addNewContainer().withName("n8n").withImage("n8nio/n8n:2.4.6")
                .addToEnv(Pods.env("N8N_RUNNERS_TASK_BROKER_URI", "http://localhost:5679")).endContainer()
                .addNewContainer().withName("custom").withImage("mycorp/python-runner:3")
                .addToEnv(Pods.env("N8N_RUNNERS_TASK_BROKER_URI", "http://localhost:5679")).endContainer()
                .build());

        assertThat(pod.runners()).extracting(runner -> runner.container().name()).containsExactly("custom");
        assertThat(pod.runners().get(0).origin()).isEqualTo(ImageOrigin.OTHER);
        assertThat(pod.n8nContainers()).extracting(ContainerView::name).containsExactly("n8n");
    }

    @Test
    void usesConfiguredRunnerAndN8nRepositories() {
        Settings settings = Settings.defaults().withImages(List.of("mirror.example/n8n/runners"),
                List.of("mirror.example/n8n/n8n"), List.of());
        ClassifiedPod pod = Specs.classify(new PodSpecBuilder()
                .addNewContainer().withName("n8n").withImage("mirror.example/n8n/n8n:2.4.6").endContainer()
                .addNewContainer().withName("runner").withImage("mirror.example/n8n/runners:2.4.6").endContainer()
                .build(), settings);

        assertThat(pod.runners()).extracting(runner -> runner.origin()).containsExactly(ImageOrigin.CONFIGURED_RUNNERS);
        assertThat(pod.n8nContainers()).extracting(ContainerView::name).containsExactly("n8n");
    }

    @Test
    void ignoresPodsWithoutN8n() {
        ClassifiedPod pod = Specs.classify(new PodSpecBuilder().withContainers(
                new ContainerBuilder().withName("web").withImage("nginx:1.27").build()).build());

        assertThat(pod.isInScope()).isFalse();
    }
}
