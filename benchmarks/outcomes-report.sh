#!/usr/bin/env bash
# Time of each analysis of the outcomes report (ORR with Clopper-Pearson, OS/EFS/DFS Kaplan-Meier with log and
# log-log intervals, CIR Aalen-Johansen, CRS/ICANS, the full report) on a synthetic cohort of N subjects (default
# 100000, seeded), median and min over repetitions after a warm-up, in one JVM, no database. A benchmark, not a timed
# test: it fails only if an analysis throws (or, with R, a figure differs). MVN_FLAGS defaults to -o (offline); BENCHMARK_FLAGS passes more
# -Dbenchmark.* settings (warmup, repetitions, seed, csv=true to also write the cohort for reference.R).
# REFERENCE_R=path/to/reference.R (e.g. ../shared/data/reference.R; needs Rscript with survival and jsonlite) also runs
# R on the same cohort first, checks every figure against R's to 1e-9 and adds R's survfit times to the table.
#   benchmarks/outcomes-report.sh [subjects]
set -euo pipefail
SUBJECTS="${1:-100000}"
if [[ -n "${REFERENCE_R-}" ]]; then
  BENCHMARK_FLAGS="-Dbenchmark.reference=$(realpath "$REFERENCE_R")${BENCHMARK_FLAGS:+ $BENCHMARK_FLAGS}"
fi
cd "$(dirname "$0")/.."
echo "command: mvn ${MVN_FLAGS--o} -q -pl outcomes-service -am -Dtest=OutcomeReportBenchmark" \
     "-Dsurefire.failIfNoSpecifiedTests=false -Dbenchmark.subjects=${SUBJECTS} ${BENCHMARK_FLAGS:+$BENCHMARK_FLAGS }test"
LOG="$(mktemp)"
# -am builds the modules outcomes-service needs (none of their tests matches -Dtest); the benchmark runs in
# outcomes-service's surefire JVM, with the flags of the root pom (serial GC).
mvn ${MVN_FLAGS--o} -q -pl outcomes-service -am -Dtest=OutcomeReportBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
    -Dbenchmark.subjects="${SUBJECTS}" ${BENCHMARK_FLAGS-} test > "$LOG" 2>&1 \
    || { tail -50 "$LOG"; echo "full log: $LOG"; exit 1; }
rm -f "$LOG"
if (( SUBJECTS % 1000 == 0 )); then LABEL="$((SUBJECTS / 1000))k"; else LABEL="$SUBJECTS"; fi
cat "outcomes-service/target/benchmarks/report-${LABEL}.txt"
