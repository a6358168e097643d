# runner-guard container image: Maven build, then a distroless Java 17 runtime.
#
#   docker build -t ghcr.io/runner-guard/runner-guard:0.1.0 .
#
# Base images are pinned to explicit tags; pin them by digest too (FROM image:tag@sha256:...) in
# release builds and let a dependency bot update both.

# ---- build stage -------------------------------------------------------------------------------
FROM eclipse-temurin:17.0.15_6-jdk-noble AS build
WORKDIR /workspace

# The wrapper and the POM alone decide the dependency layer, so a source change reuses it.
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -q dependency:go-offline

# Tests run in CI (bash .ci/run), not in the image build.
COPY src src
RUN ./mvnw -B -q -DskipTests package \
 && java -Djarmode=tools -jar target/runner-guard.jar extract --layers --launcher --destination target/layers

# ---- runtime stage -----------------------------------------------------------------------------
# Distroless: no shell, no package manager; the nonroot variant's user is 65532.
FROM gcr.io/distroless/java17-debian12:nonroot
WORKDIR /app

# Least to most often changing, one layer each: a code change ships only the last layer.
COPY --from=build /workspace/target/layers/dependencies/ ./
COPY --from=build /workspace/target/layers/spring-boot-loader/ ./
COPY --from=build /workspace/target/layers/snapshot-dependencies/ ./
COPY --from=build /workspace/target/layers/application/ ./

# Heap as a share of the container's memory limit (the rest is metaspace, code cache, threads and
# TLS buffers); a JVM out of memory exits so the kubelet restarts it instead of limping on.
# Override the whole variable to change them (the chart's javaToolOptions value does).
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=60.0 -XX:+ExitOnOutOfMemoryError"

# Files above are root-owned and read-only to the app; at run time only /tmp (an emptyDir in the
# chart) is written: Tomcat's work directory and the JVM's perf data.
USER 65532:65532
EXPOSE 8443 8080
ENTRYPOINT ["/usr/bin/java", "-cp", "/app", "org.springframework.boot.loader.launch.JarLauncher"]
