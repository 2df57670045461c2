#!/usr/bin/env python3
"""Deterministic generator of the fuel wholesale (成品油批发) sample.

A provincial wholesale branch with four regional markets, 22 customer
managers, 521 wholesale customers of five types and 24 months (2024-01 ..
2025-12) of sales, tasks, training, daily reports and audit findings. The
yearly volumes are set per manager so that the grading runs for 2025 and
2026 show the cases the plugin must handle; see README.md. Re-running it
rewrites the same bytes: `python3 generate.py` in this folder.
"""
import csv
import datetime as dt
import os
import random

OUT = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(20251231)

REGIONS = [("FU-NJ", "南京区域市场"), ("FU-SZ", "苏州区域市场"), ("FU-XZ", "徐州区域市场"), ("FU-NT", "南通区域市场")]
TYPES = ["社会加油站", "工矿企业", "交通物流", "农林渔业", "建筑施工"]
TYPE_WEIGHTS = [40, 20, 20, 10, 10]
MONTHS = [(y, m) for y in (2024, 2025) for m in range(1, 13)]
# Winter heating and the autumn harvest lift demand a little.
SEASON = [1.05, 0.85, 0.95, 1.0, 1.0, 1.0, 0.95, 0.95, 1.05, 1.05, 1.05, 1.1]

# Official public holidays falling on weekdays, and the weekend make-up workdays.
HOLIDAYS = [
    "2024-01-01", "2024-02-12", "2024-02-13", "2024-02-14", "2024-02-15", "2024-02-16", "2024-04-04",
    "2024-04-05", "2024-05-01", "2024-05-02", "2024-05-03", "2024-06-10", "2024-09-16", "2024-09-17",
    "2024-10-01", "2024-10-02", "2024-10-03", "2024-10-04", "2024-10-07",
    "2025-01-01", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31", "2025-02-03", "2025-02-04",
    "2025-04-04", "2025-05-01", "2025-05-02", "2025-05-05", "2025-06-02", "2025-10-01", "2025-10-02",
    "2025-10-03", "2025-10-06", "2025-10-07", "2025-10-08",
]
MAKEUP_DAYS = [
    "2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11", "2024-09-14", "2024-09-29",
    "2024-10-12", "2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11",
]

# id, name, region, grade held when the data begins, hired_on, status,
# tonnes sold in 2024 and 2025, customers.  Standards: 高级 ≥ 12000 t,
# 中级 ≥ 8000 t, 初级 ≥ 5000 t a year.
MANAGERS = [
    ("FU01", "王建华", "FU-NJ", "中级", "2016-09-10", "active", 10000, 10400, 24),  # the explained manager
    ("FU02", "李明远", "FU-NJ", "初级", "2019-04-01", "active", 8800, 9100, 25),    # promoted by the 2025 grading
    ("FU03", "张海峰", "FU-NJ", "高级", "2012-03-15", "active", 10500, 11000, 25),  # demoted by the 2025 grading
    ("FU04", "赵志强", "FU-NJ", "初级", "2020-06-01", "active", 4200, 4500, 25),    # below 初级 twice: transfer
    ("FU05", "陈立新", "FU-SZ", "中级", "2015-08-01", "active", 11000, 13200, 25),  # promoted by the 2026 grading
    ("FU06", "刘晓东", "FU-SZ", "中级", "2017-02-20", "active", 8600, 7200, 25),    # demoted by the 2026 grading
    ("FU07", "杨光辉", "FU-SZ", "高级", "2010-05-10", "active", 14200, 14800, 25),
    ("FU08", "黄振宇", "FU-SZ", "高级", "2011-09-01", "active", 13100, 13600, 25),
    ("FU09", "周子健", "FU-XZ", "高级", "2009-07-01", "active", 15000, 14300, 25),
    ("FU10", "吴春雷", "FU-XZ", "中级", "2014-11-03", "active", 9300, 9800, 25),
    ("FU11", "徐文博", "FU-XZ", "中级", "2016-03-01", "active", 10200, 9700, 25),
    ("FU12", "孙国庆", "FU-XZ", "中级", "2013-10-08", "active", 9000, 9600, 25),
    ("FU13", "马俊杰", "FU-NT", "中级", "2018-01-15", "active", 8900, 9400, 25),
    ("FU14", "朱永康", "FU-NT", "中级", "2015-06-18", "active", 11200, 10800, 25),
    ("FU15", "胡家豪", "FU-NT", "初级", "2021-03-01", "active", 6200, 6900, 25),
    ("FU16", "郭子轩", "FU-NT", "初级", "2021-08-16", "active", 5900, 6400, 25),
    ("FU17", "何宇航", "FU-NJ", "初级", "2022-02-14", "active", 6600, 7100, 25),
    ("FU18", "高思远", "FU-SZ", "初级", "2022-07-01", "active", 5800, 6300, 25),
    ("FU19", "林浩然", "FU-XZ", "初级", "2023-03-06", "active", 6100, 7400, 25),
    ("FU20", "罗一鸣", "FU-NT", "初级", "2023-05-22", "active", 6800, 7300, 25),
    ("FU21", "郑可欣", "FU-SZ", "见习", "2025-07-14", "active", 0, 2100, 14),       # hired mid-2025, passed 2025-10-21
    ("FU22", "梁思琪", "FU-NJ", "见习", "2025-11-10", "probation", 0, 320, 8),      # still in probation
]
PASSES = {"FU21": "2025-10-21"}

# FU01's June 2025, fixed so that its explanation can be worked by hand
# (README.md, tests/fuel): tonnes per customer in customer order by type.
FU01_JUNE_2025 = {
    "社会加油站": [60, 55, 50, 45, 70, 40, 65, 35, 50, 50],  # 520 t
    "工矿企业": [50, 40, 30, 45, 35, 40],                    # 240 t
    "交通物流": [30, 25, 25, 20],                            # 100 t
    "农林渔业": [10, 8, 7, 5],                               # 30 t
}
FU01_TYPES = ["社会加油站"] * 10 + ["工矿企业"] * 6 + ["交通物流"] * 4 + ["农林渔业"] * 4
FU01_JUNE_TASK = 800
FU01_JUNE_REPORT_MISSED = "2025-06-18"  # 19 of 20 working days reported
FU01_TRAINING = [("2025-04-15", 2, "成品油质量标准"), ("2025-05-20", 1, "反洗钱与合规"), ("2025-06-12", 3, "直销业务流程")]
FU01_JUNE_AUDIT = ("audit_sales_document", "2025-06-24", "销售单据客户签字缺失")


def month_end(y, m):
    nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def working_days(y, m):
    holidays, extra = set(HOLIDAYS), set(MAKEUP_DAYS)
    d = dt.date(y, m, 1)
    while d.month == m:
        s = d.isoformat()
        if s in extra or (d.weekday() < 5 and s not in holidays):
            yield d
        d += dt.timedelta(days=1)


def write(name, header, rows):
    with open(os.path.join(OUT, name), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def main():
    org = [("FU-JS", "江苏成品油批发分公司", "", "branch")] + [(rid, name, "FU-JS", "district") for rid, name in REGIONS]
    managers, customers, assignments, facts, events, targets = [], [], [], [], [], []
    region_name = dict(REGIONS)
    serial = 0
    for mid, name, region, grade, hired, status, v2024, v2025, count in MANAGERS:
        managers.append((mid, name, region, "customer_manager", grade, hired, status))
        hired_day = dt.date.fromisoformat(hired)
        types = FU01_TYPES if mid == "FU01" else rng.choices(TYPES, TYPE_WEIGHTS, k=count)
        book = []
        for t in types:
            serial += 1
            cid = f"FUC{serial:04d}"
            customers.append((cid, f"{region_name[region][:2]}{t}客户{serial:04d}", t, region))
            since = hired if hired_day > dt.date(2024, 1, 1) else ""
            assignments.append((cid, mid, 1, "owner", since))
            book.append((cid, t, rng.uniform(0.5, 1.5)))
        weight_total = sum(w for _, _, w in book)
        for y, m in MONTHS:
            annual = v2024 if y == 2024 else v2025
            last = month_end(y, m)
            if annual == 0 or last < hired_day:
                continue
            # Months served this year share the year's volume by season.
            served = [mm for mm in range(1, 13) if month_end(y, mm) >= hired_day]
            share = SEASON[m - 1] / sum(SEASON[mm - 1] for mm in served)
            month_tonnes = annual * share
            plan = month_tonnes * rng.uniform(0.92, 1.12)
            task = FU01_JUNE_TASK if (mid, y, m) == ("FU01", 2025, 6) else round(plan / 10) * 10
            targets.append((mid, "fuel_sales_t", f"{y}-{m:02d}", task))
            fixed = FU01_JUNE_2025 if (mid, y, m) == ("FU01", 2025, 6) else None
            position = {t: 0 for t in TYPES}
            for cid, t, w in book:
                if fixed:
                    value = fixed[t][position[t]]
                    position[t] += 1
                else:
                    value = round(month_tonnes * w / weight_total * rng.uniform(0.85, 1.15), 3)
                facts.append(("customer", cid, "fuel_sales_t", last.isoformat(), value))
            # Daily reports: about 95% of working days from the hire day.
            for d in working_days(y, m):
                if d < hired_day:
                    continue
                missed = d.isoformat() == FU01_JUNE_REPORT_MISSED if mid == "FU01" and (y, m) == (2025, 6) else (
                    rng.random() < (0.2 if mid == "FU04" else 0.05))
                if not missed:
                    events.append((mid, "daily_report", d.isoformat(), 1, "", ""))
            # Training (积分) and audit findings, except where FU01 is fixed by hand.
            if mid == "FU01" and (y, m) in ((2025, 4), (2025, 5), (2025, 6)):
                continue
            if rng.random() < 0.6:
                day = dt.date(y, m, rng.randint(3, 26)).isoformat()
                events.append((mid, "training", day, rng.choice([1, 2, 2, 3, 4]), "业务培训", ""))
            for kind, p in (("audit_sales_document", 0.12), ("audit_customer_stock", 0.06), ("audit_fund_flow", 0.03)):
                if rng.random() < (p * 3 if mid == "FU04" else p):
                    day = dt.date(y, m, rng.randint(2, 27)).isoformat()
                    events.append((mid, kind, day, 1, "定期检查发现", ""))
    # Annual tasks (年度销售任务) of the years the sample grades, set at the start of the
    # year: 2025's = its monthly tasks; 2026's = 2025's tonnes + 5%, rounded to 10 t.
    for mid, *_rest in MANAGERS:
        monthly_2025 = [t[3] for t in targets if t[0] == mid and t[2].startswith("2025-")]
        v2025 = _rest[6]
        targets.append((mid, "fuel_sales_t", "2025", sum(monthly_2025)))
        targets.append((mid, "fuel_sales_t", "2026", round(v2025 * 1.05 / 10) * 10))
    for day, points, course in FU01_TRAINING:
        events.append(("FU01", "training", day, points, course, ""))
    kind, day, note = FU01_JUNE_AUDIT
    events.append(("FU01", kind, day, 1, note, ""))
    for mid, day in PASSES.items():
        events.append((mid, "probation_pass", day, 1, "业务运作部认定合格", ""))

    events.sort()
    write("org_units.csv", ["id", "name", "parent_id", "kind"], org)
    write("managers.csv", ["id", "name", "org_unit_id", "role", "grade", "hired_on", "status"], managers)
    write("customers.csv", ["id", "name", "segment", "org_unit_id"], customers)
    write("assignments.csv", ["customer_id", "manager_id", "share", "role", "valid_from"], assignments)
    write("metrics.csv", ["metric", "kind", "unit", "description"],
          [("fuel_sales_t", "flow", "吨", "成品油批发销量（吨），按客户按月记账")])
    write("facts.csv", ["entity", "entity_id", "metric", "date", "value"], facts)
    write("events.csv", ["manager_id", "kind", "date", "quantity", "note", "amount"], events)
    write("targets.csv", ["manager_id", "indicator", "period", "value"], targets)


if __name__ == "__main__":
    main()
