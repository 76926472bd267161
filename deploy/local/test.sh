#!/usr/bin/env bash
# Runs every test of the repository against real dependencies.
#
#   deploy/local/test.sh [--filter EXPR]
#
# Installs and starts the dependencies (deploy/local/deps.sh), builds
# Monitoring.sln once in Release, runs each tests/*Tests project one after
# another (a failing project does not stop the others), then a seconds-long
# smoke of the benchmark harness, and ends with the line
# "N passed, N failed" summed over the projects' trx files. A project that
# produced no trx counts as one failure. Exits 0 only when nothing failed and
# every project ran. Dependencies this script started are stopped at exit;
# those already running are left running.
#
# --filter EXPR is handed to dotnet test, e.g. --filter "FullyQualifiedName~Decoder".
#
# Environment:
#   MONITORING_TEST_RESULTS_DIR   trx folder (default: TestResults at the repo root)
#   MONITORING_TEST_VERBOSITY     console logger verbosity (default: minimal)
#   MONITORING_TEST_HANG_TIMEOUT  a test running longer aborts its project (default: 15m)
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$REPO_ROOT"

DEPS=(bash deploy/local/deps.sh)
COMPONENTS=(mosquitto smtp influxdb victoria-metrics)
TOOLS=(chromium npm)
RESULTS_DIR="${MONITORING_TEST_RESULTS_DIR:-$REPO_ROOT/TestResults}"
VERBOSITY="${MONITORING_TEST_VERBOSITY:-minimal}"
HANG_TIMEOUT="${MONITORING_TEST_HANG_TIMEOUT:-15m}"
export MONITORING_DEPS_DIR="${MONITORING_DEPS_DIR:-${TMPDIR:-/tmp}/monitoring-deps}"
export DOTNET_NOLOGO="${DOTNET_NOLOGO:-1}"
export DOTNET_CLI_TELEMETRY_OPTOUT="${DOTNET_CLI_TELEMETRY_OPTOUT:-1}"

usage() {
    sed -n '2,/^set -euo/p' "$0" | sed -e '/^set -euo/d' -e 's/^# \{0,1\}//'
}

filter_args=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --filter)
            [[ $# -ge 2 ]] || { usage >&2; exit 2; }
            filter_args=(--filter "$2")
            shift 2
            ;;
        --filter=*)
            filter_args=(--filter "${1#--filter=}")
            shift
            ;;
        -h | --help)
            usage
            exit 0
            ;;
        *)
            usage >&2
            exit 2
            ;;
    esac
done

section() { printf '\n==> %s\n' "$*"; }

# ------------------------------------------------------------- dependencies

started=()
stop_started() {
    if [[ ${#started[@]} -gt 0 ]]; then
        "${DEPS[@]}" stop "${started[@]}" || true
        started=()
    fi
}
trap stop_started EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

problems=()
failed=0
passed=0

section "dependencies: ${COMPONENTS[*]}; tools: ${TOOLS[*]}"
deps_ok=1
if ! "${DEPS[@]}" install "${COMPONENTS[@]}" "${TOOLS[@]}"; then
    deps_ok=0
else
    for c in "${COMPONENTS[@]}"; do
        if ! "${DEPS[@]}" status "$c" >/dev/null 2>&1; then
            started+=("$c")
        fi
    done
    "${DEPS[@]}" start "${COMPONENTS[@]}" || deps_ok=0
fi
if [[ "$deps_ok" == 1 && -f "$MONITORING_DEPS_DIR/env" ]]; then
    # shellcheck disable=SC1091
    source "$MONITORING_DEPS_DIR/env"
    grep '^export ' "$MONITORING_DEPS_DIR/env" | sed 's/^export /  /'
else
    failed=$((failed + 1))
    problems+=("dependencies (${COMPONENTS[*]}) did not start")
fi

# -------------------------------------------------------------------- build

shopt -s nullglob
projects=(tests/*Tests/*.csproj)
shopt -u nullglob

section "build: dotnet build Monitoring.sln -c Release"
build_ok=1
dotnet build Monitoring.sln -c Release || build_ok=0

# -------------------------------------------------------------------- tests

# Prints the value of a <Counters> attribute of a trx file (0 when absent).
counter() {
    local value
    value="$(grep -o '<Counters [^>]*>' "$2" | head -n 1 \
        | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9][0-9]*' || true)"
    echo "${value:-0}"
}

mkdir -p "$RESULTS_DIR"
rows=()
for project in "${projects[@]}"; do
    name="$(basename "$project" .csproj)"
    trx="$RESULTS_DIR/$name.trx"
    rm -f "$trx"
    if [[ "$build_ok" == 0 ]]; then
        failed=$((failed + 1))
        problems+=("$name: not run, the build failed")
        rows+=("$name: not run")
        continue
    fi
    section "test: $name"
    rc=0
    dotnet test "$project" --no-build -c Release \
        --logger "trx;LogFileName=$name.trx" \
        --logger "console;verbosity=$VERBOSITY" \
        --results-directory "$RESULTS_DIR" \
        --blame-hang-timeout "$HANG_TIMEOUT" --blame-hang-dump-type none \
        "${filter_args[@]}" || rc=$?
    if [[ ! -f "$trx" ]]; then
        failed=$((failed + 1))
        problems+=("$name: did not run (dotnet test exited $rc, no $trx)")
        rows+=("$name: did not run")
        continue
    fi
    p="$(counter passed "$trx")"
    f=$(($(counter failed "$trx") + $(counter error "$trx") + $(counter timeout "$trx") + $(counter aborted "$trx")))
    s=$(($(counter total "$trx") - $(counter executed "$trx")))
    if grep -qi 'test run was aborted' "$trx"; then
        # A crashed or hung test host: the test it was running is not counted.
        f=$((f + 1))
        problems+=("$name: the test run was aborted (test host crashed or hung, see above)")
    elif [[ "$rc" != 0 && "$f" == 0 ]]; then
        f=1
        problems+=("$name: dotnet test exited $rc without a failed test in its trx")
    fi
    passed=$((passed + p))
    failed=$((failed + f))
    rows+=("$name: $p passed, $f failed, $s skipped")
done

# The benchmark harness end to end at a few thousand messages, so it cannot rot. It asserts that the harness runs and
# no QoS 1 message is lost, never a speed. Counted as one test; skipped when a --filter narrows the run.
if [[ ${#filter_args[@]} -eq 0 ]]; then
    section "benchmark harness smoke (tests/Monitoring.Benchmarks smoke)"
    if [[ "$build_ok" == 1 ]] && env -u MONITORING_TEST_MOSQUITTO \
        dotnet tests/Monitoring.Benchmarks/bin/Release/net10.0/Monitoring.Benchmarks.dll smoke; then
        passed=$((passed + 1))
        rows+=("Monitoring.Benchmarks smoke: 1 passed, 0 failed")
    else
        failed=$((failed + 1))
        problems+=("Monitoring.Benchmarks smoke: the harness did not complete (see above)")
        rows+=("Monitoring.Benchmarks smoke: 0 passed, 1 failed")
    fi
fi

if [[ ${#projects[@]} -eq 0 ]]; then
    failed=$((failed + 1))
    problems+=("no test project matches tests/*Tests/*.csproj")
fi

# ------------------------------------------------------------------ summary

if [[ ${#started[@]} -gt 0 ]]; then
    section "stopping the dependencies started here: ${started[*]}"
    stop_started
fi
trap - EXIT

section "summary (trx files in $RESULTS_DIR)"
for row in "${rows[@]}"; do
    echo "  $row"
done
for problem in "${problems[@]}"; do
    echo "  FAILED: $problem"
done
printf '%d passed, %d failed\n' "$passed" "$failed"
[[ "$failed" == 0 ]]
