# Production image of the ccms server: built from source, run as an unprivileged user.
FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked --bin ccms

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /var/lib/ccms --create-home ccms \
    && install -d -o ccms -g ccms /var/lib/ccms/evidence
COPY --from=build /src/target/release/ccms /usr/local/bin/ccms
USER ccms
WORKDIR /var/lib/ccms
ENV CCMS_ENV=production CCMS_BIND=0.0.0.0:8080 CCMS_EVIDENCE_DIR=/var/lib/ccms/evidence RUST_LOG=info
# Evidence files: mount a volume here (docker-compose.yml does), or they go with the container.
VOLUME /var/lib/ccms/evidence
EXPOSE 8080
# Ready means: database reachable and migrated.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /readyz HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["ccms"]
CMD ["serve"]
