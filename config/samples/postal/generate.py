#!/usr/bin/env python3
"""Deterministic generator of the postal savings sample (邮政储蓄大客户中心, seed 003).

One big-customer centre under a county branch with 12 customer managers and
about 560 customers; month-end savings balances for 2026-01 .. 2026-07 (the
commission compares this month's balance with the highest earlier month),
discipline events for the fine table of seed 003 in 2026-06 and 2026-07,
monthly balance-growth targets and the supervisor's revisit ratings.

The story (see README.md): PS04 keeps exactly 40 customers with 35 million
yuan, the seed's level-4 example (base 1,200 yuan a month); PS01 reaches a new
high every month and earns the 1‰ commission; PS07 falls below an earlier high
(no commission); PS09 is caught three times doing non-work activity while
marketing (removed from the CM post) and PS11 misses training. Re-running
rewrites the same bytes: `python3 generate.py`.
"""
import csv
import datetime as dt
import os
import random

OUT = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(20260731)

UNITS = [("PB01", "某市邮政储蓄分行", "", "branch"), ("PC01", "大客户中心", "PB01", "center")]
# id, name, customers kept, target total balance at 2026-07 (yuan), monthly trend
MANAGERS = [
    ("PS01", "梁文华", 62, 88_000_000, 0.015),
    ("PS02", "邓丽君", 56, 63_000_000, 0.008),
    ("PS03", "罗志勇", 51, 44_000_000, 0.006),
    ("PS04", "谢晓燕", 40, 35_000_000, 0.004),
    ("PS05", "唐国华", 45, 31_500_000, 0.010),
    ("PS06", "许海峰", 38, 24_000_000, 0.003),
    ("PS07", "蔡春梅", 47, 41_000_000, -0.012),
    ("PS08", "潘建新", 33, 16_500_000, 0.005),
    ("PS09", "彭小龙", 42, 30_500_000, 0.002),
    ("PS10", "鲁红霞", 31, 15_200_000, 0.007),
    ("PS11", "丁一凡", 28, 9_000_000, 0.004),
    ("PS12", "范思琪", 50, 40_500_000, 0.009),
]
MONTHS = [(2026, m) for m in range(1, 8)]


def month_end(y, m):
    return dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)


def write(name, header, rows):
    with open(os.path.join(OUT, name), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


write("org_units.csv", ["id", "name", "parent_id", "kind"], UNITS)
write("managers.csv", ["id", "name", "org_unit_id", "role", "grade", "hired_on", "status"],
      [(m[0], m[1], "PC01", "customer_manager", "", f"20{14 + i % 9}-0{1 + i % 9}-01", "active")
       for i, m in enumerate(MANAGERS)])
write("metrics.csv", ["metric", "kind", "unit", "description"],
      [("deposit", "stock", "yuan", "储蓄存款月末余额")])

customers, assignments, facts, targets = [], [], [], []
n = 0
for mid, name, kept, total, trend in MANAGERS:
    # Customers held in July; the last two of the busiest managers were won in July (new customers).
    weights = [rng.lognormvariate(0, 0.7) for _ in range(kept)]
    scale = total / sum(weights)
    for k in range(kept):
        n += 1
        cid = f"Y{n:04d}"
        new_in_july = mid in ("PS01", "PS05") and k >= kept - 2
        since = dt.date(2026, 7, 8) if new_in_july else dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(900))
        customers.append((cid, f"储户{n:04d}", "big_saver", "PC01"))
        assignments.append((cid, mid, 1, "owner", since.isoformat(), ""))
        final = weights[k] * scale
        for y, m in MONTHS:
            day = month_end(y, m)
            if day < since:
                continue
            months_to_july = 7 - m
            wobble = 1 + rng.uniform(-0.002, 0.002)
            value = final / ((1 + trend) ** months_to_july) * wobble
            if mid == "PS07" and m == 3:
                value *= 1.08  # PS07's high was in March
            facts.append(("customer", cid, "deposit", day.isoformat(), f"{value:.2f}"))
    for y, m in ((2026, 6), (2026, 7)):
        targets.append((mid, "balance_increment", f"{y}-{m:02d}", f"{round(total * 0.006, -3):.2f}"))
# PS04 holds exactly 40 customers worth 35,000,000.00 at 2026-07-31: fix the last customer's July value.
ps04 = [f for f in facts if f[3] == "2026-07-31" and any(a[0] == f[1] and a[1] == "PS04" for a in assignments)]
rest = sum(float(f[4]) for f in ps04[:-1])
facts[facts.index(ps04[-1])] = ps04[-1][:4] + (f"{35_000_000 - rest:.2f}",)
write("customers.csv", ["id", "name", "segment", "org_unit_id"], customers)
write("assignments.csv", ["customer_id", "manager_id", "share", "role", "valid_from", "valid_to"], assignments)
write("facts.csv", ["entity", "entity_id", "metric", "date", "value"], sorted(facts))
write("targets.csv", ["manager_id", "indicator", "period", "value"], targets)

# Discipline events (seed 003 fine table) in June and July.
KINDS = ["meeting_late", "meeting_phone", "log_missing", "summary_late", "revisit_missed", "customer_not_entered",
         "no_badge", "complaint", "training_late"]
events = []
for mid, *_ in MANAGERS:
    for y, m in ((2026, 6), (2026, 7)):
        for k in range(rng.choice([0, 0, 1, 1, 2, 3])):
            kind = rng.choice(KINDS)
            day = dt.date(y, m, rng.randrange(1, 29))
            if day.weekday() >= 5:
                day -= dt.timedelta(days=day.weekday() - 4)
            events.append((mid, kind, day.isoformat(), 1, "", f"{kind}-{m}-{k}"))
for k, day in enumerate(("2026-07-06", "2026-07-15", "2026-07-23")):
    events.append(("PS09", "off_duty_activity", day, 1, "", f"外出营销办私事{k + 1}"))
events.append(("PS11", "training_absent", "2026-07-10", 1, "", "市局理财培训无故缺勤"))
write("events.csv", ["manager_id", "kind", "date", "quantity", "amount", "note"], sorted(set(events)))

ratings = []
for mid, *_ in MANAGERS:
    for period in ("2026-06", "2026-07"):
        ratings.append((mid, period, "supervisor", "revisit", f"{rng.uniform(70, 98):.0f}", "中心主任"))
write("ratings.csv", ["manager_id", "period", "rater_role", "item", "score", "rater_id"], ratings)
print(f"{len(customers)} customers, {len(MANAGERS)} managers, {len(facts)} facts, {len(events)} events")
