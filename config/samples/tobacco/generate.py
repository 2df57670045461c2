#!/usr/bin/env python3
"""Deterministic generator of the tobacco sample (config/samples/tobacco/*.csv).

One county company, two market areas with two districts each, 24 customer
managers, 2 market managers, 1,560 licensed retailers; November and December
2026 of visits, forecasts, inspections and phone checks, with orders from
October so that growth can be computed. District 田坪 (D-TP) files its
forecasts from sample stores that are all small groceries (class C), the case
told in seed 002 篇6, so its forecasts are poor. See README.md for the model.

Run:  python3 generate.py   (rewrites the CSV files next to this script)
"""
import calendar
import csv
import datetime as dt
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(20261201)

MONTHS = [(2026, 10), (2026, 11), (2026, 12)]  # orders; visits etc. only for the last two
WORK_MONTHS = MONTHS[1:]
DISTRICTS = [  # id, name, market area, sample-store policy
    ("D-HD", "河东片区", "MA-E", "stratified"),
    ("D-WT", "温塘片区", "MA-E", "stratified"),
    ("D-TP", "田坪片区", "MA-W", "one_type"),
    ("D-BX", "白溪片区", "MA-W", "stratified"),
]
TYPES = [("grocery", 0.45), ("convenience", 0.20), ("tobacco_liquor", 0.15), ("supermarket", 0.10), ("catering", 0.10)]
CLASS_BY_TYPE = {  # P(A), P(B); the rest C
    "grocery": (0.05, 0.30), "convenience": (0.15, 0.45), "tobacco_liquor": (0.35, 0.45),
    "supermarket": (0.45, 0.40), "catering": (0.10, 0.35),
}
PER_MONTH = {1: 4, 2: 2, 3: 1}
CARTONS_BY_CLASS = {1: 120, 2: 60, 3: 25}
HIGH_SHARE_BY_TYPE = {"grocery": 0.10, "convenience": 0.22, "tobacco_liquor": 0.38, "supermarket": 0.30, "catering": 0.25}
PRICE = {"high": 400.0, "mid": 200.0, "low": 100.0}
GRADES = ["一级", "二级", "二级", "三级", "三级", "三级"]
CM_PER_DISTRICT = 6
RETAILERS_PER_CM = 65
REASSIGN_DAY = dt.date(2026, 11, 16)  # CM02 hands five retailers to CM03


def days_of(year, month):
    return [dt.date(year, month, d) for d in range(1, calendar.monthrange(year, month)[1] + 1)]


def workdays(year, month):
    return [d for d in days_of(year, month) if d.weekday() < 5]


def write(name, header, rows):
    with open(os.path.join(HERE, name), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def pick(weights):
    x = rng.random()
    for value, p in weights:
        x -= p
        if x < 0:
            return value
    return weights[-1][0]


def main():
    org = [("TC", "青山县烟草公司营销部", "", "branch"),
           ("MA-E", "河东市场部", "TC", "market"), ("MA-W", "河西市场部", "TC", "market")]
    org += [(d, name, area, "district") for d, name, area, _ in DISTRICTS]
    write("org_units.csv", ["id", "name", "parent_id", "kind"], org)

    managers = [("MM01", "安永峰", "MA-E", "market_manager", "市场经理", "2019-03-01", "active"),
                ("MM02", "林嘉树", "MA-W", "market_manager", "市场经理", "2020-07-01", "active")]
    surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋"
    given = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"
    cms = []  # (id, district, diligence, step_fail, grade)
    for di, (d, _, _, _) in enumerate(DISTRICTS):
        for k in range(CM_PER_DISTRICT):
            n = di * CM_PER_DISTRICT + k + 1
            cid = f"CM{n:02d}"
            grade = GRADES[k]
            name = surnames[n - 1] + given[(n * 7) % len(given)] + given[(n * 3) % len(given)]
            managers.append((cid, name, d, "customer_manager", grade, f"20{14 + n % 10}-0{1 + n % 9}-01", "active"))
            cms.append((cid, d, rng.uniform(0.78, 1.04), rng.uniform(0.02, 0.15), grade))
    write("managers.csv", ["id", "name", "org_unit_id", "role", "grade", "hired_on", "status"], managers)

    customers, klass, owner = [], {}, {}
    seq = 0
    for cid, d, *_ in cms:
        for _ in range(RETAILERS_PER_CM):
            seq += 1
            rid = f"R{seq:04d}"
            t = pick(TYPES)
            pa, pb = CLASS_BY_TYPE[t]
            x = rng.random()
            klass[rid] = 1 if x < pa else (2 if x < pa + pb else 3)
            customers.append((rid, f"零售户{seq:04d}", t, d))
            owner[rid] = cid
    write("customers.csv", ["id", "name", "segment", "org_unit_id"], customers)
    segment = {c[0]: c[2] for c in customers}
    district_of = {c[0]: c[3] for c in customers}

    moved = [c[0] for c in customers if owner[c[0]] == "CM02"][:5]
    assignments = []
    for rid, *_ in customers:
        if rid in moved:
            assignments.append((rid, "CM02", "1", "owner", "2026-01-01", "2026-11-15"))
            assignments.append((rid, "CM03", "1", "owner", "2026-11-16", ""))
        else:
            assignments.append((rid, owner[rid], "1", "owner", "2026-01-01", ""))
    write("assignments.csv", ["customer_id", "manager_id", "share", "role", "valid_from", "valid_to"], assignments)

    def holder(rid, day):
        if rid in moved:
            return "CM02" if day < REASSIGN_DAY else "CM03"
        return owner[rid]

    metrics = [
        ("retailer_class", "stock", "code", "零售户分类 1=A 2=B 3=C (size)"),
        ("visit_steps", "flow", "steps", "一次拜访完成的五步曲步数 (5 = effective visit)"),
        ("order_high", "flow", "carton", "高档卷烟订购量"), ("order_mid", "flow", "carton", "中档卷烟订购量"),
        ("order_low", "flow", "carton", "低档卷烟订购量"), ("order_amount", "flow", "yuan", "订购金额"),
        ("forecast_high", "flow", "carton", "样本店高档需求预测"), ("forecast_mid", "flow", "carton", "样本店中档需求预测"),
        ("forecast_low", "flow", "carton", "样本店低档需求预测"),
        ("complaint", "flow", "count", "零售户投诉"), ("enquiry", "flow", "count", "零售户咨询"),
    ]
    write("metrics.csv", ["metric", "kind", "unit", "description"], metrics)

    facts = []
    for rid in klass:
        facts.append(("customer", rid, "retailer_class", "2026-01-01", klass[rid]))

    cm_info = {c[0]: c for c in cms}
    # Visits: the standard times the holder's diligence, spread over working days.
    for y, m in WORK_MONTHS:
        wd = workdays(y, m)
        for rid in klass:
            need = PER_MONTH[klass[rid]]
            slots = sorted(rng.sample(range(len(wd)), k=min(len(wd), need + 1)))
            days = [wd[s] for s in slots]
            for day in days[:need + (1 if rng.random() < 0.05 else 0)]:
                cid = holder(rid, day)
                _, _, diligence, step_fail, _ = cm_info[cid]
                if rng.random() > diligence:
                    continue  # visit not made
                steps = 5 if rng.random() > step_fail else rng.choice([3, 4])
                facts.append(("customer", rid, "visit_steps", day.isoformat(), steps))

    # Orders by brand group, one monthly row per group dated the month's last day.
    actual = {}
    for i, (y, m) in enumerate(MONTHS):
        last = dt.date(y, m, calendar.monthrange(y, m)[1]).isoformat()
        season = 1.0 + 0.06 * i
        for rid in klass:
            total = CARTONS_BY_CLASS[klass[rid]] * rng.uniform(0.8, 1.2) * season
            hs = min(0.6, HIGH_SHARE_BY_TYPE[segment[rid]] * rng.uniform(0.8, 1.25) * (1 + 0.04 * i))
            split = {"high": total * hs, "mid": total * (1 - hs) * 0.55, "low": total * (1 - hs) * 0.45}
            amount = 0.0
            for g, v in split.items():
                v = round(v)
                actual[(rid, y, m, g)] = v
                amount += v * PRICE[g]
                facts.append(("customer", rid, f"order_{g}", last, v))
            facts.append(("customer", rid, "order_amount", last, round(amount, 2)))

    # Sample stores: 8 per CM; stratified across types and classes, except
    # in D-TP where the CMs picked small groceries only (002 篇6).
    policy = {d: p for d, _, _, p in DISTRICTS}
    for cid, d, *_ in cms:
        mine = [rid for rid in klass if owner[rid] == cid and rid not in moved]
        if policy[d] == "one_type":
            pool = [r for r in mine if segment[r] == "grocery" and klass[r] == 3]
            samples = pool[:8]
        else:
            samples = []
            for t, _ in TYPES:
                samples += [r for r in mine if segment[r] == t and r not in samples][:1]
            for c in (1, 2, 3):
                if not any(klass[r] == c for r in samples):
                    samples += [r for r in mine if klass[r] == c and r not in samples][:1]
            samples += [r for r in mine if r not in samples][: max(0, 8 - len(samples))]
        for y, m in WORK_MONTHS:
            first = dt.date(y, m, 1).isoformat()
            for rid in samples:
                for g in ("high", "mid", "low"):
                    a = actual[(rid, y, m, g)]
                    if policy[d] == "one_type":
                        # Hearsay at small shops: scarce high-grade brands overstated.
                        f = a * rng.uniform(1.5, 2.4) + 3 if g == "high" else a * rng.uniform(0.65, 1.35)
                    else:
                        f = a * rng.uniform(0.9, 1.1)
                    facts.append(("customer", rid, f"forecast_{g}", first, round(f)))

    # Complaints and enquiries; D-TP's retailers ask more about scarce supply.
    for y, m in WORK_MONTHS:
        days = days_of(y, m)
        for rid in klass:
            extra = 2.0 if district_of[rid] == "D-TP" else 1.0
            for metric, p in (("complaint", 0.008 * extra), ("enquiry", 0.04 * extra)):
                if rng.random() < p:
                    facts.append(("customer", rid, metric, rng.choice(days).isoformat(), 1))
    facts.sort(key=lambda f: (f[0], f[2], f[1], f[3]))
    write("facts.csv", ["entity", "entity_id", "metric", "date", "value"], facts)

    events = []
    mm_of_district = {d: ("MM01" if area == "MA-E" else "MM02") for d, _, area, _ in DISTRICTS}
    for y, m in WORK_MONTHS:
        wd = workdays(y, m)
        # The market managers' own records: assessment with recognition, district inspections.
        for mm in ("MM01", "MM02"):
            events.append((mm, "assessment_recognition", wd[-1].isoformat(), 1, "", "月度考核兑现表彰"))
        for d, _, _, _ in DISTRICTS:
            mm = mm_of_district[d]
            times = 2
            if (y, m) == (2026, 11) and d == "D-BX":
                times = 1  # MM02 missed one inspection of 白溪 in November
            for day in sorted(rng.sample(wd, times)):
                events.append((mm, "district_inspection", day.isoformat(), 1, "", d))
        # Work-trace inspection rounds: four days a month, each CM inspected on two of them.
        for mm in ("MM01", "MM02"):
            rounds = sorted(rng.sample(wd, 4))
            mine = [c for c in cms if mm_of_district[c[1]] == mm]
            for cid, *_ in mine:
                for day in sorted(rng.sample(rounds, 2)):
                    events.append((cid, "trace_inspection", day.isoformat(), 1, round(rng.uniform(68, 99), 1),
                                   "拜访登记本/月度工作本/学习记录本"))
        # Phone spot-checks: three households per CM per working day.
        for cid, d, diligence, *_ in cms:
            fails = 0
            for day in wd:
                q = 3
                if (y, m) == (2026, 11) and (cid, day.isoformat()) in (("CM14", "2026-11-12"), ("CM17", "2026-11-20")):
                    q = 2 if cid == "CM14" else 0  # MM02's two short phone-check days
                if q:
                    events.append((cid, "phone_check", day.isoformat(), q, "", mm_of_district[d]))
                    fails += sum(1 for _ in range(q) if rng.random() > 0.9 + 0.1 * min(diligence, 1.0))
            if fails:
                events.append((cid, "phone_check_fail", wd[-1].isoformat(), fails, "", "电话抽查不合格户数"))
        # Discipline lapses, rare.
        for cid, *_ in cms:
            for kind, p in (("sign_in_early", 0.15), ("work_book_late", 0.2), ("visit_record_false", 0.04)):
                if rng.random() < p:
                    n = 1 + (rng.random() < 0.3)
                    for k in range(n):
                        events.append((cid, kind, rng.choice(wd).isoformat(), 1, "", f"第{k + 1}次"))
    events.sort(key=lambda e: (e[0], e[1], e[2], e[5]))
    write("events.csv", ["manager_id", "kind", "date", "quantity", "amount", "note"], events)

    ratings = []
    for y, m in WORK_MONTHS:
        period = f"{y}-{m:02d}"
        for cid, d, diligence, *_ in cms:
            mine = sorted(r for r in klass if owner[r] == cid)
            for rid in rng.sample(mine, 5):
                score = max(60, min(100, round(rng.gauss(80 + 14 * min(diligence, 1.0) - (4 if d == "D-TP" else 0), 4))))
                ratings.append((cid, period, "customer", "satisfaction", score, rid))
    write("ratings.csv", ["manager_id", "period", "rater_role", "item", "score", "rater_id"], ratings)


if __name__ == "__main__":
    main()
