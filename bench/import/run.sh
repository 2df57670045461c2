#!/bin/sh
# Import and aggregation benchmark (see bench/README.md "Import and
# aggregation"). Not a test: it needs about 2 GB of disk and minutes of CPU.
#
#   bench/import/run.sh BUILD_DIR [WORK_DIR] [MANAGERS CUSTOMERS VALUES]
#
# Defaults: 10,000 managers, 500,000 customers, 20 balances per customer
# over 2026-Q3 = a 10,000,000-row facts.csv.
set -eu
build=${1:?usage: run.sh BUILD_DIR [WORK_DIR] [MANAGERS CUSTOMERS VALUES]}
work=${2:-$(mktemp -d)}
managers=${3:-10000}
customers=${4:-500000}
values=${5:-20}
merit="$build/stage/bin/merit"
mkdir -p "$work/data"
rm -f "$work/bench.merit" "$work/bench.merit-wal" "$work/bench.merit-shm"

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p')"
echo "generating $managers managers, $customers customers, $((customers * values)) facts in $work/data"
"$build/stage/bin/merit_bench_generate" "$work/data" "$managers" "$customers" "$values"
ls -l "$work/data"

"$merit" init "$work/bench.merit" >/dev/null
mkdir -p "$work/reference"
for f in org_units managers customers assignments; do cp "$work/data/$f.csv" "$work/reference/"; done
echo "importing the reference tables"
/usr/bin/time -f "  %e s, max RSS %M KB" "$merit" import "$work/bench.merit" --dir "$work/reference"

rows=$((customers * values))
start=$(date +%s.%N)
/usr/bin/time -f "  %e s, max RSS %M KB" "$merit" import "$work/bench.merit" "$work/data/facts.csv"
end=$(date +%s.%N)
echo "facts.csv import: $rows rows, $(echo "$rows / ($end - $start)" | bc) rows/s (whole command: parse, check, write, commit)"

start=$(date +%s.%N)
"$merit" import "$work/bench.merit" "$work/data/facts.csv"
end=$(date +%s.%N)
echo "re-import of the same facts.csv: $(echo "$rows / ($end - $start)" | bc) rows/s"

echo "aggregations over 2026-Q3:"
"$build/stage/bin/merit_bench_aggregate" "$work/bench.merit" deposit 2026-Q3
