#!/usr/bin/python3
"""Text that tries formula or HTML injection, imported through `merit import`,
run and reported: in the XLSX every such cell is a string cell (never a
formula), in the HTML it is escaped, and in the CSV it is one RFC 4180 field
that reads back exactly. Usage: check_hostile_text.py MERIT SOURCE_DIR WORK_DIR"""
import csv
import html
import os
import shutil
import subprocess
import sys
import zipfile

import openpyxl

merit, source, work = sys.argv[1], sys.argv[2], sys.argv[3]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
ws = os.path.join(work, "ws.merit")
samples = os.path.join(source, "config", "samples", "telecom")
failures = []

HOSTILE = {
    "TL01": "=cmd|' /C calc'!A0",
    "TL02": "+1+1",
    "TL03": "-1+1",
    "TL04": "@SUM(1+1)",
}
UNIT = '<script>alert("x")</script> & 城东'


def check(condition, message):
    if not condition:
        failures.append(message)


def run(*args):
    result = subprocess.run([merit, *args], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"merit {' '.join(args)} failed ({result.returncode}): {result.stderr.strip()}")
    return result.stdout


def rewrite(name, change):
    with open(os.path.join(samples, name), encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    for row in rows[1:]:
        change(row)
    path = os.path.join(work, name)
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    return path


def hostile_name(row):
    row[1] = HOSTILE.get(row[0], row[1])


def hostile_unit(row):
    if row[0] == "TL-E":
        row[1] = UNIT


run("init", ws)
run("import", ws, "--dir", samples)
run("import", ws, rewrite("managers.csv", hostile_name), rewrite("org_units.csv", hostile_unit))
run("run", ws, "--scheme", os.path.join(source, "config", "telecom.scheme.json"), "--period", "2026-Q2")

# XLSX: the exact text, as string cells, and no formula anywhere.
xlsx = os.path.join(work, "r.xlsx")
run("report", ws, "--run", "1", "--format", "xlsx", "--out", xlsx)
book = openpyxl.load_workbook(xlsx)
found = {}
for sheet in book.worksheets:
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value in HOSTILE.values() or cell.value == UNIT:
                found[cell.value] = found.get(cell.value, 0) + 1
                check(cell.data_type == "s", f"{sheet.title}!{cell.coordinate} {cell.value!r} is {cell.data_type}")
for text in [*HOSTILE.values(), UNIT]:
    check(found.get(text, 0) > 0, f"{text!r} not found in the workbook")
with zipfile.ZipFile(xlsx) as z:
    for name in z.namelist():
        if name.startswith("xl/worksheets/"):
            check("<f>" not in z.read(name).decode("utf-8"), f"{name} holds a formula")

# HTML: no live markup from the data; the text reads back after unescaping.
out = os.path.join(work, "r.html")
run("report", ws, "--run", "1", "--format", "html", "--out", out)
with open(out, encoding="utf-8") as f:
    page = f.read()
check('<script>alert("x")' not in page and "<script>alert(" not in page, "the unit name is live markup")
check("&lt;script&gt;" in page, "the unit name is not escaped")
plain = html.unescape(page)
for text in [*HOSTILE.values(), UNIT]:
    check(text in plain, f"{text!r} missing from the HTML")

# CSV: each value is one field and reads back exactly (it is data, not a sheet).
csv_path = os.path.join(work, "r.csv")
run("report", ws, "--run", "1", "--format", "csv", "--out", csv_path)
with open(csv_path, encoding="utf-8", newline="") as f:
    rows = list(csv.reader(f))
header = rows[0]
check(all(len(r) == len(header) for r in rows), "a CSV row has the wrong number of fields")
names = {r[header.index("manager_id")]: r[header.index("manager")] for r in rows[1:]}
units = {r[header.index("org_unit")] for r in rows[1:]}
for manager, text in HOSTILE.items():
    check(names.get(manager) == text, f"CSV name of {manager}: {names.get(manager)!r}")
check(UNIT in units, "CSV org unit name")

if failures:
    print("\n".join(failures))
    sys.exit(1)
print(f"hostile text: {sum(found.values())} string cells in the XLSX, escaped HTML, exact CSV fields")
