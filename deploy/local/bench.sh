#!/usr/bin/env bash
# Regenerates every figure in BENCHMARKS.md, on this machine:
#   1. builds the server, the simulator and tests/Monitoring.Benchmarks in Release;
#   2. runs the BenchmarkDotNet micro-benchmarks (decode, ingest, batch persist, detection pass);
#   3. runs the end-to-end harness (bare MQTTnet subscriber vs the server on one Mosquitto);
#   4. runs the scale harness (1M devices: start-to-ready, RSS, detection pass, detection latency);
#   5. runs the dashboard harness (100k devices: page weight and time to interactive in Chromium);
#   6. rewrites the part of BENCHMARKS.md between the bench:begin and bench:end markers
#      (the text around them is kept).
#
#   bash deploy/local/bench.sh
#
# Environment (defaults in brackets):
#   MONITORING_BENCH_MESSAGES       e2e messages [500000]
#   MONITORING_BENCH_DEVICES        e2e distinct devices [100000]
#   MONITORING_BENCH_CONNECTIONS    e2e simulator connections [4]
#   MONITORING_BENCH_ROUNDS         e2e rounds, each A then B; the median B/A is reported [3]
#   MONITORING_BENCH_SCALE_DEVICES  scale registered devices [1000000]
#   MONITORING_BENCH_LATENCY_DEVICES silent devices for the latency probe [200]
#   MONITORING_BENCH_DASHBOARD_DEVICES registered devices for the dashboard harness [100000]
#   MONITORING_BENCH_STEPS          which of "micro e2e scale dashboard" to run [all four]
#   MONITORING_TEST_MOSQUITTO       host:port of a running Mosquitto; unset = the harness starts a
#                                   private one with deploy/local/deps.sh (fresh data folder, free port)
#
# The harness alone: dotnet tests/Monitoring.Benchmarks/bin/Release/net10.0/Monitoring.Benchmarks.dll
#   micro | e2e | scale | smoke | dashboard   (smoke: seconds long, exits 0 when the harness runs end to end)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
STEPS="${MONITORING_BENCH_STEPS:-micro e2e scale dashboard}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/monitoring-bench.XXXXXX")"
BENCH="$ROOT/tests/Monitoring.Benchmarks/bin/Release/net10.0/Monitoring.Benchmarks.dll"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log() { printf 'bench: %s\n' "$*"; }

log "building Release"
for project in services/Monitoring.Server tests/Monitoring.Benchmarks; do
    dotnet build -c Release --nologo -v quiet "$project" >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
done
dotnet build -c Release --nologo -v quiet simulators/Monitoring.Simulator >"$WORK/build-simulator.log" 2>&1 \
    || { cat "$WORK/build-simulator.log"; exit 1; }

has_step() { [[ " $STEPS " == *" $1 "* ]]; }

if has_step micro; then
    log "micro-benchmarks (BenchmarkDotNet)"
    dotnet "$BENCH" micro --artifacts "$WORK/micro" | tee "$WORK/micro.log"
    {
        echo "### Micro-benchmarks (BenchmarkDotNet, in-process, 3 warm-up + 5 measured iterations)"
        echo
        # BenchmarkDotNet's GitHub-flavoured summary, minus its environment block (reported above).
        sed -n '/^|/,$p' "$WORK"/micro/results/*-report-github.md
    } >"$WORK/micro.md"
fi

if has_step e2e; then
    log "end to end"
    dotnet "$BENCH" e2e --messages "${MONITORING_BENCH_MESSAGES:-500000}" --devices "${MONITORING_BENCH_DEVICES:-100000}" \
        --connections "${MONITORING_BENCH_CONNECTIONS:-4}" --rounds "${MONITORING_BENCH_ROUNDS:-3}" --out "$WORK/e2e.md"
fi

if has_step scale; then
    log "scale"
    dotnet "$BENCH" scale --scale-devices "${MONITORING_BENCH_SCALE_DEVICES:-1000000}" \
        --latency-devices "${MONITORING_BENCH_LATENCY_DEVICES:-200}" --out "$WORK/scale.md"
fi

if has_step dashboard; then
    log "dashboard"
    dotnet "$BENCH" dashboard --dashboard-devices "${MONITORING_BENCH_DASHBOARD_DEVICES:-100000}" --out "$WORK/dashboard.md"
fi

{
    echo "<!-- bench:begin — written by deploy/local/bench.sh; edits here are overwritten -->"
    echo "## Figures of the last run"
    echo
    echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "- commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- services simulators 2>/dev/null || echo ' (services/simulators had uncommitted changes)')"
    echo "- machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM, $(uname -sr)"
    echo "- load generator: Monitoring.Simulator (simulators/), same commit"
    echo "- runtime: .NET SDK $(dotnet --version), Mosquitto $( (mosquitto -h 2>/dev/null || /usr/sbin/mosquitto -h 2>/dev/null || true) | head -1 | sed 's/^mosquitto version //')"
    echo "- command: \`bash deploy/local/bench.sh\` (steps: $STEPS; e2e ${MONITORING_BENCH_MESSAGES:-500000} messages / ${MONITORING_BENCH_DEVICES:-100000} devices / ${MONITORING_BENCH_CONNECTIONS:-4} connections / ${MONITORING_BENCH_ROUNDS:-3} rounds; scale ${MONITORING_BENCH_SCALE_DEVICES:-1000000} devices)"
    echo
    for part in micro e2e scale dashboard; do
        [[ -f "$WORK/$part.md" ]] && cat "$WORK/$part.md" && echo
    done
    echo "<!-- bench:end -->"
} >"$WORK/figures.md"

TARGET="$ROOT/BENCHMARKS.md"
if [[ -f "$TARGET" ]] && grep -q '<!-- bench:begin' "$TARGET"; then
    awk -v figures="$WORK/figures.md" '
        /<!-- bench:begin/ { while ((getline line < figures) > 0) print line; skip = 1; next }
        /<!-- bench:end -->/ { skip = 0; next }
        !skip { print }' "$TARGET" >"$WORK/BENCHMARKS.md"
else
    { echo "# Benchmarks"; echo; cat "$WORK/figures.md"; } >"$WORK/BENCHMARKS.md"
fi
mv "$WORK/BENCHMARKS.md" "$TARGET"
log "wrote $TARGET (work files in $WORK)"
