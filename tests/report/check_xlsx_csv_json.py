#!/usr/bin/python3
"""`merit report` end to end: build a workspace holding the run of
fixture_run.sql, write the XLSX, CSV and JSON reports with the real `merit`
binary, read them back (the XLSX with openpyxl) and compare every figure with
the stored run. Usage: check_xlsx_csv_json.py MERIT FIXTURE_SQL WORK_DIR"""
import csv
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import zipfile

import openpyxl

merit, fixture, work = sys.argv[1], sys.argv[2], sys.argv[3]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
ws = os.path.join(work, "ws.merit")
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def run(*args):
    result = subprocess.run([merit, *args], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"merit {' '.join(args)} failed ({result.returncode}): {result.stderr.strip()}")
    return result.stdout


run("init", ws)
with sqlite3.connect(ws) as db, open(fixture, encoding="utf-8") as sql:
    db.executescript(sql.read())

# The stored run, straight from the tables: what every report must show.
db = sqlite3.connect(ws)
stored = {r[0]: r for r in db.execute(
    "SELECT manager_id, name, total, rating, rank, pay_fen, base_total FROM run_managers WHERE run_id = 1")}
stored_pay = {(r[0], r[1]): r[2] for r in db.execute(
    "SELECT manager_id, reward, amount_fen FROM run_pay WHERE run_id = 1")}
stored_ind = {(r[0], r[1]): r[2:] for r in db.execute(
    "SELECT manager_id, indicator, value, target, score, weight, contribution FROM run_indicators "
    "WHERE run_id = 1 AND kind = 'indicator'")}
stored_dims = {(r[0], r[1]): r[2] for r in db.execute(
    "SELECT manager_id, name, score FROM run_dimensions WHERE run_id = 1")}
db.close()

# --- XLSX ---
xlsx = os.path.join(work, "report.xlsx")
run("report", ws, "--run", "1", "--format", "xlsx", "--out", xlsx)
book = openpyxl.load_workbook(xlsx)
check(book.sheetnames == ["总览", "明细", "方案参数", "运行信息"], f"sheets: {book.sheetnames}")

overview = book["总览"]
header = [c.value for c in overview[1]]
check(overview.freeze_panes == "D2", f"overview frozen at {overview.freeze_panes}")
col = {name: i for i, name in enumerate(header)}
for name in ("排名", "工号", "姓名", "机构", "业绩", "服务", "总分", "评级", "季度奖金 (金额(元))", "存款提成 (金额(元))",
             "薪酬合计(元)"):
    check(name in col, f"overview column {name} missing from {header}")
rows = list(overview.iter_rows(min_row=2, values_only=True))
check(len(rows) == 3, f"overview rows: {len(rows)}")
for row in rows:
    manager = row[col["工号"]]
    s = stored[manager]
    check(row[col["姓名"]] == s[1], f"{manager} name {row[col['姓名']]!r}")
    check(abs(row[col["总分"]] - s[2]) < 1e-9, f"{manager} total {row[col['总分']]} != {s[2]}")
    check(row[col["评级"]] == s[3], f"{manager} rating")
    check(row[col["排名"]] == s[4], f"{manager} rank")
    check(round(row[col["薪酬合计(元)"]] * 100) == s[5], f"{manager} pay {row[col['薪酬合计(元)']]} != {s[5]} fen")
    bonus = row[col["季度奖金 (金额(元))"]]
    check(round(bonus * 100) == stored_pay.get((manager, "bonus"), 0), f"{manager} bonus {bonus}")
    check(abs(row[col["业绩"]] - stored_dims[(manager, "业绩")]) < 1e-9, f"{manager} results score")
# Number formats: yuan with two decimals, scores with two.
pay_cell = overview.cell(row=2, column=col["薪酬合计(元)"] + 1)
check(pay_cell.number_format == "#,##0.00", f"pay format {pay_cell.number_format}")
check(isinstance(pay_cell.value, float) and abs(pay_cell.value - 6234.56) < 1e-9, f"M01 pay {pay_cell.value}")
# Widths fit Chinese text: "城东支行" is 4 characters, 8 columns wide.
unit_width = overview.column_dimensions[openpyxl.utils.get_column_letter(col["机构"] + 1)].width
check(unit_width >= 8, f"org unit column width {unit_width}")

# Formula injection: "=1+2 <王五>" and a basis starting with "=" stay text.
m3 = [r for r in rows if r[col["工号"]] == "M03"][0]
check(m3[col["姓名"]] == "=1+2 <王五>", f"M03 name cell {m3[col['姓名']]!r}")
with zipfile.ZipFile(xlsx) as z:
    for name in z.namelist():
        if name.startswith("xl/worksheets/"):
            check("<f>" not in z.read(name).decode("utf-8"), f"{name} holds a formula")

statements = book["明细"]
check(statements.freeze_panes == "C2", f"statements frozen at {statements.freeze_panes}")
sheader = [c.value for c in statements[1]]
scol = {name: i for i, name in enumerate(sheader)}
found = 0
for row in statements.iter_rows(min_row=2, values_only=True):
    if row[scol["类别"]] != "指标":
        continue
    manager = row[scol["工号"]]
    label = row[scol["项目"]]
    key = {"存款日均增量": "deposit", "贷款投放": "loans", "客户满意度": "satisfaction"}[label]
    value, target, score, weight, contribution = stored_ind[(manager, key)]
    check(row[scol["数值"]] == value, f"{manager} {key} value {row[scol['数值']]} != {value}")
    check(row[scol["目标"]] == target, f"{manager} {key} target")
    check(abs(row[scol["得分"]] - score) < 1e-9, f"{manager} {key} score")
    check(abs(row[scol["权重"]] - weight / 100) < 1e-9, f"{manager} {key} weight {row[scol['权重']]}")
    check(abs(row[scol["贡献"]] - contribution) < 1e-9, f"{manager} {key} contribution")
    if value is not None and target:
        check(abs(row[scol["完成率"]] - value / target) < 1e-9, f"{manager} {key} completion")
    found += 1
check(found == 9, f"indicator lines in statements: {found}")
basis = [r[scol["依据"]] for r in statements.iter_rows(min_row=2, values_only=True) if r[scol["类别"]] == "薪酬"]
check("=存款增量 120 万元 × 10.288 元" in basis, f"pay basis {basis}")
completion_cell = [c for c in statements.iter_rows(min_row=2) if c[scol["项目"]].value == "存款日均增量"][0][
    scol["完成率"]]
check(completion_cell.number_format == "0.0%", f"completion format {completion_cell.number_format}")

# Number formats that show a value as it reads (issue 23: "#,##0.####" shows
# 0 as "0." and 85 as "85."): a whole number gets "#,##0", a fraction
# "#,##0.####", money "#,##0.00" (two decimals, 0 as "0.00").
whole_cells = fraction_cells = 0
for sheet in (statements, book["方案参数"]):
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if not isinstance(cell.value, (int, float)) or isinstance(cell.value, bool):
                continue
            if cell.number_format == "#,##0.####":
                check(round(cell.value, 4) != round(cell.value), f"{sheet.title}!{cell.coordinate} {cell.value} "
                      "is whole but formatted #,##0.#### (shows a trailing point)")
                fraction_cells += 1
            elif cell.number_format == "#,##0":
                check(round(cell.value, 4) == round(cell.value), f"{sheet.title}!{cell.coordinate} {cell.value} "
                      "is a fraction formatted #,##0")
                whole_cells += 1
check(whole_cells > 0 and fraction_cells > 0, f"plain number cells: {whole_cells} whole, {fraction_cells} fractions")
amount_col = scol["金额(元)"] + 1
amounts = [r[amount_col - 1] for r in statements.iter_rows(min_row=2) if r[amount_col - 1].value is not None]
check(amounts and all(c.number_format == "#,##0.00" for c in amounts), "statement amounts not #,##0.00")
check(any(c.value == 0 for c in amounts), "the fixture has a 0 yuan amount (M03's pay)")
zero_params = [c for c in book["方案参数"]["D"] if c.value == 0]
check(all(c.number_format == "#,##0" for c in zero_params), "a 0 parameter does not show as 0")

params = {r[0]: r[3] for r in book["方案参数"].iter_rows(min_row=2, values_only=True)}
check(params.get("dimensions[0].indicators[0].scorer_params.floor") == 0.6, "parameter floor")
check(params.get("rewards[0].params.pool") == 8000, "parameter pool")
meta = {}
for r in book["运行信息"].iter_rows(min_row=2, values_only=True):
    meta.setdefault(r[0], r[1])
check(meta.get("方案哈希", "").startswith("a1b2c3d4"), f"scheme hash {meta.get('方案哈希')}")
check(meta.get("考核期") == "2026-Q1", "period")
check("id=core" in (meta.get("插件") or ""), f"plugins {meta.get('插件')}")

# The same figures as `merit results` (the engine's own reading of the run).
results = json.loads(run("results", ws, "--run", "1", "--format", "json"))
by_id = {r[col["工号"]]: r for r in rows}
for m in results["managers"]:
    row = by_id[m["manager_id"]]
    check(abs(row[col["总分"]] - m["total"]) < 1e-9, f"results total {m['manager_id']}")
    check(row[col["评级"]] == m["rating"] and row[col["排名"]] == m["rank"], f"results rating/rank {m['manager_id']}")
    check(round(row[col["薪酬合计(元)"]] * 100) == m["pay_fen"], f"results pay {m['manager_id']}")
    for line in m["pay"]:
        label = f"{line['label']} (金额(元))"
        check(round(row[col[label]] * 100) == line["amount_fen"], f"results pay line {m['manager_id']} {label}")
statement_scores = {(r[scol["工号"]], r[scol["项目"]]): r[scol["得分"]]
                    for r in statements.iter_rows(min_row=2, values_only=True) if r[scol["类别"]] == "指标"}
names = {"deposit": "存款日均增量", "loans": "贷款投放", "satisfaction": "客户满意度"}
for m in results["managers"]:
    for ind in m["indicators"]:
        if ind["kind"] == "indicator":
            got = statement_scores[(m["manager_id"], names[ind["id"]])]
            check(abs(got - ind["score"]) < 1e-9, f"results score {m['manager_id']} {ind['id']}")

# --- English workbook ---
xlsx_en = os.path.join(work, "report-en.xlsx")
run("report", ws, "--run", "1", "--format", "xlsx", "--out", xlsx_en, "--lang", "en")
check(openpyxl.load_workbook(xlsx_en).sheetnames == ["Overview", "Statements", "Parameters", "Run"], "English sheets")

# --- CSV ---
out_csv = os.path.join(work, "report.csv")
run("report", ws, "--run", "1", "--format", "csv", "--out", out_csv)
with open(out_csv, encoding="utf-8", newline="") as f:
    lines = list(csv.DictReader(f))
check(len(lines) == 48, f"csv rows {len(lines)}")
for line in lines:
    if line["kind"] == "result" and line["item"] == "pay_total":
        check(int(line["amount_fen"]) == stored[line["manager_id"]][5], f"csv pay {line}")
    if line["kind"] == "result" and line["item"] == "total":
        check(float(line["value"]) == stored[line["manager_id"]][2], f"csv total {line}")
    if line["kind"] == "indicator":
        value = stored_ind[(line["manager_id"], line["item"])][0]
        check((line["value"] == "" and value is None) or float(line["value"]) == value, f"csv value {line}")
check(any(l["manager"] == '李四, "Li, Si"' for l in lines), "csv quoting of M02's name")

# --- JSON (stdout when no --out) ---
doc = json.loads(run("report", ws, "--run", "1", "--format", "json"))
pay = {(r["manager_id"], r["reward"]): r["amount_fen"] for r in doc["rows"] if r["kind"] == "pay"}
check(pay == stored_pay, f"json pay {pay} != {stored_pay}")

# --- --out: a file as named; a directory only when asked (trailing '/' or an existing one) ---
def report(*args):
    result = subprocess.run([merit, "report", ws, "--run", "1", *args], capture_output=True, text=True)
    return result.returncode, result.stdout, result.stderr


html_file = os.path.join(work, "r2.html")
status, out, err = report("--format", "html", "--out", html_file)
check(status == 0 and os.path.isfile(html_file), f"--out r2.html: {status} {err}")
check(out == "" and f"wrote {html_file}" in err, f"into a pipe 'wrote' goes to stderr: {out!r} {err!r}")
with open(html_file, encoding="utf-8") as f:
    page = f.read()
check("<style>" in page and "<script>" in page and "<link" not in page and 'src="' not in page,
      "the page does not hold its assets inline")
asked = os.path.join(work, "reports") + "/"
status, _, err = report("--format", "xlsx", "--out", asked)
check(status == 0 and os.path.isfile(os.path.join(asked, "run-1.xlsx")), f"--out reports/: {status} {err}")
check(openpyxl.load_workbook(os.path.join(asked, "run-1.xlsx")).sheetnames[0] == "总览", "reports/run-1.xlsx")
status, _, err = report("--format", "html", "--out", asked)
check(status == 0 and os.path.isfile(os.path.join(asked, "run-1.html")), f"--out reports/ html: {err}")
existing = os.path.join(work, "existing")
os.makedirs(existing)
status, _, err = report("--format", "csv", "--out", existing)
check(status == 0 and os.path.isfile(os.path.join(existing, "run-1.csv")), f"--out existing dir: {err}")
status, _, err = report("--format", "json", "--out", os.path.join(existing, "r.json"))
check(status == 0 and json.load(open(os.path.join(existing, "r.json")))["run"]["id"] == 1, f"--out r.json: {err}")
missing = os.path.join(work, "nowhere", "r.xlsx")
status, _, err = report("--format", "xlsx", "--out", missing)
check(status == 1 and "nowhere: no such directory" in err and not os.path.exists(os.path.dirname(missing)),
      f"--out into a missing directory: {status} {err}")

# --- bad input: unknown run, missing --out ---
bad = subprocess.run([merit, "report", ws, "--run", "7", "--format", "xlsx", "--out", xlsx], capture_output=True,
                     text=True)
check(bad.returncode == 1 and "run 7: no such run" in bad.stderr, f"unknown run: {bad.returncode} {bad.stderr}")
bad = subprocess.run([merit, "report", ws, "--run", "1", "--format", "html"], capture_output=True, text=True)
check(bad.returncode == 2 and "--format html needs --out" in bad.stderr, f"missing --out: {bad.returncode}")

if failures:
    print("\n".join(failures))
    sys.exit(1)
print("xlsx, csv and json match the stored run")
