#!/usr/bin/env bash
# The storage cost of keeping every input version (issue 15): what the
# history tables, data versions and dated terms add to a workspace, first
# for a plain import and then per corrected row.
#
#   bench/history/run.sh BUILD_DIR [--work DIR] [--managers N --customers M] [--changed-every K]
#
# Generates the banking data with merit_bench_gen (default 1,000 managers,
# 50,000 customers), imports it into a fresh workspace, and prints the bytes
# of every table (SQLite's dbstat: pages in use) grouped as inputs, history
# and the rest. Then it re-imports facts.csv with one value in K changed
# (default 100: 1 %) and events.csv of 2026-Q3 with one row in K withdrawn
# (`--replace-period 2026-Q3`), and prints what each correction added, per
# changed row. Writes only under --work (default /tmp/benchgen/history).
set -euo pipefail

usage() {
    echo "usage: bench/history/run.sh BUILD_DIR [--work DIR] [--managers N --customers M] [--changed-every K]" >&2
    exit 2
}
[ $# -ge 1 ] || usage
build=$(realpath "$1")
shift
work=/tmp/benchgen/history
managers=1000
customers=50000
every=100
while [ $# -gt 0 ]; do
    case "$1" in
        --work) work=$2; shift 2 ;;
        --managers) managers=$2; shift 2 ;;
        --customers) customers=$2; shift 2 ;;
        --changed-every) every=$2; shift 2 ;;
        *) usage ;;
    esac
done
case "$every" in ''|*[!0-9]*|0) usage ;; esac

cmake --build "$build" -j2 --target merit merit_bench_gen >/dev/null
bin="$build/stage/bin"
rm -rf "$work"
mkdir -p "$work"
ws="$work/bench.merit"
data="$work/data"

# sizes LABEL: the workspace's bytes by group (after a checkpoint, so the
# WAL is in the file), one line each, and the groups as key=value in
# $work/LABEL.sizes for the differences below.
sizes() {
    sqlite3 "$ws" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
    sqlite3 -separator ' ' "$ws" "
        WITH t AS (SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name),
        g AS (SELECT CASE
                WHEN name LIKE '%\_history%' ESCAPE '\\' THEN 'history'
                WHEN name IN ('data_versions', 'data_version_counts') THEN 'versions'
                WHEN name LIKE 'sqlite_autoindex_%' OR name IN (SELECT name FROM sqlite_schema WHERE type = 'index')
                  THEN (SELECT CASE WHEN tbl_name LIKE '%\_history' ESCAPE '\\' THEN 'history' ELSE 'inputs' END
                        FROM sqlite_schema s WHERE s.name = t.name)
                WHEN name LIKE 'run%' THEN 'runs'
                ELSE 'inputs' END AS grp, bytes FROM t)
        SELECT grp, sum(bytes) FROM g GROUP BY grp ORDER BY grp;" >"$work/$1.sizes"
    echo "  $1: file $(stat -c %s "$ws") bytes"
    awk '{ printf "    %-9s %12d bytes (%.1f MB)\n", $1, $2, $2 / 1048576 }' "$work/$1.sizes"
}
group() { awk -v g="$2" '$1 == g { print $2 }' "$work/$1.sizes" | grep . || echo 0; }

echo "== generating $managers managers, $customers customers in $data"
"$bin/merit_bench_gen" --out "$data" --managers "$managers" --customers "$customers" >/dev/null
"$bin/merit" init "$ws"
echo "== first import (every row a new row; nothing in history yet)"
"$bin/merit" import "$ws" --dir "$data" >/dev/null
rows=$(sqlite3 "$ws" "SELECT (SELECT count(*) FROM facts) + (SELECT count(*) FROM events)")
sizes imported
echo "  facts and events: $rows rows"

echo "== correction 1: facts.csv again with one value in $every changed"
awk -F, -v OFS=, -v every="$every" 'NR > 1 && (NR - 1) % every == 0 { $NF = sprintf("%.2f", $NF + 1) } { print }' \
    "$data/facts.csv" >"$work/facts.csv"
changed=$(awk -v every="$every" 'END { print int((NR - 1) / every) }' "$data/facts.csv")
"$bin/merit" import "$ws" "$work/facts.csv" | sed 's/^/  /'
sizes corrected
added=$(($(group corrected history) - $(group imported history)))
echo "  history grew by $added bytes for $changed changed rows: $((added / (changed > 0 ? changed : 1))) bytes per row"

echo "== correction 2: events of 2026-Q3 with one row in $every withdrawn (--replace-period)"
awk -F, -v every="$every" 'NR == 1 { print; next } { n++ } !(n % every == 0 && $0 ~ /2026-0[789]-/) { print }' \
    "$data/events.csv" >"$work/events.csv"
withdrawn=$(($(wc -l <"$data/events.csv") - $(wc -l <"$work/events.csv")))
"$bin/merit" import "$ws" "$work/events.csv" --replace-period 2026-Q3 | sed 's/^/  /'
sizes withdrawn
added=$(($(group withdrawn history) - $(group corrected history)))
echo "  history grew by $added bytes for $withdrawn withdrawn rows: $((added / (withdrawn > 0 ? withdrawn : 1))) bytes per row"
