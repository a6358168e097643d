package io.runnerguard;

import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class RunnerGuardApplication {

    /** Above this, the heap was almost certainly left at the JVM default (a quarter of the node's memory). */
    private static final long UNCAPPED_HEAP_BYTES = 2L * 1024 * 1024 * 1024;

    public static void main(String[] args) {
        SpringApplication.run(RunnerGuardApplication.class, args);
        long maxHeap = Runtime.getRuntime().maxMemory();
        if (maxHeap > UNCAPPED_HEAP_BYTES) {
            LoggerFactory.getLogger(RunnerGuardApplication.class).warn(
                    "max heap is {} MiB: cap it (-Xmx256m, or -XX:MaxRAMPercentage under a container memory limit);"
                            + " runner-guard needs about 128 MiB", maxHeap / (1024 * 1024));
        }
    }
}
