package io.runnerguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.runnerguard.config.RunnerGuardProperties;
import io.runnerguard.policy.RuleMode;
import io.runnerguard.policy.Settings;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ByteArrayResource;

/**
 * The chart and the application agree: the rendered {@code application.yaml} binds to the app's own
 * configuration classes, and the paths and ports it names are the ones the pod mounts and exposes.
 */
class ChartConfiguresTheAppTest {

    @Test
    void renderedApplicationYamlBindsToTheAppsSettings() throws Exception {
        Rendered chart = Chart.render(Chart.values(
                "config.rules.tmp-volume", "audit",
                "config.tmp-volume.size-limit", "128Mi",
                "config.runner-images", List.of("registry.corp.example/mirror/runners"),
                "config.mutate-templates", true));

        RunnerGuardProperties properties = bind(chart.one(ConfigMap.class).getData().get("application.yaml"));
        Settings settings = properties.toSettings();

        assertThat(settings.modeOf("tmp-volume")).isEqualTo(RuleMode.AUDIT);
        assertThat(settings.tmpSizeLimit()).isEqualTo("128Mi");
        assertThat(settings.runnerImages()).containsExactly("registry.corp.example/mirror/runners");
        assertThat(settings.mutateTemplates()).isTrue();
        assertThat(settings.excludedNamespaces()).contains("kube-system", Chart.NAMESPACE);
    }

    @Test
    void tlsFilesConfigLocationAndPortsMatchWhatThePodHas() throws Exception {
        Rendered chart = Chart.render();
        RunnerGuardProperties properties = bind(chart.one(ConfigMap.class).getData().get("application.yaml"));
        Deployment deployment = chart.one(Deployment.class);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);

        VolumeMount tlsMount = mountOfVolumeWith(pod, container, volume -> volume.getSecret() != null);
        String secretName = pod.getVolumes().stream().filter(v -> v.getName().equals(tlsMount.getName()))
                .findFirst().orElseThrow().getSecret().getSecretName();
        Secret secret = chart.all(Secret.class).stream().filter(s -> s.getMetadata().getName().equals(secretName))
                .findFirst().orElseThrow();
        assertThat(properties.tls().certFile()).isEqualTo(tlsMount.getMountPath() + "/tls.crt");
        assertThat(properties.tls().keyFile()).isEqualTo(tlsMount.getMountPath() + "/tls.key");
        assertThat(secret.getData()).containsKeys("tls.crt", "tls.key");

        VolumeMount configMount = mountOfVolumeWith(pod, container, volume -> volume.getConfigMap() != null);
        assertThat(container.getEnv()).extracting(EnvVar::getName, EnvVar::getValue)
                .contains(org.assertj.core.groups.Tuple.tuple("SPRING_CONFIG_ADDITIONAL_LOCATION",
                        "optional:file:" + configMount.getMountPath() + "/"));

        // The app's own defaults (application.yaml in the jar): 8443 HTTPS, 8080 management.
        assertThat(container.getPorts()).extracting(ContainerPort::getContainerPort).containsExactlyInAnyOrder(8443, 8080);
    }

    private static VolumeMount mountOfVolumeWith(PodSpec pod, Container container,
            java.util.function.Predicate<Volume> kind) {
        String volume = pod.getVolumes().stream().filter(kind).findFirst().orElseThrow().getName();
        return container.getVolumeMounts().stream().filter(m -> m.getName().equals(volume)).findFirst().orElseThrow();
    }

    private static RunnerGuardProperties bind(String applicationYaml) throws Exception {
        StandardEnvironment environment = new StandardEnvironment();
        for (PropertySource<?> source : new YamlPropertySourceLoader().load("chart-application.yaml",
                new ByteArrayResource(applicationYaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)))) {
            environment.getPropertySources().addFirst(source);
        }
        ConfigurationPropertySources.attach(environment);
        return Binder.get(environment).bindOrCreate("runner-guard", RunnerGuardProperties.class);
    }
}
