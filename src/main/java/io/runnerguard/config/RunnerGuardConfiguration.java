package io.runnerguard.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.runnerguard.admission.RequestLimits;
import io.runnerguard.admission.AdmissionHandler;
import io.runnerguard.admission.AdmissionMetrics;
import io.runnerguard.policy.PolicyEngine;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the policy core to the web layer; the only place that knows both. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RunnerGuardProperties.class)
public class RunnerGuardConfiguration {

    @Bean
    PolicyEngine policyEngine(RunnerGuardProperties properties) {
        return new PolicyEngine(properties.toSettings());
    }

    @Bean
    AdmissionHandler admissionHandler(PolicyEngine engine) {
        return new AdmissionHandler(engine);
    }

    @Bean
    AdmissionMetrics admissionMetrics(MeterRegistry registry) {
        return new AdmissionMetrics(registry);
    }

    @Bean
    RequestLimits requestLimits(RunnerGuardProperties properties) {
        return new RequestLimits(properties.maxRequestSize().toBytes());
    }
}
