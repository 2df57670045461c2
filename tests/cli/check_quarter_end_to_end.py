#!/usr/bin/python3
"""One quarter of the banking sample through every step of the review, with
users of each role, on the staged `merit` (issue 18, "Done when"): goals →
self-assessment → supervisor scores → anonymous 360° → run → calibration →
interview → plans → pay approved by two approvers → released → payroll file →
a dispute upheld → a superseding run. Asserts the permission boundaries on the
way (a manager cannot read another's review, a supervisor cannot act outside
their subtree, the submitter cannot approve, nobody sees a 360° rater), that
the audit chain verifies afterwards, and that each action is in the log
exactly once. Usage: check_quarter_end_to_end.py MERIT SOURCE_DIR WORK_DIR"""
import collections
import csv
import json
import os
import shutil
import subprocess
import sys

merit, source, work = sys.argv[1], sys.argv[2], sys.argv[3]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
env = {k: v for k, v in os.environ.items() if k not in ("MERIT_CONFIG", "MERIT_PLUGIN_PATH")}
ws = os.path.join(work, "bank.merit")
scheme = os.path.join(source, "config", "banking.scheme.json")
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def merit_run(*args, user=None, expect=0):
    """Runs merit (as `user` when given); the result. Exits the test at once
    when the exit status is not `expect`: every later step builds on it."""
    command = [merit, *(["--as", user] if user else []), *args]
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    if result.returncode != expect:
        sys.exit(f"{' '.join(command[1:])}: exit {result.returncode}, expected {expect}: "
                 f"{result.stderr.strip()} {result.stdout.strip()[:300]}")
    return result


def as_json(*args, user=None):
    return json.loads(merit_run(*args, "--json", user=user).stdout)


def refused(*args, user, says):
    """The step is refused with one line naming the actor and the reason."""
    result = merit_run(*args, user=user, expect=1)
    line = result.stderr.strip()
    check(line.count("\n") == 0 and line.startswith(f"merit: error: refused: {user} ") and says in line,
          f"{user} {' '.join(args[:2])}: not the refusal expected ({says}): {line}")


def review(user, action, key, *args):
    return merit_run("review", action, ws, key, *args, user=user)


# The bank: the sample's org (SB01 城南支行 and SB02 城北支行 under BR01) and
# its people as Merit users, one or more of each role.
merit_run("init", ws)
merit_run("import", ws, "--dir", os.path.join(source, "config", "samples", "banking"))
for uid, name, role, extra in (
        ("hr", "王芳", "hr_admin", []),
        ("sup1", "李强", "supervisor", ["--org-unit", "SB01"]),
        ("sup2", "陈静", "supervisor", ["--org-unit", "SB02"]),
        ("cm01", "赵建国", "manager", ["--manager", "CM01"]),
        ("cm02", "钱晓梅", "manager", ["--manager", "CM02"]),
        ("p1", "同事甲", "committee", []), ("p2", "同事乙", "committee", []), ("p3", "同事丙", "committee", []),
        ("com1", "评审甲", "committee", []), ("com2", "评审乙", "committee", []),
        ("fin", "钱会计", "payroll", []),
        ("aud", "审计", "auditor", [])):
    merit_run("users", "add", ws, "--id", uid, "--name", name, "--role", role, *extra)

K1, K2 = "CM01/2026-Q2", "CM02/2026-Q2"
# Goals agreed by both sides.
review("sup1", "open", K1)
review("sup1", "open", K2)
refused("review", "open", ws, "CM01/2026-Q3", user="sup2", says="outside the subtree")
review("sup1", "goal", K1, "--text", "存款日均增量完成季度任务", "--target", "deposit_increment=7883000")
review("sup1", "act", K1, "propose_goals")
refused("review", "act", ws, K1, "agree_goals", user="cm02", says="")
review("cm01", "act", K1, "agree_goals")
# A manager reads their own review only.
check(as_json("review", "show", ws, K1, user="cm01")["state"] == "goals_agreed", "cm01 reads CM01's review")
refused("review", "show", ws, K2, user="cm01", says="own records")
# Self-assessment, then the supervisor's scores with comments.
review("cm01", "act", K1, "submit_self", "--text", "完成了存款任务, 服务效率需要提高", "--rating", "efficiency=80")
refused("review", "act", ws, K1, "submit_scores", "--text", "x", "--rating", "efficiency=1", user="sup2",
        says="outside the subtree")
review("sup1", "act", K1, "submit_scores", "--text", "业绩突出, 客户维护稳定", "--rating", "efficiency=88",
       "--comment", "efficiency=办理业务快", "--rating", "problem_solving=90")
# Anonymous 360°: three peers answer; results are averages per role only.
review("sup1", "act", K1, "request_feedback", "--rater", "p1=peer", "--rater", "p2=peer", "--rater", "p3=peer",
       "--item", "problem_solving")
for rater, score in (("p1", 80), ("p2", 85), ("p3", 90)):
    merit_run("feedback", "answer", ws, "--request", "1", "--score", f"problem_solving={score}", user=rater)
review("sup1", "act", K1, "close_feedback")  # closing the feedback sends it on to calibration
results = as_json("feedback", "results", ws, "--request", "1", user="cm01")
text = json.dumps(results, ensure_ascii=False)
check(all(r not in text for r in ("p1", "p2", "p3", "同事")), f"360° results name a rater: {text}")
check("85" in text, f"360° average of the peers (80, 85, 90) is 85: {text}")
for entry in json.loads(merit_run("log", ws, "--json").stdout):
    if entry["action"] == "feedback.answer":
        check(all(f"problem_solving={s}" not in json.dumps(entry, ensure_ascii=False) and f'"{s}' not in
                  entry["detail"] for s in ("80", "85", "90")),
              f"an answer's audit entry carries its content: {entry}")
check(as_json("review", "show", ws, K1, user="sup1")["state"] == "awaiting_calibration", "awaiting calibration")

# The run, then calibration by the committee of SB01.
run1 = as_json("run", ws, "--scheme", scheme, "--period", "2026-Q2", user="hr")["run"]
session = as_json("calibrate", "open", ws, "--run", str(run1), "--name", "二季度城南校准", "--unit", "SB01",
                  "--member", "com1", "--member", "com2", user="hr")["session"]["id"]
refused("calibrate", "adjust", ws, "--session", str(session), "--manager", "CM01", "--points", "1", "--reason",
        "x", user="p1", says="")
merit_run("calibrate", "adjust", ws, "--session", str(session), "--manager", "CM01", "--points", "2", "--reason",
          "对公客户拓展突出", user="com1")
run2 = as_json("calibrate", "close", ws, "--session", str(session), user="com2")["session"]["calibrated_run"]
check(as_json("review", "act", ws, K1, "calibrate", user="com1")["run"] == run2,
      "the calibrated review links the calibrated run")
explained = merit_run("explain", ws, "--run", str(run2), "--manager", "CM01", user="hr").stdout
check("对公客户拓展突出" in explained, "explain shows the calibration line")

# The interview and the plans.
review("sup1", "act", K1, "hold_interview", "--text", "肯定业绩; 服务效率需提升; 希望参加理财培训")
review("cm01", "act", K1, "acknowledge")
review("sup1", "plan", K1, "--kind", "improvement", "--text", "客户回访时效提升到48小时内", "--due", "2026-09-30")
review("cm01", "plan", K1, "--kind", "development", "--text", "参加理财规划师培训", "--due", "2026-12-31")
review("sup1", "act", K1, "propose_plans")
review("cm01", "act", K1, "agree_plans")
check(as_json("review", "act", ws, K1, "close", user="sup1")["state"] == "closed", "the review is closed")

# Pay: the calibrated run final, approved by two approvers, released, exported.
merit_run("finalize", ws, "--run", str(run2), "--reason", "二季度考核定稿(校准后)", user="hr")
merit_run("pay", "approvers", ws, "--set", "hr,sup1,fin", "--required", "2", user="hr")
merit_run("pay", "submit", ws, "--run", str(run2), "--reason", "二季度绩效工资", user="hr")
refused("pay", "approve", ws, "--run", str(run2), user="hr", says="submitter")
merit_run("pay", "approve", ws, "--run", str(run2), "--reason", "核对无误", user="sup1")
merit_run("pay", "approve", ws, "--run", str(run2), user="fin")
merit_run("pay", "release", ws, "--run", str(run2), user="hr")
payroll = os.path.join(work, "payroll.csv")
refused("pay", "export", ws, "--run", str(run2), "--format", "csv", "--out", payroll, user="cm01", says="")
merit_run("pay", "export", ws, "--run", str(run2), "--format", "csv", "--out", payroll, user="fin")
with open(payroll, encoding="utf-8", newline="") as f:
    rows = {r["manager_id"]: r for r in csv.DictReader(f)}
stored = json.loads(merit_run("results", ws, "--run", str(run2), "--format", "json", user="hr").stdout)
for m in stored["managers"]:
    check(int(rows[m["manager_id"]]["total_fen"]) == m["pay_fen"], f"payroll total of {m['manager_id']}")

# A dispute, upheld with a superseding run.
dispute = as_json("dispute", "open", ws, "--run", str(run2), "--manager", "CM01", "--line", "total", "--reason",
                  "新开户存款未计入", user="cm01")["id"]
refused("dispute", "open", ws, "--run", str(run2), "--manager", "CM02", "--line", "total", "--reason", "x",
        user="cm01", says="own records")
merit_run("dispute", "review", ws, "--dispute", str(dispute), user="sup1")
run3 = as_json("run", ws, "--scheme", scheme, "--period", "2026-Q2", user="hr")["run"]
merit_run("dispute", "uphold", ws, "--dispute", str(dispute), "--reason", "属实", "--correction", "superseding_run",
          "--correction-run", str(run3), user="hr")
merit_run("finalize", ws, "--run", str(run3), "--reason", f"争议 {dispute} 成立, 重算", user="hr", expect=1)
merit_run("finalize", ws, "--run", str(run3), "--supersedes", str(run2), "--reason", f"争议 {dispute} 成立, 重算",
          user="hr")
listed = {r["id"]: r for r in as_json("runs", ws, user="aud")}
check(listed[run2]["status"] == "superseded" and listed[run2]["superseded_by"] == run3,
      f"run {run2} is superseded by run {run3}: {listed[run2]}")
merit_run("pay", "export", ws, "--run", str(run2), "--format", "csv", "--out", payroll, user="fin", expect=1)
check(as_json("dispute", "show", ws, "--dispute", str(dispute), user="cm01")["state"] == "upheld",
      "the manager sees the outcome")

# The record: the chain verifies, and each step is in it exactly once.
verified = merit_run("verify", ws, "--all", "--json", user="aud", expect=0)
check(json.loads(verified.stdout)["ok"], f"verify --all: {verified.stdout[:300]}")
entries = json.loads(merit_run("log", ws, "--json", user="aud").stdout)
counted = collections.Counter((e["action"], e["object"]) for e in entries)
for action in ("review.open", "review.propose_goals", "review.agree_goals", "review.submit_self",
               "review.submit_scores", "review.request_feedback", "review.close_feedback",
               "review.calibrate", "review.hold_interview", "review.acknowledge",
               "review.propose_plans", "review.agree_plans", "review.close"):
    check(counted[(action, "review:" + K1)] == 1, f"{action} review:{K1}: {counted[(action, 'review:' + K1)]}")
for action, run in (("finalize", run2), ("pay.submit", run2), ("pay.release", run2), ("finalize", run3)):
    check(counted[(action, f"run:{run}")] == 1, f"{action} run:{run}: {counted[(action, f'run:{run}')]}")
check(counted[("pay.approve", f"run:{run2}")] == 2, "two approvals")
check(sum(n for (a, _), n in counted.items() if a == "feedback.answer") == 3, "three answers")

if failures:
    print("\n".join(failures))
    sys.exit(1)
print(f"one quarter end to end: runs {run1} (preliminary), {run2} (calibrated, released), {run3} (superseding); "
      f"{len(entries)} audit entries, chain verified")
