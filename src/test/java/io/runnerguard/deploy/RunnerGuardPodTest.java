package io.runnerguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** runner-guard's own pod follows the rules it enforces (SPEC §6) and stays up through disruptions. */
class RunnerGuardPodTest {

    private static Rendered chart;
    private static Deployment deployment;
    private static PodSpec pod;
    private static Container container;

    @BeforeAll
    static void render() {
        chart = Chart.render();
        deployment = chart.one(Deployment.class);
        pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getContainers()).hasSize(1);
        container = pod.getContainers().get(0);
    }

    @Test
    void runsAsNonRoot65532WithReadOnlyRootNoCapabilitiesAndRuntimeDefaultSeccomp() {
        PodSecurityContext psc = pod.getSecurityContext();
        assertThat(psc.getRunAsNonRoot()).isTrue();
        assertThat(psc.getRunAsUser()).isEqualTo(65532L);
        assertThat(psc.getRunAsGroup()).isEqualTo(65532L);
        assertThat(psc.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");

        SecurityContext sc = container.getSecurityContext();
        assertThat(sc.getRunAsNonRoot()).isTrue();
        assertThat(sc.getRunAsUser()).isEqualTo(65532L);
        assertThat(sc.getRunAsGroup()).isEqualTo(65532L);
        assertThat(sc.getReadOnlyRootFilesystem()).isTrue();
        assertThat(sc.getAllowPrivilegeEscalation()).isFalse();
        assertThat(sc.getPrivileged()).isNotEqualTo(Boolean.TRUE);
        assertThat(sc.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(sc.getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(sc.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");

        assertThat(pod.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getHostPID()).isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(chart.one(ServiceAccount.class).getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getServiceAccountName()).isEqualTo(chart.one(ServiceAccount.class).getMetadata().getName());
    }

    @Test
    void writesOnlyToATmpEmptyDirAndReadsTlsAndConfigReadOnly() {
        Map<String, VolumeMount> mounts = container.getVolumeMounts().stream()
                .collect(Collectors.toMap(VolumeMount::getMountPath, m -> m));
        assertThat(mounts).containsOnlyKeys("/tmp", "/etc/runner-guard/tls", "/etc/runner-guard/config");
        assertThat(mounts.get("/tmp").getReadOnly()).isNotEqualTo(Boolean.TRUE);
        assertThat(mounts.get("/etc/runner-guard/tls").getReadOnly()).isTrue();
        assertThat(mounts.get("/etc/runner-guard/config").getReadOnly()).isTrue();
        // subPath mounts never see the kubelet's ..data swap, so hot reload would silently stop.
        assertThat(mounts.values()).allSatisfy(m -> assertThat(m.getSubPath()).isNull());

        Map<String, Volume> volumes = pod.getVolumes().stream().collect(Collectors.toMap(Volume::getName, v -> v));
        Volume tmp = volumes.get(mounts.get("/tmp").getName());
        assertThat(tmp.getEmptyDir()).isNotNull();
        assertThat(tmp.getEmptyDir().getSizeLimit()).isEqualTo(new Quantity("64Mi"));
        Volume tls = volumes.get(mounts.get("/etc/runner-guard/tls").getName());
        assertThat(tls.getSecret().getDefaultMode()).as("0440: readable by the fsGroup only").isEqualTo(0440);
        assertThat(pod.getSecurityContext().getFsGroup()).isEqualTo(65532L);
        assertThat(volumes.get(mounts.get("/etc/runner-guard/config").getName()).getConfigMap().getName())
                .isEqualTo(Chart.FULLNAME);
    }

    @Test
    void readsItsConfigurationFromTheMountedConfigMap() {
        Map<String, String> env = container.getEnv().stream()
                .collect(Collectors.toMap(EnvVar::getName, e -> e.getValue() == null ? "" : e.getValue()));
        assertThat(env).containsEntry("SPRING_CONFIG_ADDITIONAL_LOCATION", "optional:file:/etc/runner-guard/config/")
                .containsEntry("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs")
                .doesNotContainKey("JAVA_TOOL_OPTIONS");
        assertThat(container.getImage()).isEqualTo("ghcr.io/runner-guard/runner-guard:0.1.0");

        Container custom = Chart.render(Chart.values("logging.format", "", "javaToolOptions", "-XX:MaxRAMPercentage=50.0",
                "image.tag", "0.2.0")).one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(custom.getEnv()).extracting(EnvVar::getName).doesNotContain("LOGGING_STRUCTURED_FORMAT_CONSOLE");
        assertThat(custom.getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("JAVA_TOOL_OPTIONS");
            assertThat(e.getValue()).isEqualTo("-XX:MaxRAMPercentage=50.0");
        });
        assertThat(custom.getImage()).endsWith(":0.2.0");
    }

    @Test
    void exposesTheWebhookAndManagementPortsAndProbesTheManagementPort() {
        assertThat(container.getPorts()).extracting(p -> p.getName() + "=" + p.getContainerPort())
                .containsExactlyInAnyOrder("https=8443", "http-metrics=8080");
        assertProbe(container.getReadinessProbe(), "/actuator/health/readiness");
        assertProbe(container.getLivenessProbe(), "/actuator/health/liveness");
        assertProbe(container.getStartupProbe(), "/actuator/health/liveness");

        Service service = chart.one(Service.class);
        assertThat(service.getSpec().getSelector())
                .isEqualTo(deployment.getSpec().getTemplate().getMetadata().getLabels());
        assertThat(deployment.getSpec().getSelector().getMatchLabels())
                .isEqualTo(deployment.getSpec().getTemplate().getMetadata().getLabels());
    }

    private static void assertProbe(Probe probe, String path) {
        assertThat(probe).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http-metrics");
        assertThat(probe.getHttpGet().getScheme()).isIn(null, "HTTP");
    }

    @Test
    void drainsInFlightCallsBeforeItStops() {
        int maxTimeout = ChartMatrixTest.entries(chart).stream().mapToInt(ChartMatrixTest.Entry::timeoutSeconds).max().orElseThrow();
        long preStop = container.getLifecycle().getPreStop().getSleep().getSeconds();
        // Distroless: no shell for an exec hook; the kubelet's sleep action needs none.
        assertThat(container.getLifecycle().getPreStop().getExec()).isNull();
        assertThat(preStop).isPositive();

        String app = chart.one(io.fabric8.kubernetes.api.model.ConfigMap.class).getData().get("application.yaml");
        assertThat(app).contains("shutdown: graceful");
        int shutdown = Integer.parseInt(app.replaceAll("(?s).*timeout-per-shutdown-phase: (\\d+)s.*", "$1"));
        assertThat(shutdown).as("graceful shutdown waits at least one webhook timeout").isGreaterThanOrEqualTo(maxTimeout);
        assertThat(pod.getTerminationGracePeriodSeconds()).as("grace period covers preStop + shutdown")
                .isGreaterThan(preStop + shutdown);

        Container noSleep = Chart.render(Chart.values("lifecycle.preStopSleepSeconds", 0))
                .one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(noSleep.getLifecycle()).isNull();
    }

    @Test
    void requestsMemoryAndCpuButLimitsOnlyMemory() {
        assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(container.getResources().getLimits()).containsOnlyKeys("memory");
        assertThat(Quantity.getAmountInBytes(container.getResources().getLimits().get("memory")))
                .isGreaterThanOrEqualTo(Quantity.getAmountInBytes(container.getResources().getRequests().get("memory")));
    }

    @Test
    void keepsTwoReplicasSpreadOverNodesWithADisruptionBudget() {
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();

        PodDisruptionBudget pdb = chart.one(PodDisruptionBudget.class);
        assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
        assertThat(pdb.getSpec().getSelector().getMatchLabels()).isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
        assertThat(pdb.getSpec().getUnhealthyPodEvictionPolicy()).isEqualTo("AlwaysAllow");

        Map<String, TopologySpreadConstraint> spread = pod.getTopologySpreadConstraints().stream()
                .collect(Collectors.toMap(TopologySpreadConstraint::getTopologyKey, t -> t));
        assertThat(spread.get("kubernetes.io/hostname").getWhenUnsatisfiable()).isEqualTo("DoNotSchedule");
        assertThat(spread.get("topology.kubernetes.io/zone").getWhenUnsatisfiable()).isEqualTo("ScheduleAnyway");
        assertThat(spread.values()).allSatisfy(t -> assertThat(LabelSelectors.matches(t.getLabelSelector(),
                deployment.getSpec().getTemplate().getMetadata().getLabels())).isTrue());

        // One replica: a minAvailable=1 budget would block every node drain, so none is rendered.
        assertThat(Chart.render(Chart.values("replicaCount", 1)).kinds()).doesNotContain("PodDisruptionBudget");
    }

    @Test
    void runsAsClusterCriticalWithTheQuotaSomeClustersRequire() {
        assertThat(pod.getPriorityClassName()).isEqualTo("system-cluster-critical");
        ResourceQuota quota = chart.one(ResourceQuota.class);
        assertThat(quota.getSpec().getScopeSelector().getMatchExpressions()).singleElement().satisfies(e -> {
            assertThat(e.getScopeName()).isEqualTo("PriorityClass");
            assertThat(e.getOperator()).isEqualTo("In");
            assertThat(e.getValues()).containsExactly("system-cluster-critical");
        });
        int surge = deployment.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getIntVal();
        assertThat(Integer.parseInt(quota.getSpec().getHard().get("pods").toString()))
                .isGreaterThanOrEqualTo(deployment.getSpec().getReplicas() + surge);

        Rendered none = Chart.render(Chart.values("priorityClassName", ""));
        assertThat(none.one(Deployment.class).getSpec().getTemplate().getSpec().getPriorityClassName()).isNull();
        assertThat(none.kinds()).doesNotContain("ResourceQuota");
        assertThat(Chart.render(Chart.values("priorityClassName", "team-high")).kinds()).doesNotContain("ResourceQuota");
    }

    @Test
    void checksumOfTheConfigurationRollsThePod() {
        String before = deployment.getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/config");
        String after = Chart.render(Chart.values("config.rules", Map.of("tmp-volume", "audit")))
                .one(Deployment.class).getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/config");
        assertThat(before).matches("[0-9a-f]{64}");
        assertThat(after).isNotEqualTo(before);
    }

    @Test
    void optionalServiceMonitorScrapesTheManagementPort() {
        assertThat(chart.kinds()).doesNotContain("ServiceMonitor", "NetworkPolicy");
        Rendered withMonitor = Chart.render(Chart.values("serviceMonitor.enabled", true, "serviceMonitor.labels",
                Map.of("release", "prometheus")));
        withMonitor.bindAllStrictly();
        ServiceMonitor sm = withMonitor.one(ServiceMonitor.class);
        assertThat(sm.getMetadata().getLabels()).containsEntry("release", "prometheus");
        assertThat(sm.getSpec().getEndpoints()).singleElement().satisfies(e -> {
            assertThat(e.getPath()).isEqualTo("/actuator/prometheus");
            assertThat(e.getPort()).isEqualTo("http-metrics");
        });
        Service service = withMonitor.one(Service.class);
        assertThat(service.getSpec().getPorts()).anySatisfy(p -> {
            assertThat(p.getName()).isEqualTo("http-metrics");
            assertThat(p.getTargetPort().getStrVal()).isEqualTo("http-metrics");
        });
        assertThat(LabelSelectors.matches(sm.getSpec().getSelector(), service.getMetadata().getLabels())).isTrue();
    }

    @Test
    void optionalNetworkPolicyOpensTheWebhookPortToAllAndMetricsToTheConfiguredPeers() {
        Map<String, Object> peer = Map.of("namespaceSelector", Map.of("matchLabels",
                Map.of("kubernetes.io/metadata.name", "monitoring")));
        Rendered withPolicy = Chart.render(Chart.values("networkPolicy.enabled", true, "networkPolicy.metricsFrom", List.of(peer)));
        withPolicy.bindAllStrictly();
        NetworkPolicy np = withPolicy.one(NetworkPolicy.class);
        assertThat(np.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(LabelSelectors.matches(np.getSpec().getPodSelector(),
                deployment.getSpec().getTemplate().getMetadata().getLabels())).isTrue();
        List<NetworkPolicyIngressRule> rules = np.getSpec().getIngress();
        assertThat(rules).hasSize(2);
        NetworkPolicyIngressRule webhook = rules.stream()
                .filter(r -> r.getPorts().get(0).getPort().getStrVal().equals("https")).findFirst().orElseThrow();
        assertThat(webhook.getFrom()).as("the API server's address cannot be selected").isNullOrEmpty();
        NetworkPolicyIngressRule metrics = rules.stream()
                .filter(r -> r.getPorts().get(0).getPort().getStrVal().equals("http-metrics")).findFirst().orElseThrow();
        assertThat(metrics.getFrom()).singleElement().satisfies(p ->
                assertThat(p.getNamespaceSelector().getMatchLabels()).containsEntry("kubernetes.io/metadata.name", "monitoring"));

        NetworkPolicy closed = Chart.render(Chart.values("networkPolicy.enabled", true)).one(NetworkPolicy.class);
        assertThat(closed.getSpec().getIngress()).singleElement()
                .satisfies(r -> assertThat(r.getPorts().get(0).getPort().getStrVal()).isEqualTo("https"));
    }
}
