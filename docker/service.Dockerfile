# syntax=docker/dockerfile:1
#
# One image recipe for every process of the platform (the four services and the gateway). Build context: the
# repository root, after `mvn -DskipTests package` has made <module>/target/<module>-<version>-exec.jar.
#
#   docker build -f docker/service.Dockerfile --build-arg MODULE=safety-service --build-arg PORT=8083 -t cartrial/safety-service .
#
# (docker compose build does this for every service; see docker-compose.yml and docs/deployment.md.)
# The executable jar is split into Spring Boot's layers (dependencies, loader, snapshot dependencies such as
# trial-api/trial-support, application) so a code change rebuilds and ships only the small top layers.

ARG JAVA_IMAGE=eclipse-temurin:17-jre

FROM ${JAVA_IMAGE} AS layers
ARG MODULE
RUN test -n "${MODULE}" || (echo "build argument MODULE is required (e.g. enrollment-service)" >&2; exit 1)
WORKDIR /build
COPY ${MODULE}/target/${MODULE}-*-exec.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

FROM ${JAVA_IMAGE}
ARG MODULE
ARG PORT=8080
LABEL org.opencontainers.image.title="cartrial ${MODULE}" \
      org.opencontainers.image.description="Paediatric CD19/CD22 CAR-T trial platform: ${MODULE}"

# an unprivileged user with a fixed id (volumes and secrets can be granted to uid 10001)
RUN groupadd --system --gid 10001 trial \
 && useradd --system --uid 10001 --gid trial --home-dir /app --no-create-home --shell /usr/sbin/nologin trial \
 && mkdir -p /app/data \
 && chown -R trial:trial /app

WORKDIR /app
COPY --from=layers /build/extracted/dependencies/ ./
COPY --from=layers /build/extracted/spring-boot-loader/ ./
COPY --from=layers /build/extracted/snapshot-dependencies/ ./
COPY --from=layers /build/extracted/application/ ./
COPY --chmod=0755 docker/healthcheck.sh /usr/local/bin/healthcheck

# Listen on every interface of the container (the processes default to 127.0.0.1 for the embedded stack);
# everything else comes from the environment at run time (docs/deployment.md).
ENV TRIAL_BIND_ADDRESS=0.0.0.0 \
    TRIAL_DATA_DIR=/app/data \
    TRIAL_HEALTH_PORT=${PORT} \
    JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Daxoniq.update-checker.disabled=true -Ddisable-axoniq-console-message=true"

USER 10001:10001
EXPOSE ${PORT}

HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=6 CMD ["/usr/local/bin/healthcheck"]

# exec: java is PID 1 and gets SIGTERM, so Spring's graceful shutdown runs on `docker stop`
ENTRYPOINT ["sh", "-c", "exec java ${JAVA_OPTS} org.springframework.boot.loader.launch.JarLauncher \"$@\"", "--"]
