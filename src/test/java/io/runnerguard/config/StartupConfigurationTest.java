package io.runnerguard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnerguard.RunnerGuardApplication;
import io.runnerguard.policy.RuleMode;
import io.runnerguard.policy.Settings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Bad configuration stops runner-guard at start with a message that names the key. */
class StartupConfigurationTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            --runner-guard.rules.tmp-volume=sometimes      | rule mode must be enforce, audit or off, not 'sometimes'
            --runner-guard.rules.no-such-rule=audit        | runner-guard.rules has unknown rule IDs [no-such-rule]
            --runner-guard.tmp-volume.size-limit=lots      | runner-guard.tmp-volume.size-limit must be a Kubernetes quantity such as 64Mi, not 'lots'
            --runner-guard.tmp-volume.medium=Disk          | runner-guard.tmp-volume.medium must be empty or Memory, not 'Disk'
            --runner-guard.user-id=0                       | runner-guard.user-id and group-id must be non-root IDs (> 0)
            --runner-guard.runner-images=n8nio/runners:1   | runner-guard.runner-images entries must be image repositories without tag or digest
            --runner-guard.tls.cert-file=/nonexistent.crt  | runner-guard.tls.cert-file and runner-guard.tls.key-file must be set together
            --runner-guard.max-request-size=1KB            | runner-guard.max-request-size must be at least 64KB
            """)
    void refusesToStartWithBadConfiguration(String argument, String message) {
        assertThatThrownBy(() -> start(argument)).satisfies(error -> assertThat(rootCause(error).getMessage()).contains(message));
    }

    @Test
    void refusesCertificateFilesThatDoNotExist() {
        assertThatThrownBy(() -> start("--runner-guard.tls.cert-file=/nonexistent/tls.crt",
                "--runner-guard.tls.key-file=/nonexistent/tls.key"))
                .satisfies(error -> assertThat(rootCause(error).getMessage())
                        .isEqualTo("runner-guard.tls.cert-file /nonexistent/tls.crt does not exist or is not readable"));
    }

    @Test
    void bindsRuleModesFromEnvironmentVariablesThatCannotCarryDashes() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                "RUNNERGUARD_RULES_TMPVOLUME", "audit",
                "RUNNERGUARD_RULES_READ_ONLY_ROOT_FILESYSTEM", "off",
                "RUNNERGUARD_EXCLUDEDNAMESPACES", "kube-system,automation-sandbox",
                "RUNNERGUARD_TMPVOLUME_SIZELIMIT", "128Mi")));
        environment.getPropertySources().addLast(new MapPropertySource("defaults", Map.of()));
        ConfigurationPropertySources.attach(environment);

        RunnerGuardProperties properties = Binder.get(environment).bindOrCreate("runner-guard", RunnerGuardProperties.class);
        Settings settings = properties.toSettings();

        assertThat(settings.modeOf("tmp-volume")).isEqualTo(RuleMode.AUDIT);
        assertThat(settings.modeOf("read-only-root-filesystem")).isEqualTo(RuleMode.OFF);
        assertThat(settings.modeOf("run-as-uid-65532")).isEqualTo(RuleMode.ENFORCE);
        assertThat(settings.excludedNamespaces()).containsExactlyInAnyOrder("kube-system", "automation-sandbox");
        assertThat(settings.tmpSizeLimit()).isEqualTo("128Mi");
    }

    @Test
    void defaultsMatchTheSpecification() {
        Settings settings = Binder.get(new StandardEnvironment())
                .bindOrCreate("runner-guard", RunnerGuardProperties.class).toSettings();

        assertThat(settings).isEqualTo(Settings.defaults());
        assertThat(settings.excludedNamespaces()).containsExactly("kube-system");
        assertThat(List.of(settings.userId(), settings.groupId())).containsExactly(65532L, 65532L);
    }

    private static void start(String... args) {
        new SpringApplicationBuilder(RunnerGuardApplication.class).web(WebApplicationType.NONE)
                .run(args).close();
    }

    private static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
