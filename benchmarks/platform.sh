#!/usr/bin/env bash
# The platform against the raw limits of its parts, in one run on this machine: screenings at 1, 8 and 32 concurrent
# clients through the gateway and straight to enrollment-service (commands/s, p50/p99), a command's 201 to its CONSORT
# read-model document, a rebuild of that read model (events/s), and the outcomes report on 100,000 subjects; beside
# each, Kafka's own ProducerPerformance / ConsumerPerformance / EndToEndLatency on the same broker and plain inserts
# into the same PostgreSQL and MongoDB-wire server, with ratios ours / raw. Prints one table and writes it, with the
# machine's description, to benchmarks/results.md. A benchmark, not a timed test: it fails only if a command is
# refused or a read model never catches up. Needs PostgreSQL on 127.0.0.1:5432 (db test, user postgres, trust).
#   benchmarks/platform.sh
# Environment: BENCHMARK_COMMANDS (screenings per level and route, default 400), BENCHMARK_WARMUP (200),
# BENCHMARK_LATENCY_SAMPLES (100); SKIP_REPORT=1 leaves out the 100k outcomes report; REFERENCE_R (default
# ../shared/data/reference.R when it and Rscript exist) adds R's times to that report; MVN_FLAGS defaults to -o.
set -euo pipefail
cd "$(dirname "$0")/.."
export BENCHMARK_LOAD_AT_START="$(cut -d' ' -f1-3 /proc/loadavg)"
export BENCHMARK_COMMAND="benchmarks/platform.sh${BENCHMARK_COMMANDS:+ (BENCHMARK_COMMANDS=$BENCHMARK_COMMANDS)}"
START="$(date +%s)"

if [[ -z "${SKIP_REPORT-}" ]]; then
  if [[ -z "${REFERENCE_R+x}" && -f ../shared/data/reference.R ]] && command -v Rscript > /dev/null; then
    export REFERENCE_R=../shared/data/reference.R
  fi
  echo "*** the outcomes report on 100,000 subjects (benchmarks/outcomes-report.sh${REFERENCE_R:+, REFERENCE_R=$REFERENCE_R})"
  benchmarks/outcomes-report.sh 100000 > /dev/null
  export BENCHMARK_REPORT_FILE="$PWD/outcomes-service/target/benchmarks/report-100k.txt"
fi

echo "command: mvn ${MVN_FLAGS--o} -Pbenchmarks -pl e2e-tests -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false"
LOG="$(mktemp)"
# -am builds the services' executable jars first; -Dtest=none keeps every module's unit tests out, and the
# benchmarks profile makes failsafe run PlatformBenchmark instead of the end-to-end tests
mvn ${MVN_FLAGS--o} -Pbenchmarks -pl e2e-tests -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    > "$LOG" 2>&1 || { grep -E '^\*\*\*' "$LOG" || true; tail -80 "$LOG"; echo "full log: $LOG"; exit 1; }
grep -E '^\*\*\* \[' "$LOG" || true
rm -f "$LOG"
echo
cat benchmarks/results.md
echo "(whole run: $(( $(date +%s) - START )) s)"
