#!/usr/bin/env bash
# Seconds (wall and CPU) and heap of the export of a synthetic trial of N subjects (default 100000, seeded), in one
# fresh JVM after a warm-up run: (a) every dataset in both formats with its manifest, as the ZIP of
# GET /api/outcomes/exports and as the folder of ./trial export, (b) the FHIR R4 Bundle, (c) the ODM audit trail.
# The read models are bulk-loaded into an embedded MongoDB running in a child JVM (see ExportBenchmark's comment).
# A benchmark, not a timed test: it fails only if a step throws (e.g. OutOfMemoryError) or a row count is wrong.
# XMX=512m runs the benchmark JVM with that -Xmx (the table is then export-<size>-xmx512m.txt); HISTOGRAM=true also
# samples class histograms during the warm-up's steps (export-<size>[-tag]-histogram.txt; the measured steps are not
# perturbed).
# MVN_FLAGS defaults to -o (offline); AM= skips building the modules outcomes-service needs (installed already); BENCHMARK_FLAGS passes more -Dbenchmark.* settings (seed, sample, mongoHeap).
#   benchmarks/export.sh [subjects]
set -euo pipefail
SUBJECTS="${1:-100000}"
cd "$(dirname "$0")/.."
JVM="-Daxoniq.update-checker.disabled=true -Ddisable-axoniq-console-message=true -XX:+UseSerialGC"
TAG=""
if [[ -n "${XMX-}" ]]; then
  JVM="$JVM -Xmx$XMX"
  TAG="xmx$XMX"
fi
if [[ "${HISTOGRAM-}" == "true" ]]; then
  BENCHMARK_FLAGS="-Dbenchmark.histogram=true${BENCHMARK_FLAGS:+ $BENCHMARK_FLAGS}"
fi
echo "command: mvn ${MVN_FLAGS--o} -q -pl outcomes-service ${AM--am} -Dtest=ExportBenchmark" \
     "-Dsurefire.failIfNoSpecifiedTests=false -Dbenchmark.subjects=${SUBJECTS} -Dbenchmark.tag=${TAG}" \
     "-Dtrial.test.jvm=\"$JVM\" ${BENCHMARK_FLAGS:+$BENCHMARK_FLAGS }test"
LOG="$(mktemp)"
# -am builds the modules outcomes-service needs (none of their tests matches -Dtest); the benchmark runs in
# outcomes-service's surefire JVM with the root pom's flags (serial GC) plus -Xmx when XMX is set.
STATUS=0
mvn ${MVN_FLAGS--o} -q -pl outcomes-service ${AM--am} -Dtest=ExportBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
    -Dbenchmark.subjects="${SUBJECTS}" -Dbenchmark.tag="${TAG}" -Dtrial.test.jvm="$JVM" ${BENCHMARK_FLAGS-} test \
    > "$LOG" 2>&1 || STATUS=$?
if (( SUBJECTS % 1000 == 0 )); then LABEL="$((SUBJECTS / 1000))k"; else LABEL="$SUBJECTS"; fi
TABLE="outcomes-service/target/benchmarks/export-${LABEL}${TAG:+-$TAG}.txt"
if (( STATUS != 0 )); then
  grep -E "OutOfMemoryError|FAILED|Tests run|ERROR" "$LOG" | head -20 || true
  [[ -f "$TABLE" ]] && cat "$TABLE"
  echo "full log: $LOG"
  exit "$STATUS"
fi
rm -f "$LOG"
cat "$TABLE"
