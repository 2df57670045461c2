#!/bin/sh
# Load check of `merit serve` (bench/README.md "merit serve under load"): 50
# clients reading statements for 60 s on the 10,000-manager benchmark
# workspace. Not a test.
#
#   bench/serve/run.sh BUILD_DIR [--workspace WS] [--work DIR] [--clients N] [--seconds S]
#
# Without --workspace it generates the banking case of bench/run (10,000
# managers, 500,000 customers), imports it and runs config/banking.scheme.json
# for 2026-Q3 first (a few minutes). Then: a hr_admin user and token, `merit
# serve` on a free loopback port, merit_bench_serve_load, SIGTERM.
set -eu
usage() { echo "usage: bench/serve/run.sh BUILD_DIR [--workspace WS] [--work DIR] [--clients N] [--seconds S]" >&2; exit 2; }
[ $# -ge 1 ] || usage
build=$(cd "$1" 2>/dev/null && pwd) || usage
shift
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=/tmp/benchgen/serve
ws=""
clients=50
seconds=60
while [ $# -gt 0 ]; do
    case "$1" in
        --workspace) ws=$2; shift 2 ;;
        --work) work=$2; shift 2 ;;
        --clients) clients=$2; shift 2 ;;
        --seconds) seconds=$2; shift 2 ;;
        *) usage ;;
    esac
done
cmake --build "$build" -j2 --target merit merit_plugin_core merit_plugin_banking merit_pins merit_bench_gen merit_bench_serve_load >/dev/null
bin="$build/stage/bin"
mkdir -p "$work"
if [ -z "$ws" ]; then
    ws="$work/bench.merit"
    if [ ! -f "$ws" ]; then
        echo "== generating and running the 10,000-manager case in $work"
        "$bin/merit_bench_gen" --out "$work/data" --managers 10000 --customers 500000 >/dev/null
        "$bin/merit" init "$ws" >/dev/null
        "$bin/merit" import "$ws" --dir "$work/data" >/dev/null
        "$bin/merit" run "$ws" --scheme "$repo/config/banking.scheme.json" --period 2026-Q3 >/dev/null
        rm -rf "$work/data"
    fi
fi
run=$("$bin/merit" runs "$ws" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[-1]["id"])')
"$bin/merit" users list "$ws" --json | grep -q '"bench_hr"' ||
    "$bin/merit" users add "$ws" --id bench_hr --name "Bench HR" --role hr_admin >/dev/null
token=$("$bin/merit" users token "$ws" --user bench_hr --expires 1h 2>/dev/null)

echo "machine: nproc $(nproc), $(lscpu | sed -n 's/^Model name: *//p'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
log="$work/serve.log"
"$bin/merit" serve "$ws" --port 0 >"$log" 2>&1 &
server=$!
trap 'kill -TERM $server 2>/dev/null || true' EXIT
port=""
for _ in $(seq 1 100); do
    port=$(sed -n 's|.*on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$log")
    [ -n "$port" ] && break
    sleep 0.1
done
[ -n "$port" ] || { cat "$log" >&2; exit 1; }
echo "== merit serve (pid $server) on port $port, run $run"
status=0
"$bin/merit_bench_serve_load" --port "$port" --token "$token" --run "$run" --clients "$clients" --seconds "$seconds" || status=$?
kill -TERM "$server"
wait "$server" || true
trap - EXIT
exit $status
