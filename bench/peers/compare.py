#!/usr/bin/env python3
"""Checks the peers' indicators against Merit's stored run, value by value.

    compare.py WORKSPACE PEER=FILE.csv [PEER=FILE.csv ...]

Each FILE.csv has a manager_id column and one column per indicator id (empty
= no value), as bench/peers/duckdb.mjs and pandas_indicators.py write them.
Against the newest run in WORKSPACE (run_indicators): every manager of the
run and every indicator of the file must be present on both sides, NULL only
with NULL, and equal within 0.01 yuan for amounts in yuan, within 1e-6 x
max(1, |a|, |b|) for ratios, counts and means (sums added in another order).
Prints one line per peer and up to 3 examples per indicator; exit status 1
on any mismatch. Standard library only (no pandas needed to check pandas).
"""
import csv
import sqlite3
import sys

YUAN = {"deposit_avg_increment", "deposit_point_increment", "intermediate_income", "virtual_profit"}


def merit_values(workspace, indicators):
    db = sqlite3.connect(f"file:{workspace}?mode=ro", uri=True)
    run = db.execute("SELECT MAX(id) FROM runs").fetchone()[0]
    if run is None:
        sys.exit(f"compare.py: {workspace}: no run")
    marks = ",".join("?" * len(indicators))
    values = {}
    for manager, indicator, value in db.execute(
            f"SELECT manager_id, indicator, value FROM run_indicators WHERE run_id = ? AND indicator IN ({marks})",
            [run, *indicators]):
        values[(manager, indicator)] = value
    managers = {m for (m,) in db.execute("SELECT manager_id FROM run_managers WHERE run_id = ?", [run])}
    return run, managers, values


def peer_values(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    if not rows:
        sys.exit(f"compare.py: {path}: no rows")
    indicators = [c for c in rows[0] if c != "manager_id"]
    values = {}
    for line, row in enumerate(rows, start=2):
        for indicator in indicators:
            cell = row[indicator]
            try:
                values[(row["manager_id"], indicator)] = None if cell in ("", "NA", "NaN", "nan") else float(cell)
            except ValueError:
                sys.exit(f"compare.py: {path}:{line}: {indicator}: not a number: {cell!r}")
    return {row["manager_id"] for row in rows}, indicators, values


def agree(indicator, a, b):
    if a is None or b is None:
        return a is None and b is None
    if indicator in YUAN:
        return abs(a - b) <= 0.01
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def main():
    if len(sys.argv) < 3 or any("=" not in arg for arg in sys.argv[2:]):
        sys.exit(__doc__)
    workspace = sys.argv[1]
    failed = False
    for arg in sys.argv[2:]:
        peer, path = arg.split("=", 1)
        managers, indicators, theirs = peer_values(path)
        run, merit_managers, ours = merit_values(workspace, indicators)
        compared = 0
        bad = {}
        for manager in sorted(merit_managers | managers):
            for indicator in indicators:
                key = (manager, indicator)
                compared += 1
                if key not in ours or key not in theirs or not agree(indicator, ours[key], theirs[key]):
                    bad.setdefault(indicator, []).append((manager, ours.get(key, "missing"), theirs.get(key, "missing")))
        mismatches = sum(len(v) for v in bad.values())
        print(f"{peer}: {compared} values ({len(merit_managers)} managers x {len(indicators)} indicators) "
              f"against Merit's run {run}: {mismatches} mismatches")
        for indicator, examples in sorted(bad.items()):
            shown = "; ".join(f"{m} merit {a} {peer} {b}" for m, a, b in examples[:3])
            print(f"  {indicator}: {len(examples)} differ, e.g. {shown}")
        failed = failed or mismatches > 0
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
