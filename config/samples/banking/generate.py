#!/usr/bin/env python3
"""Deterministic generator of the banking sample (商业银行东城分行).

One branch with three sub-branches, 30 customer managers across the 8-level
ladder of seed 001 (资深 … 助理) plus two 见习 trainees, three risk managers
(风险经理) who co-sign the loans of their sub-branch (assignment role "risk"),
1,200 customers (retail, vip, corporate) and nine months of data
(2025-10 .. 2026-06): deposits observed at 旬 starts with gaps (carried
forward), month-end AUM, product holdings, five-tier loan balances that
migrate between classes, loan issuance and interest, fee income by category,
international settlement income, quarterly compliance pass rates, events,
deposit targets and 360° ratings for 2026-Q1 and 2026-Q2. 2025-Q4 is the base
for the first quarter's increments and provisions.

The story (see README.md): CM02 is the star; CM09 would rank near the top but
breaks a compliance rule in 2026-Q2 (veto); CM06's biggest borrower turns
substandard on 2026-05-12, so in the 2026-Q2 run CM06 and the co-signing risk
manager RM02 are both penalised (连带问责) and part of CM06's deferred Q1 bonus
is clawed back. Re-running rewrites the same bytes: `python3 generate.py`.
"""
import csv
import datetime as dt
import os
import random

OUT = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(20260630)

UNITS = [("BR01", "东城分行", "", "branch"),
         ("SB01", "城南支行", "BR01", "sub_branch"),
         ("SB02", "城北支行", "BR01", "sub_branch"),
         ("SB03", "开发区支行", "BR01", "sub_branch")]

# id, name, sub-branch, grade, hired_on, drive (deposit growth per quarter, Q1, Q2), service quality
MANAGERS = [
    ("CM01", "赵建国", "SB01", "资深", "2006-03-01", (0.04, 0.05), 88),
    ("CM02", "钱晓梅", "SB01", "资深", "2008-07-01", (0.14, 0.30), 96),
    ("CM03", "孙志强", "SB01", "高级一级", "2010-09-01", (0.05, 0.04), 85),
    ("CM04", "李文静", "SB01", "高级二级", "2012-04-16", (0.03, 0.05), 90),
    ("CM05", "周海波", "SB01", "一级", "2014-02-10", (0.02, 0.03), 82),
    ("CM06", "吴国栋", "SB02", "高级一级", "2009-05-06", (0.08, 0.06), 89),
    ("CM07", "郑丽华", "SB02", "高级二级", "2013-08-19", (0.04, 0.05), 87),
    ("CM08", "王俊峰", "SB02", "一级", "2015-03-02", (0.03, 0.02), 84),
    ("CM09", "冯雪松", "SB02", "高级二级", "2011-11-11", (0.10, 0.11), 93),
    ("CM10", "陈美玲", "SB02", "一级", "2016-06-06", (0.01, 0.02), 80),
    ("CM11", "褚振宇", "SB03", "高级一级", "2010-01-04", (0.05, 0.06), 86),
    ("CM12", "卫红梅", "SB03", "高级二级", "2013-03-18", (0.02, 0.01), 83),
    ("CM13", "蒋思远", "SB03", "一级", "2016-09-01", (0.04, 0.05), 88),
    ("CM14", "沈佳怡", "SB03", "一级", "2017-02-20", (0.03, 0.04), 85),
    ("CM15", "韩立新", "SB01", "二级", "2018-07-02", (0.05, 0.06), 86),
    ("CM16", "杨雨欣", "SB01", "二级", "2019-03-11", (0.02, 0.03), 81),
    ("CM17", "朱明辉", "SB02", "二级", "2018-10-08", (0.06, 0.02), 84),
    ("CM18", "秦晓东", "SB02", "二级", "2019-05-27", (0.00, 0.01), 76),
    ("CM19", "尤嘉琪", "SB03", "二级", "2019-08-12", (0.04, 0.03), 84),
    ("CM20", "许文博", "SB01", "三级", "2020-04-01", (0.03, 0.04), 83),
    ("CM21", "何雅琴", "SB02", "三级", "2020-06-15", (0.05, 0.06), 87),
    ("CM22", "吕振华", "SB03", "三级", "2020-09-01", (0.01, -0.01), 78),
    ("CM23", "施永康", "SB03", "三级", "2021-01-11", (0.04, 0.05), 85),
    ("CM24", "张若彤", "SB01", "四级", "2021-07-05", (0.03, 0.04), 82),
    ("CM25", "孔德明", "SB02", "四级", "2022-02-14", (0.02, 0.02), 79),
    ("CM26", "曹欣然", "SB03", "四级", "2022-05-09", (0.06, 0.08), 90),
    ("CM27", "严浩然", "SB01", "助理", "2023-03-01", (0.04, 0.05), 84),
    ("CM28", "华诗雨", "SB02", "助理", "2023-08-21", (0.01, 0.02), 77),
    ("CM29", "金子轩", "SB03", "见习", "2025-09-01", (0.03, 0.04), 80),
    ("CM30", "魏梦琪", "SB01", "见习", "2025-10-08", (0.02, 0.03), 78),
]
RISK = [("RM01", "陶建华", "SB01", "风险经理", "2009-04-01"),
        ("RM02", "姜海燕", "SB02", "风险经理", "2011-06-20"),
        ("RM03", "戚伟明", "SB03", "风险经理", "2012-10-15")]
STAR, VETO, BAD_BOOK, BAD_RISK = "CM02", "CM09", "CM06", "RM02"
SENIOR = {"资深": 60, "高级一级": 50, "高级二级": 45, "一级": 40, "二级": 36, "三级": 32, "四级": 28, "助理": 24, "见习": 18}

START = dt.date(2025, 10, 1)
END = dt.date(2026, 6, 30)
MONTHS = [(2025, 10), (2025, 11), (2025, 12), (2026, 1), (2026, 2), (2026, 3), (2026, 4), (2026, 5), (2026, 6)]
QUARTER_OF = {m: ("2025-Q4" if m[0] == 2025 else "2026-Q1" if m[1] <= 3 else "2026-Q2") for m in MONTHS}


def month_end(y, m):
    return (dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1))


def xun_starts():
    for y, m in MONTHS:
        for d in (1, 11, 21):
            yield dt.date(y, m, d)


def money(x):
    return f"{x:.2f}"


def write(name, header, rows):
    with open(os.path.join(OUT, name), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


# --- organisation and people -------------------------------------------------
write("org_units.csv", ["id", "name", "parent_id", "kind"], UNITS)
write("managers.csv", ["id", "name", "org_unit_id", "role", "grade", "hired_on", "status"],
      [(m[0], m[1], m[2], "customer_manager", m[3], m[4], "probation" if m[3] == "见习" else "active")
       for m in MANAGERS] + [(r[0], r[1], r[2], "risk_manager", r[3], r[4], "active") for r in RISK])
by_unit = {}
for m in MANAGERS:
    by_unit.setdefault(m[2], []).append(m)
risk_of_unit = {r[2]: r[0] for r in RISK}
drive = {m[0]: m[5] for m in MANAGERS}

# --- customers and assignments ----------------------------------------------
customers, assignments = [], []
book = []  # (customer id, segment, owner, co-owner or None, since date, base deposit)
cid = 0
for m in MANAGERS:
    size = SENIOR[m[3]]
    for k in range(size):
        cid += 1
        c = f"C{cid:04d}"
        r = rng.random()
        segment = "corporate" if r < 0.10 else "vip" if r < 0.26 else "retail"
        base = {"corporate": rng.lognormvariate(15.2, 0.6), "vip": rng.lognormvariate(13.8, 0.4),
                "retail": rng.lognormvariate(11.0, 0.8)}[segment]
        since = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(0, 2000))
        if rng.random() < 0.08:  # won during the two assessed quarters
            since = dt.date(2026, 1, 5) + dt.timedelta(days=rng.randrange(0, 170))
        co = None
        if rng.random() < 0.05:
            peers = [p for p in by_unit[m[2]] if p[0] != m[0]]
            co = rng.choice(peers)[0]
        book.append([c, segment, m[0], co, since, base])
        customers.append((c, f"客户{cid:04d}", segment, m[2]))
# Top up to 1,200 customers with retail customers of the juniors.
while cid < 1200:
    m = MANAGERS[15 + cid % 15]
    cid += 1
    c = f"C{cid:04d}"
    book.append([c, "retail", m[0], None, dt.date(2021, 1, 1) + dt.timedelta(days=rng.randrange(0, 1500)),
                 rng.lognormvariate(10.8, 0.7)])
    customers.append((c, f"客户{cid:04d}", "retail", m[2]))
unit_of = {m[0]: m[2] for m in MANAGERS}
moved = {}  # customer -> (new owner) from 2026-04-01
for entry in book:
    c, segment, owner, co, since, base = entry
    if owner in ("CM18", "CM22") and rng.random() < 0.12 and since < dt.date(2025, 10, 1):
        peers = [p[0] for p in by_unit[unit_of[owner]] if p[0] not in (owner, co)]
        moved[c] = rng.choice(peers)
    share = 0.5 if co else 1
    if c in moved:
        assignments.append((c, owner, share, "owner", since.isoformat(), "2026-03-31"))
        assignments.append((c, moved[c], share, "owner", "2026-04-01", ""))
    else:
        assignments.append((c, owner, share, "owner", since.isoformat(), ""))
    if co:
        assignments.append((c, co, 0.5, "co_owner", since.isoformat(), ""))
write("customers.csv", ["id", "name", "segment", "org_unit_id"], customers)

# --- loans: borrowers are the corporate customers and a few vip ---------------
borrowers = [e for e in book if e[1] == "corporate" or (e[1] == "vip" and rng.random() < 0.15)]
loans = {}
for e in borrowers:
    c = e[0]
    amount = round(e[5] * rng.uniform(0.6, 1.6), -3)
    loans[c] = {"owner": e[2], "amount": amount, "since": max(e[4], dt.date(2025, 10, 1))}
# CM06's biggest borrower: a 3,000,000 loan that turns substandard in Q2.
bad_customer = max((c for c in loans if loans[c]["owner"] == BAD_BOOK and loans[c]["since"] == START),
                   key=lambda c: loans[c]["amount"])
loans[bad_customer]["amount"] = 3_000_000.0
for c, info in loans.items():
    assignments.append((c, risk_of_unit[unit_of[info["owner"]]], 1, "risk", info["since"].isoformat(), ""))
write("assignments.csv", ["customer_id", "manager_id", "share", "role", "valid_from", "valid_to"],
      sorted(assignments))

# Class paths: (date, {class: balance}) changes. Most loans stay normal.
CLASSES = ["loan_normal", "loan_special_mention", "loan_substandard", "loan_doubtful", "loan_loss"]
loan_events = {c: [(info["since"], {"loan_normal": info["amount"]})] for c, info in loans.items()}
downgrades = []  # (customer, date, amount)
rest = sorted(c for c in loans if c != bad_customer and loans[c]["since"] == START)
for c in rest[:6]:  # special mention in Q1, two of them substandard in Q2
    a = loans[c]["amount"]
    loan_events[c].append((dt.date(2026, 2, 15), {"loan_normal": 0, "loan_special_mention": a}))
for c in rest[:2]:
    a = loans[c]["amount"]
    loan_events[c].append((dt.date(2026, 5, 20), {"loan_special_mention": 0, "loan_substandard": a}))
    downgrades.append((c, dt.date(2026, 5, 20), a))
for c in rest[6:8]:  # substandard since 2025-Q4; one recovers in Q2 (gives income back), one worsens
    a = loans[c]["amount"]
    loan_events[c].append((dt.date(2025, 11, 20), {"loan_normal": 0, "loan_substandard": a}))
loan_events[rest[6]].append((dt.date(2026, 4, 25), {"loan_substandard": 0, "loan_normal": loans[rest[6]]["amount"]}))
loan_events[rest[7]].append((dt.date(2026, 3, 10), {"loan_substandard": 0, "loan_doubtful": loans[rest[7]]["amount"]}))
a = loans[bad_customer]["amount"]
loan_events[bad_customer].append((dt.date(2026, 5, 12), {"loan_normal": 0, "loan_substandard": 2_400_000,
                                                          "loan_doubtful": 600_000}))
downgrades.append((bad_customer, dt.date(2026, 5, 12), a))

# --- facts -------------------------------------------------------------------
facts = []
metrics = [("deposit", "stock", "yuan", "存款余额 (observed at 旬 starts, carried forward)"),
           ("aum", "stock", "yuan", "客户AUM at month end"),
           ("holds_card", "stock", "count", "持有借记卡/信用卡"),
           ("holds_wealth", "stock", "yuan", "理财持有余额"),
           ("holds_fund", "stock", "yuan", "基金持有余额"),
           ("holds_insurance", "stock", "count", "保险保单数"),
           ("loan_issued", "flow", "yuan", "贷款投放额"),
           ("loan_interest", "flow", "yuan", "贷款利息收入"),
           ("loan_downgraded", "flow", "yuan", "转入不良的贷款余额 (不良形成)"),
           ("fee_wealth", "flow", "yuan", "理财中间业务收入"),
           ("fee_fund", "flow", "yuan", "基金代销收入"),
           ("fee_insurance", "flow", "yuan", "代理保险收入"),
           ("fee_settlement", "flow", "yuan", "结算手续费收入"),
           ("fee_agency", "flow", "yuan", "代收付收入"),
           ("intl_settlement_income", "flow", "yuan", "国际结算业务收入"),
           ("admission_pass_rate", "stock", "%", "客户准入审核合格率"),
           ("aml_pass_rate", "stock", "%", "反洗钱风险防控评价合格率"),
           ("credit_risk_pass_rate", "stock", "%", "信贷风险管理合格率")] + \
          [(k, "stock", "yuan", "五级分类余额") for k in CLASSES]
write("metrics.csv", ["metric", "kind", "unit", "description"], metrics)

churned = {e[0] for e in book if e[2] in ("CM18", "CM22", "CM28") and rng.random() < 0.2 and e[4] < START}
for c, segment, owner, co, since, base in book:
    growth = drive[moved.get(c, owner)]
    balance = base
    at = {}  # xun start -> balance that day
    for day in xun_starts():
        q = 0 if day < dt.date(2026, 1, 1) else 1 if day < dt.date(2026, 4, 1) else 2
        step = 0.0 if q == 0 else growth[q - 1] / 9
        balance *= 1 + step + rng.uniform(-0.015, 0.015)
        if c in churned and day >= dt.date(2026, 4, 21):
            balance = min(balance, base * 0.03)
        if day < since:
            continue
        at[day] = balance
        if rng.random() < 0.15 and len(at) > 1:  # gap: no observation, the last one carries
            continue
        facts.append(("customer", c, "deposit", day.isoformat(), money(balance)))
    if since > dt.date(2026, 6, 21):
        facts.append(("customer", c, "deposit", since.isoformat(), money(balance)))
        at[since] = balance

    def balance_on(day):
        known = [d for d in at if d <= day]
        return at[max(known)] if known else None

    wealth_share = {"retail": 0.15, "vip": 0.6, "corporate": 0.05}[segment]
    for y, m in MONTHS:
        day = month_end(y, m)
        b = balance_on(day)
        if b is None:
            continue
        facts.append(("customer", c, "aum", day.isoformat(), money(b * (1 + wealth_share))))
    first = max(since, START).isoformat()
    facts.append(("customer", c, "holds_card", first, "1"))
    for day in (dt.date(2025, 12, 31), dt.date(2026, 3, 31), dt.date(2026, 6, 30)):
        b = balance_on(day)
        if b is None:
            continue
        if rng.random() < wealth_share * 1.3:
            facts.append(("customer", c, "holds_wealth", day.isoformat(), money(b * wealth_share)))
        if rng.random() < 0.25:
            facts.append(("customer", c, "holds_fund", day.isoformat(), money(b * 0.08)))
        if rng.random() < 0.2:
            facts.append(("customer", c, "holds_insurance", day.isoformat(), "1"))
    for y, m in MONTHS:
        day = dt.date(y, m, 25)
        b = balance_on(day)
        if b is None:
            continue
        for metric, p, scale in (("fee_wealth", wealth_share, 0.002), ("fee_fund", 0.12, 0.001),
                                 ("fee_insurance", 0.08, 0.0015), ("fee_settlement", 0.2, 0.0003),
                                 ("fee_agency", 0.15, 0.0002)):
            if rng.random() < p:
                facts.append(("customer", c, metric, day.isoformat(), money(b * scale * rng.uniform(0.5, 1.5))))
        if segment == "corporate" and rng.random() < 0.3:
            facts.append(("customer", c, "intl_settlement_income", day.isoformat(),
                          money(b * 0.0005 * rng.uniform(0.5, 1.5))))

# New loans issued in Q2 to the healthy borrowers of the managers who push hardest.
changed = set(rest[:8]) | {bad_customer}
for e in borrowers:
    c = e[0]
    if c in changed or loans[c]["since"] != START or drive[e[2]][1] < 0.06 or rng.random() < 0.5:
        continue
    day = dt.date(2026, 4, 1) + dt.timedelta(days=rng.randrange(0, 80))
    extra = round(loans[c]["amount"] * 0.3, -3)
    facts.append(("customer", c, "loan_issued", day.isoformat(), money(extra)))
    loan_events[c].append((day, {"loan_normal": loans[c]["amount"] + extra}))

for c, events in loan_events.items():
    info = loans[c]
    facts.append(("customer", c, "loan_issued", info["since"].isoformat(), money(info["amount"])))
    state = {}
    for day, change in sorted(events, key=lambda e: e[0]):
        for k, v in change.items():
            facts.append(("customer", c, k, day.isoformat(), money(v)))
            state[k] = v
    for y, m in MONTHS:
        if dt.date(y, m, 21) >= info["since"]:
            facts.append(("customer", c, "loan_interest", dt.date(y, m, 21).isoformat(),
                          money(info["amount"] * 0.0435 / 12)))
for c, day, amount in downgrades:
    facts.append(("customer", c, "loan_downgraded", day.isoformat(), money(amount)))
people = [m[0] for m in MANAGERS] + [r[0] for r in RISK]
for p in people:
    for day in ("2025-12-31", "2026-03-31", "2026-06-30"):
        for metric in ("admission_pass_rate", "aml_pass_rate", "credit_risk_pass_rate"):
            v = rng.uniform(92, 100)
            if p == BAD_BOOK and metric == "credit_risk_pass_rate" and day == "2026-06-30":
                v = 80.0
            facts.append(("manager", p, metric, day, f"{v:.1f}"))
facts.sort()
write("facts.csv", ["entity", "entity_id", "metric", "date", "value"], facts)

# --- events, targets, ratings -----------------------------------------------
events = []
for m in MANAGERS:
    for q, (lo, hi) in (("2026-Q1", (dt.date(2026, 1, 5), 85)), ("2026-Q2", (dt.date(2026, 4, 3), 85))):
        complaints = 0 if m[6] >= 88 else 1 if m[6] >= 80 else 2
        for k in range(complaints):
            day = lo + dt.timedelta(days=rng.randrange(0, hi))
            events.append((m[0], "complaint", day.isoformat(), 1, "", f"客户投诉{k + 1}", ""))
        for k in range(rng.randrange(8, 20)):
            day = lo + dt.timedelta(days=rng.randrange(0, hi))
            # `ref` tells apart two visits on one day (the note is free text).
            events.append((m[0], "visit", day.isoformat(), 1, "", f"走访{q}-{k + 1:02d}", f"{q}-{k + 1:02d}"))
events.append((VETO, "violation", "2026-05-18", 1, "", "违规承诺保本理财收益 (合规部认定)", ""))
events = sorted(set(events))
write("events.csv", ["manager_id", "kind", "date", "quantity", "amount", "note", "ref"], events)

targets = []
for m in MANAGERS:
    own = sum(e[5] for e in book if e[2] == m[0])
    for q in ("2026-Q1", "2026-Q2"):
        targets.append((m[0], "deposit_increment", q, money(round(own * (0.05 if q == "2026-Q1" else 0.15), -3))))
write("targets.csv", ["manager_id", "indicator", "period", "value"], targets)

ratings = []
for m in MANAGERS + [(r[0], r[1], r[2], r[3], r[4], (0, 0), 86) for r in RISK]:
    quality = m[6]
    for q in ("2026-Q1", "2026-Q2"):
        for k in range(3):
            ratings.append((m[0], q, "customer", "satisfaction", f"{min(100, quality + rng.uniform(-6, 5)):.0f}",
                            f"客户{k + 1}"))
            ratings.append((m[0], q, "customer", "attitude", f"{min(100, quality + rng.uniform(-5, 6)):.0f}",
                            f"客户{k + 1}"))
        ratings.append((m[0], q, "supervisor", "efficiency", f"{min(100, quality + rng.uniform(-8, 6)):.0f}", "支行长"))
        ratings.append((m[0], q, "supervisor", "problem_solving", f"{min(100, quality + rng.uniform(-6, 6)):.0f}",
                        "支行长"))
        for k in range(2):
            ratings.append((m[0], q, "peer", "problem_solving", f"{min(100, quality + rng.uniform(-8, 6)):.0f}",
                            f"同事{k + 1}"))
write("ratings.csv", ["manager_id", "period", "rater_role", "item", "score", "rater_id"], ratings)
print(f"{len(customers)} customers, {len(MANAGERS) + len(RISK)} managers, {len(facts)} facts, "
      f"{len(events)} events; bad loan {bad_customer} ({BAD_BOOK}, co-signed by {BAD_RISK})")
