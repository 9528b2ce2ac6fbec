#!/usr/bin/env bash
# The embedded default (what `./trial start -d` runs: H2 event stores, the in-process Kafka broker and MongoDB-wire
# server, four services, the gateway) against the raw limits of its parts, in one run on this machine:
# CPU ms per accepted screening summed over every platform process (/proc), screenings at 1/8/32 clients through
# the gateway and direct, command -> read-model lag per read model, catch-up after a load, rebuild events/s, the
# dev cohort import (seconds, requests sent again), reads at 100,000 subjects, idle RSS per process, start seconds.
# Writes its section at the top of benchmarks/results.md (the other sections stay). A benchmark, not a test: it fails only if a command is refused or a read model never
# catches up. About 15 minutes; BENCHMARK_QUICK=1 takes about 5.
#   benchmarks/platform.sh
# Environment: BENCHMARK_QUICK=1, BENCHMARK_COMMANDS (screenings per level and route), BENCHMARK_LAG_SAMPLES,
# BENCHMARK_SCALE_SUBJECTS (100000), BENCHMARK_PORTS_BASE (21000), MVN_FLAGS (e.g. -o once every dependency is cached).
# The older benchmark of the platform on PostgreSQL (PlatformBenchmark) runs with
#   mvn -o -Pbenchmarks -pl e2e-tests -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=PlatformBenchmark
set -euo pipefail
cd "$(dirname "$0")/.."
export BENCHMARK_COMMAND="benchmarks/platform.sh${BENCHMARK_QUICK:+ (BENCHMARK_QUICK=$BENCHMARK_QUICK)}"
START="$(date +%s)"
LOG="$(mktemp)"
echo "command: mvn ${MVN_FLAGS-} -Pbenchmarks -pl e2e-tests -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=EmbeddedPlatformBenchmark"
mvn ${MVN_FLAGS-} -Pbenchmarks -pl e2e-tests -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=EmbeddedPlatformBenchmark > "$LOG" 2>&1 || { grep -E '^\*\*\*' "$LOG" || true; tail -60 "$LOG"; echo "full log: $LOG"; exit 1; }
grep -E '^\*\*\* \[' "$LOG" || true
rm -f "$LOG"
echo
awk 'NR > 1 && /^# / { exit } { print }' benchmarks/results.md   # its own section (the others stay in the file)
echo "(whole run: $(( $(date +%s) - START )) s)"
