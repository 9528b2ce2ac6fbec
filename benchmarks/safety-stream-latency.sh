#!/usr/bin/env bash
# Latency from an adverse-event POST to its arrival on the safety-officer stream (GET /api/safety/stream):
# p50/p90/p99/max over N events (default 1000, after 100 warm-up), one at a time, on the same real parts as the
# integration tests (PostgreSQL on 127.0.0.1:5432, in-process Kafka, MongoDB wire server). A benchmark, not a
# timed test: it fails only if an event never arrives. MVN_FLAGS defaults to -o (offline).
#   benchmarks/safety-stream-latency.sh [events]
set -euo pipefail
cd "$(dirname "$0")/.."
EVENTS="${1:-1000}"
echo "command: mvn ${MVN_FLAGS--o} -q -pl safety-service -am -Dtest=StreamLatencyBenchmark" \
     "-Dsurefire.failIfNoSpecifiedTests=false -Dbenchmark.events=${EVENTS} test"
LOG="$(mktemp)"
mvn ${MVN_FLAGS--o} -q -pl safety-service -am -Dtest=StreamLatencyBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
    -Dbenchmark.events="${EVENTS}" test > "$LOG" 2>&1 || { tail -50 "$LOG"; echo "full log: $LOG"; exit 1; }
rm -f "$LOG"
cat safety-service/target/benchmarks/stream-latency.txt
