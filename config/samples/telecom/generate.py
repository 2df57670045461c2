#!/usr/bin/env python3
"""Deterministic generator of the telecom big-customer (政企大客户) sample.

A city branch with three districts, 15 big-customer managers (plus three
district supervisors who rate but are not evaluated), 300 enterprise
customers and nine months of data (2025-10 .. 2026-06): monthly revenue,
new lines and ICT project revenue per customer, month-end arrears, visits,
complaints and discipline events, quarterly targets and 360° ratings for
2026-Q1 and 2026-Q2. 2025-Q4 is there so that Q1 has a base for growth.

A few managers are set up to show the rules of config/telecom.scheme.json:
TL05 has a compliance violation in 2026-Q2 (veto: rating at most 合格),
TL08 has a bad debt written off in 2026-Q2 (clawback of deferred bonus),
TL11 is a strong 初级 manager both quarters (promotion after two), TL15 a
weak 初级 on probation both quarters (flagged for transfer), TL12 leaks
customer data in 2026-Q2 (dismissal decision). Re-running it rewrites the
same bytes: `python3 generate.py` in this folder.
"""
import csv
import datetime as dt
import os
import random

OUT = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(20260630)

UNITS = [("TL", "滨江市分公司政企客户部", "", "branch"),
         ("TL-E", "城东片区", "TL", "district"),
         ("TL-W", "城西片区", "TL", "district"),
         ("TL-H", "高新片区", "TL", "district")]

# id, name, district, grade, hired_on, status, performance factor (Q1, Q2)
MANAGERS = [
    ("TL01", "周海涛", "TL-E", "中级", "2017-03-01", "active", (1.02, 1.08)),
    ("TL02", "吴晓燕", "TL-E", "高级", "2011-07-15", "active", (1.10, 1.12)),
    ("TL03", "郑国强", "TL-E", "初级", "2021-09-01", "active", (0.92, 0.95)),
    ("TL04", "王丽娟", "TL-E", "中级", "2016-05-20", "active", (0.98, 0.90)),
    ("TL05", "冯建军", "TL-E", "高级", "2010-02-01", "active", (1.05, 1.15)),
    ("TL06", "陈静怡", "TL-W", "中级", "2018-04-10", "active", (0.88, 0.93)),
    ("TL07", "褚志明", "TL-W", "初级", "2022-03-01", "active", (0.85, 0.80)),
    ("TL08", "卫东升", "TL-W", "高级", "2009-11-01", "active", (1.08, 1.04)),
    ("TL09", "蒋雪梅", "TL-W", "中级", "2015-06-18", "active", (1.00, 1.03)),
    ("TL10", "沈宏伟", "TL-W", "初级", "2023-02-15", "active", (0.95, 1.01)),
    ("TL11", "韩思远", "TL-H", "初级", "2022-07-01", "active", (1.18, 1.20)),
    ("TL12", "杨俊杰", "TL-H", "中级", "2016-10-08", "active", (0.97, 0.99)),
    ("TL13", "朱慧敏", "TL-H", "高级", "2012-01-09", "active", (1.01, 0.97)),
    ("TL14", "秦子豪", "TL-H", "中级", "2019-08-26", "active", (1.06, 1.09)),
    ("TL15", "尤佳琪", "TL-H", "初级", "2025-11-03", "probation", (0.62, 0.58)),
]
SUPERVISORS = [("TLS1", "许文博", "TL-E"), ("TLS2", "何雅琴", "TL-W"), ("TLS3", "吕振华", "TL-H")]
CUSTOMERS_PER_MANAGER = 20
SEGMENTS = ["key_account", "government", "sme"]
SEGMENT_WEIGHTS = [25, 15, 60]
MONTHS = [(2025, 10), (2025, 11), (2025, 12), (2026, 1), (2026, 2), (2026, 3), (2026, 4), (2026, 5), (2026, 6)]
QUARTERS = {"2026-Q1": [(2026, 1), (2026, 2), (2026, 3)], "2026-Q2": [(2026, 4), (2026, 5), (2026, 6)]}


def month_factor(manager, year, month):
    if year == 2025:
        return 1.0
    return manager[6][0] if month <= 3 else manager[6][1]


def write(name, header, rows):
    with open(os.path.join(OUT, name), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def money(x):
    return f"{x:.2f}"


def day(year, month, d):
    return dt.date(year, month, d).isoformat()


def last_day(year, month):
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return (nxt - dt.timedelta(days=1)).isoformat()


def main():
    write("org_units.csv", ["id", "name", "parent_id", "kind"], UNITS)
    write("managers.csv", ["id", "name", "org_unit_id", "role", "grade", "hired_on", "status"],
          [(m[0], m[1], m[2], "customer_manager", m[3], m[4], m[5]) for m in MANAGERS] +
          [(s[0], s[1], s[2], "market_manager", "", "2010-01-01", "active") for s in SUPERVISORS])
    write("metrics.csv", ["metric", "kind", "unit", "description"], [
        ("revenue", "flow", "yuan", "通信业务收入(月度,按客户)"),
        ("new_lines", "flow", "lines", "新增入网号码/专线数"),
        ("ict_revenue", "flow", "yuan", "ICT项目收入(云、专网、信息化)"),
        ("arrears", "stock", "yuan", "月末欠费余额"),
    ])

    customers, assignments, owner_of = [], [], {}
    n = 0
    for m in MANAGERS:
        for _ in range(CUSTOMERS_PER_MANAGER):
            n += 1
            cid = f"E{n:04d}"
            segment = rng.choices(SEGMENTS, SEGMENT_WEIGHTS)[0]
            customers.append((cid, f"政企客户{n:04d}", segment, m[2]))
            owner_of[cid] = m
    # One customer in ten is shared with a colleague of the same district (联动营销, 70/30).
    by_unit = {}
    for m in MANAGERS:
        by_unit.setdefault(m[2], []).append(m)
    for cid, _, _, unit in customers:
        owner = owner_of[cid]
        if rng.random() < 0.1:
            partner = rng.choice([x for x in by_unit[unit] if x[0] != owner[0]])
            assignments.append((cid, owner[0], "0.7", "owner", "2025-01-01", ""))
            assignments.append((cid, partner[0], "0.3", "co_owner", "2025-01-01", ""))
        else:
            assignments.append((cid, owner[0], "1", "owner", "2025-01-01", ""))
    write("customers.csv", ["id", "name", "segment", "org_unit_id"], customers)
    write("assignments.csv", ["customer_id", "manager_id", "share", "role", "valid_from", "valid_to"], assignments)

    facts, base_revenue = [], {}
    size = {"key_account": 18000, "government": 12000, "sme": 3500}
    for cid, _, segment, _ in customers:
        m = owner_of[cid]
        base = size[segment] * rng.uniform(0.6, 1.4)
        base_revenue[cid] = base
        has_arrears = rng.random() < 0.15
        for (y, mo) in MONTHS:
            f = month_factor(m, y, mo)
            facts.append(("customer", cid, "revenue", day(y, mo, 25), money(base * f * rng.uniform(0.9, 1.1))))
            lines = int(rng.random() < 0.35 * f) * rng.randint(1, 4 if segment != "sme" else 2)
            if lines:
                facts.append(("customer", cid, "new_lines", day(y, mo, 20), str(lines)))
            if segment != "sme" and rng.random() < 0.12 * f:
                facts.append(("customer", cid, "ict_revenue", day(y, mo, 28), money(rng.uniform(20000, 90000) * f)))
            if has_arrears:
                owed = base * rng.uniform(0.0, 0.8) if rng.random() < 0.6 else 0.0
                facts.append(("customer", cid, "arrears", last_day(y, mo), money(owed)))
    write("facts.csv", ["entity", "entity_id", "metric", "date", "value"], facts)

    targets, events, ratings = [], [], []
    for m in MANAGERS:
        mine = [cid for cid in owner_of if owner_of[cid][0] == m[0]]
        quarterly_base = sum(base_revenue[c] for c in mine) * 3
        for q in QUARTERS:
            # The task is last year's run-rate plus 5%, rounded to the thousand.
            targets.append((m[0], "revenue", q, f"{round(quarterly_base * 1.05, -3):.0f}"))
            targets.append((m[0], "new_lines", q, str(18 if m[3] == "初级" else 24)))
            targets.append((m[0], "visits", q, str(36 if m[3] == "初级" else 30)))
    write("targets.csv", ["manager_id", "indicator", "period", "value"], targets)

    for m in MANAGERS:
        mine = [cid for cid in owner_of if owner_of[cid][0] == m[0]]
        for qi, (q, months) in enumerate(QUARTERS.items()):
            f = m[6][qi]
            visits = int(round(32 * f + rng.uniform(-3, 3)))
            dates = sorted(day(y, mo, rng.randint(1, 28)) for (y, mo) in [rng.choice(months) for _ in range(visits)])
            for k, d in enumerate(dates):
                # `ref` tells apart two visits on one day (the note is free text).
                events.append((m[0], "visit", d, "", "", f"{mine[k % len(mine)]}#{k + 1}", f"{q}-{k + 1}"))
            if rng.random() < max(0.0, 1.1 - f):
                events.append((m[0], "complaint", day(months[1][0], months[1][1], 12), "", "", "有效投诉", ""))
            for k in range(rng.choice([0, 0, 0, 1, 2])):
                events.append((m[0], "meeting_late", day(months[k][0], months[k][1], 6 + k), "", "", "晨会迟到", ""))
            if rng.random() < 0.25:
                events.append((m[0], "report_late", day(months[2][0], months[2][1], 3), "", "", "周报迟交", ""))
            lost = rng.choice([0, 0, 1, 1, 2]) if f >= 0.9 else rng.choice([1, 2, 3])
            for k in range(lost):
                events.append((m[0], "customer_lost", day(months[2][0], months[2][1], 10 + k), "", "",
                               mine[-1 - k], ""))
            # 360°: the district supervisor, two peers, three customers; item "overall".
            sup = [s for s in SUPERVISORS if s[2] == m[2]][0]
            centre = 70 + 20 * min(f, 1.2) - 8
            ratings.append((m[0], q, "supervisor", "overall", f"{min(100, centre + rng.uniform(-4, 4)):.0f}", sup[0]))
            peers = [x for x in by_unit[m[2]] if x[0] != m[0]][:2]
            for p in peers:
                ratings.append((m[0], q, "peer", "overall", f"{min(100, centre + rng.uniform(-6, 6)):.0f}", p[0]))
            if m[0] != "TL15":  # too new to have customer ratings: the 360° weights renormalise
                for c in rng.sample(mine, 3):
                    ratings.append((m[0], q, "customer", "overall", f"{min(100, centre + rng.uniform(-8, 8)):.0f}", c))
    # The designed cases of the docstring.
    events.append(("TL05", "violation", "2026-05-14", "1", "", "违规承诺资费", ""))
    events.append(("TL08", "bad_debt", "2026-06-18", "1", "86000", "E0149 欠费核销", ""))
    events.append(("TL12", "data_leak", "2026-04-22", "1", "", "外泄客户清单", ""))
    events.append(("TL07", "badge_missing", "2026-02-11", "2", "", "营销未佩戴工牌", ""))
    events.sort(key=lambda e: (e[0], e[1], e[2], e[5]))
    write("events.csv", ["manager_id", "kind", "date", "quantity", "amount", "note", "ref"], events)
    ratings.sort()
    write("ratings.csv", ["manager_id", "period", "rater_role", "item", "score", "rater_id"], ratings)


if __name__ == "__main__":
    main()
