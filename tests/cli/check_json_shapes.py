#!/usr/bin/python3
"""Every command's --json output against the one shape the README documents
for it (README, "JSON output"), read with a JSON parser (issue 23).

Commands are discovered from `merit --help` (merit_commands.py), so a command
added later without --json, without a documented shape or without a way to
run it here fails this test. Each output must parse as one JSON document,
hold exactly the documented keys in the documented order with values of the
documented types, and write every number in plain decimal notation (no
exponent; integers as integers).
Usage: check_json_shapes.py MERIT SOURCE_DIR WORK_DIR"""
import json
import os
import re
import shutil
import signal
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import merit_commands  # noqa: E402

merit, source, work = sys.argv[1], sys.argv[2], sys.argv[3]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
env = {k: v for k, v in os.environ.items() if k not in ("MERIT_CONFIG", "MERIT_PLUGIN_PATH")}
failures = []


def fail(message):
    failures.append(message)


# --- the documented shapes ---------------------------------------------------
with open(os.path.join(source, "README.md"), encoding="utf-8") as f:
    readme = f.read()
section = readme[readme.index("### JSON output"):]
section = section[:section.index("\n### ", 1)] if "\n### " in section[1:] else section
BLOCK = r"\n+```json\n(.*?)\n```"
named = {m.group(1): json.loads(m.group(2)) for m in re.finditer(r"`\$([a-z_]+)`[^\n]*" + BLOCK, section, re.S)}
# command -> [(flags, shape)]: a command whose output differs with a flag
# (`merit verify WS --head --json`) documents that flag in its heading, and
# the output of a run with that flag is checked against that shape.
shapes = {}
for m in re.finditer(r"^(`merit [^\n]*)" + BLOCK, section, re.M | re.S):
    for command, rest in re.findall(r"`merit ([a-z -]+?)((?: [A-Z][^`]*)?) --json`", m.group(1)):
        flags = frozenset(re.findall(r"--[a-z-]+", rest))
        shapes.setdefault(command, []).append((flags, json.loads(m.group(2))))


def shape_for(name, args):
    """The documented shape whose flags the arguments all give, the one with most flags."""
    fitting = [(flags, shape) for flags, shape in shapes[name] if flags <= set(args)]
    return max(fitting, key=lambda f: len(f[0]))[1] if fitting else None


def check_shape(value, shape, where):
    """The value against a shape: a type name ("string", "int", "number",
    "bool", "null", "any", or several joined by "|"), "$name" (a named
    shape), [shape] (an array of such elements) or an object (these keys, in
    this order)."""
    if isinstance(shape, str) and shape.startswith("$"):
        return check_shape(value, named[shape[1:]], where)
    if isinstance(shape, str):
        ok = {"string": lambda v: isinstance(v, str),
              "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
              "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
              "bool": lambda v: isinstance(v, bool),
              "null": lambda v: v is None,
              "any": lambda v: True}
        if not any(ok[t](value) for t in shape.split("|")):
            fail(f"{where}: {json.dumps(value, ensure_ascii=False)[:80]} is not {shape}")
    elif isinstance(shape, list):
        if not isinstance(value, list):
            fail(f"{where}: not an array")
            return
        for i, item in enumerate(value):
            check_shape(item, shape[0], f"{where}[{i}]")
    else:
        if not isinstance(value, dict):
            fail(f"{where}: not an object")
            return
        if list(value) != list(shape):
            fail(f"{where}: keys {list(value)}, documented {list(shape)}")
            return
        for key, sub in shape.items():
            check_shape(value[key], sub, f"{where}.{key}")


def parse(text, where):
    """One JSON document; every number token in plain decimal notation."""
    def plain(token):
        if re.search(r"[eE]", token):
            fail(f"{where}: number {token} has an exponent")
        return float(token) if "." in token else int(token)
    try:
        return json.loads(text, parse_float=plain, parse_int=plain,
                          parse_constant=lambda c: fail(f"{where}: {c} is not JSON"))
    except json.JSONDecodeError as e:
        fail(f"{where}: not one JSON document ({e}): {text[:200]!r}")
        return None


# --- a workspace with something in it ------------------------------------------
def merit_run(*args, check=True, stdin=""):
    result = subprocess.run([merit, *args], capture_output=True, text=True, env=env, input=stdin)
    if check and result.returncode != 0:
        sys.exit(f"merit {' '.join(args)} failed ({result.returncode}): {result.stderr.strip()}")
    return result


ws = os.path.join(work, "ws.merit")
samples = os.path.join(source, "config", "samples", "telecom")
scheme = os.path.join(source, "config", "telecom.scheme.json")
bad_scheme = os.path.join(work, "bad.scheme.json")
with open(scheme, encoding="utf-8") as f:
    bad = json.load(f)
bad["dimensions"][0]["weight"] = "heavy"
del bad["bands"]
with open(bad_scheme, "w", encoding="utf-8") as f:
    json.dump(bad, f, ensure_ascii=False)
merit_run("init", ws)
merit_run("import", ws, "--dir", samples)
for period in ("2026-Q1", "2026-Q2"):
    merit_run("run", ws, "--scheme", scheme, "--period", period)
merit_run("users", "add", ws, "--id", "hr", "--name", "王芳", "--role", "hr_admin")
plugin = os.path.join(os.path.dirname(os.path.dirname(merit)), "lib", "merit", "plugins", "merit_core.so")

# The review workflow, as its users take it (README, "Reviews and 360°
# feedback"): a supervisor of 城东片区 (TL-E), its managers TL01..TL03 and
# three peers asked for anonymous feedback on TL01.
for uid, name, role, extra in (("sup", "李强", "supervisor", ["--org-unit", "TL-E"]),
                               ("cm1", "周海涛", "manager", ["--manager", "TL01"]),
                               ("cm2", "吴晓燕", "manager", ["--manager", "TL02"]),
                               ("p1", "同事甲", "committee", []), ("p2", "同事乙", "committee", []),
                               ("p3", "同事丙", "committee", [])):
    merit_run("users", "add", ws, "--id", uid, "--name", name, "--role", role, *extra)


def review_step(user, *args):
    merit_run("--as", user, "review", *args[:1], ws, *args[1:])


review_step("sup", "open", "TL01/2026-Q2")
review_step("sup", "goal", "TL01/2026-Q2", "--text", "新增政企客户 5 户")
review_step("sup", "act", "TL01/2026-Q2", "propose_goals")
review_step("cm1", "act", "TL01/2026-Q2", "agree_goals")
review_step("cm1", "act", "TL01/2026-Q2", "submit_self", "--text", "完成任务", "--rating", "efficiency=80")
review_step("sup", "act", "TL01/2026-Q2", "submit_scores", "--text", "业绩突出", "--rating", "efficiency=88")
review_step("sup", "act", "TL01/2026-Q2", "request_feedback", "--rater", "p1=peer", "--rater", "p2=peer",
            "--rater", "p3=peer", "--item", "teamwork")
# TL02 all the way to acknowledged (where plan items are added); TL03 with a
# goal drafted; TL04 just opened.
review_step("sup", "open", "TL02/2026-Q2")
review_step("sup", "goal", "TL02/2026-Q2", "--text", "存量客户维护")
review_step("sup", "act", "TL02/2026-Q2", "propose_goals")
review_step("cm2", "act", "TL02/2026-Q2", "agree_goals")
review_step("cm2", "act", "TL02/2026-Q2", "submit_self", "--text", "完成任务", "--rating", "efficiency=75")
review_step("sup", "act", "TL02/2026-Q2", "submit_scores", "--text", "稳定", "--rating", "efficiency=78")
review_step("sup", "act", "TL02/2026-Q2", "send_to_calibration")
review_step("hr", "act", "TL02/2026-Q2", "calibrate")
review_step("sup", "act", "TL02/2026-Q2", "hold_interview", "--text", "面谈: 肯定成绩, 加强对公业务")
review_step("cm2", "act", "TL02/2026-Q2", "acknowledge")
review_step("sup", "open", "TL03/2026-Q2")
review_step("sup", "goal", "TL03/2026-Q2", "--text", "新增政企客户 3 户")
review_step("sup", "open", "TL04/2026-Q2")
# Pay, calibration and disputes (README, "Pay approval", "Calibration",
# "Disputes"): fin approves pay with sup; run 2 is final, so its pay can go
# through approval and, once released, be disputed; run 3 (2026-Q2 again) is
# the preliminary run p1 and p2 calibrate for 城东片区.
merit_run("users", "add", ws, "--id", "fin", "--name", "钱会计", "--role", "payroll")
merit_run("finalize", ws, "--run", "2", "--reason", "二季度考核定稿")
merit_run("run", ws, "--scheme", scheme, "--period", "2026-Q2")


def dispute_under_review(line):
    """Opens a dispute of TL01's run-2 `line` and takes it under review; its id."""
    opened = merit_run("--as", "cm1", "dispute", "open", ws, "--run", "2", "--manager", "TL01", "--line", line,
                       "--reason", "新开户存款未计入", "--json")
    number = str(json.loads(opened.stdout)["id"])
    merit_run("--as", "sup", "dispute", "review", ws, "--dispute", number)
    return number


# A host config of its own for trust/untrust, so the staged allow-lists stay as built.
trust_dir = os.path.join(work, "trust")
os.makedirs(os.path.join(trust_dir, "plugins"))
os.makedirs(os.path.join(trust_dir, "trusted.d"))
trust_plugin = os.path.join(trust_dir, "plugins", "merit_core.so")
shutil.copyfile(plugin, trust_plugin)
os.chmod(trust_plugin, 0o644)
trust_config = os.path.join(trust_dir, "merit.json")
with open(trust_config, "w", encoding="utf-8") as f:
    json.dump({"plugin_dirs": ["plugins"], "allow_lists": ["trusted.d"], "allow_untrusted": False,
               "plugins": {}}, f)
flow_file = os.path.join(work, "review.flow.json")
with open(flow_file, "w", encoding="utf-8") as f:
    f.write(merit_run("flow", "show", ws, "review", "--json").stdout)


def head_of(path):
    """The audit log's head as `merit verify --head` prints it."""
    return merit_run("verify", path, "--head").stdout.strip()


def fresh_draft():
    """A new draft run of 2026-Q2 nothing refers to; its id."""
    ran = merit_run("run", ws, "--scheme", scheme, "--period", "2026-Q2", "--json")
    return str(json.loads(ran.stdout)["run"])


def fresh(name):
    path = os.path.join(work, name)
    merit_run("init", path)
    return path


# How to run each command, as argument lists (several: each output is checked).
RECIPES = {
    ("init",): lambda: [["init", os.path.join(work, "new.merit")]],
    ("users", "add"): lambda: [["users", "add", ws, "--id", "aud", "--name", "审计", "--role", "auditor"]],
    ("users", "list"): lambda: [["users", "list", ws]],
    ("users", "deactivate"): lambda: [["users", "deactivate", ws, "--id", "aud", "--reason", "left"]],
    ("users", "permissions"): lambda: [["users", "permissions", ws]],
    ("users", "token"): lambda: [["users", "token", ws, "--user", "hr"]],
    ("users", "password"): lambda: [["users", "password", ws, "--user", "hr"]],
    ("import",): lambda: [["import", fresh("import.merit"), "--dir", samples]],
    # 2026-Q4 has no facts: a warning, and --strict makes it exit 1
    ("validate",): lambda: [["validate", scheme, "--workspace", ws], ["validate", bad_scheme],
                            ["validate", scheme, "--workspace", ws, "--period", "2026-Q4", "--strict"]],
    ("run",): lambda: [["run", ws, "--scheme", scheme, "--period", "2026-Q2"]],
    ("results",): lambda: [["results", ws, "--run", "2"]],
    ("explain",): lambda: [["explain", ws, "--run", "2", "--manager", "TL05"]],
    ("diff",): lambda: [["diff", ws, "--run", "1", "--run", "2"]],
    ("runs", "list"): lambda: [["runs", "list", ws], ["runs", ws]],
    ("runs", "delete"): lambda: [["runs", "delete", ws, "--run", fresh_draft(), "--reason", "试算"]],
    ("finalize",): lambda: [["finalize", ws, "--run", "1", "--reason", "一季度考核定稿"]],
    ("verify",): lambda: [["verify", ws, "--all"], ["verify", ws, "--run", "1"], ["verify", ws, "--head"],
                          ["verify", ws, "--all", "--expect-head", head_of(ws)]],
    ("log",): lambda: [["log", ws]],
    ("data", "versions"): lambda: [["data", "versions", ws]],
    ("data", "show"): lambda: [["data", "show", ws, "--version", "1"]],
    ("report",): lambda: [["report", ws, "--run", "2", "--format", "xlsx", "--out", work + "/"]],
    ("plugins", "list"): lambda: [["plugins", "list"]],
    ("plugins", "inspect"): lambda: [["plugins", "inspect", plugin], ["plugins", "inspect", "core"]],
    ("plugins", "trust"): lambda: [["--config", trust_config, "plugins", "trust", trust_plugin]],
    ("plugins", "untrust"): lambda: [["--config", trust_config, "plugins", "untrust", "core"]],
    ("demo",): lambda: [["demo", "--out", os.path.join(work, "demo")]],
    ("help",): lambda: [["help"], ["help", "csv"], ["help", "import"], ["help", "runs", "delete"]],
    ("review", "open"): lambda: [["--as", "sup", "review", "open", ws, "TL05/2026-Q2"]],
    ("review", "show"): lambda: [["--as", "cm1", "review", "show", ws, "TL01/2026-Q2"]],
    ("review", "list"): lambda: [["--as", "sup", "review", "list", ws], ["--as", "cm2", "review", "list", ws]],
    ("review", "goal"): lambda: [["--as", "sup", "review", "goal", ws, "TL04/2026-Q2", "--text", "存量客户维护",
                                  "--target", "revenue=500000"]],
    ("review", "plan"): lambda: [["--as", "sup", "review", "plan", ws, "TL02/2026-Q2", "--kind", "development",
                                  "--text", "参加对公业务培训", "--due", "2026-12-31"]],
    ("review", "act"): lambda: [["--as", "sup", "review", "act", ws, "TL03/2026-Q2", "propose_goals"]],
    ("flow", "show"): lambda: [["flow", "show", ws, "review"]],
    ("flow", "set"): lambda: [["--as", "hr", "flow", "set", ws, flow_file]],
    ("feedback", "inbox"): lambda: [["--as", "p2", "feedback", "inbox", ws]],
    ("feedback", "answer"): lambda: [["--as", "p1", "feedback", "answer", ws, "--request", "1", "--score",
                                      "teamwork=90"]],
    ("feedback", "results"): lambda: [["--as", "sup", "feedback", "results", ws, "--request", "1"]],
    ("feedback", "list"): lambda: [["--as", "sup", "feedback", "list", ws, "TL01/2026-Q2"]],
    ("feedback", "minimum"): lambda: [["feedback", "minimum", ws]],
    # The steps run in `merit --help` order, each on the state the one before left.
    ("pay", "approvers"): lambda: [["--as", "hr", "pay", "approvers", ws, "--set", "sup,fin", "--required", "1"],
                                   ["pay", "approvers", ws]],
    ("pay", "submit"): lambda: [["--as", "hr", "pay", "submit", ws, "--run", "2", "--reason", "二季度绩效工资"]],
    ("pay", "approve"): lambda: [["--as", "fin", "pay", "approve", ws, "--run", "2", "--reason", "核对无误"]],
    ("pay", "release"): lambda: [["--as", "hr", "pay", "release", ws, "--run", "2"]],
    ("pay", "status"): lambda: [["--as", "sup", "pay", "status", ws, "--run", "2"],
                                ["--as", "hr", "pay", "status", ws, "--run", "1"]],
    ("pay", "export"): lambda: [["--as", "fin", "pay", "export", ws, "--run", "2", "--format", "csv", "--out",
                                 os.path.join(work, "payroll.csv")]],
    ("calibrate", "open"): lambda: [["--as", "hr", "calibrate", "open", ws, "--run", "3", "--name", "二季度城东校准",
                                     "--unit", "TL-E", "--member", "p1", "--member", "p2"]],
    ("calibrate", "list"): lambda: [["--as", "p1", "calibrate", "list", ws]],
    ("calibrate", "show"): lambda: [["--as", "p2", "calibrate", "show", ws, "--session", "1"]],
    ("calibrate", "adjust"): lambda: [["--as", "p1", "calibrate", "adjust", ws, "--session", "1", "--manager",
                                       "TL01", "--points", "2.5", "--reason", "客户维护突出"]],
    ("calibrate", "rate"): lambda: [["--as", "p2", "calibrate", "rate", ws, "--session", "1", "--manager", "TL02",
                                     "--rating", "优秀", "--reason", "与同级比较偏低"]],
    ("calibrate", "close"): lambda: [["--as", "p1", "calibrate", "close", ws, "--session", "1"]],
    ("dispute", "open"): lambda: [["--as", "cm1", "dispute", "open", ws, "--run", "2", "--manager", "TL01",
                                   "--line", "total", "--reason", "新开户存款未计入"]],
    ("dispute", "request-info"): lambda: [["--as", "sup", "dispute", "request-info", ws, "--dispute", "1",
                                           "--reason", "请提供开户清单"]],
    ("dispute", "reply"): lambda: [["--as", "cm1", "dispute", "reply", ws, "--dispute", "1", "--reason",
                                    "清单已提交"]],
    ("dispute", "review"): lambda: [["--as", "sup", "dispute", "review", ws, "--dispute", "1"]],
    ("dispute", "uphold"): lambda: [["--as", "hr", "dispute", "uphold", ws, "--dispute", "1", "--reason", "属实",
                                     "--correction", "next_period", "--note", "三季度补发"]],
    ("dispute", "reject"): lambda: [["--as", "hr", "dispute", "reject", ws, "--dispute",
                                     dispute_under_review("rating"), "--reason", "数据核对无误"]],
    ("dispute", "withdraw"): lambda: [["--as", "cm1", "dispute", "withdraw", ws, "--dispute",
                                       dispute_under_review("total")]],
    ("dispute", "show"): lambda: [["--as", "cm1", "dispute", "show", ws, "--dispute", "1"]],
    ("dispute", "list"): lambda: [["--as", "cm1", "dispute", "list", ws], ["--as", "hr", "dispute", "list", ws]],
}
# What a command reads on standard input.
STDIN = {("users", "password"): "a long enough password 1\n"}
# Commands whose documented JSON comes while they keep running: the first line.
FIRST_LINE = {("serve",): lambda: [["serve", ws, "--port", "0"]]}


def output_of(args, first_line_only, stdin):
    if not first_line_only:
        result = merit_run(*args, check=False, stdin=stdin)
        # validate exits 1 with problems; its JSON is still the output
        if result.returncode not in (0, 1) or (result.returncode == 1 and args[0] != "validate"):
            fail(f"merit {' '.join(args)}: exit {result.returncode}: {result.stderr.strip()}")
        return result.stdout
    proc = subprocess.Popen([merit, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    line = proc.stdout.readline()
    proc.send_signal(signal.SIGTERM)
    proc.communicate(timeout=60)
    return line


commands = merit_commands.leaves(merit_commands.discover(merit))
checked = 0
for words in commands:
    name = " ".join(words)
    if "--json" not in merit_commands.options(merit_commands.help_text(merit, list(words))):
        fail(f"merit {name}: no --json")
        continue
    if name not in shapes:
        fail(f"merit {name}: no shape in the README's \"JSON output\"")
        continue
    recipe = RECIPES.get(words) or FIRST_LINE.get(words)
    if not recipe:
        fail(f"merit {name}: this test does not know how to run it (add it to RECIPES)")
        continue
    for args in recipe():
        where = f"merit {' '.join(args)} --json"
        text = output_of([*args, "--json"], words in FIRST_LINE, STDIN.get(words, ""))
        if text.count("\n") != 1 or not text.endswith("\n"):
            fail(f"{where}: not one line: {text[:200]!r}")
        value = parse(text, where)
        shape = shape_for(name, args)
        if shape is None:
            fail(f"{where}: no documented shape for these flags")
        elif value is not None:
            check_shape(value, shape, where)
            checked += 1
for documented in shapes:
    if tuple(documented.split()) not in commands:
        fail(f"the README documents merit {documented} --json, which is no command")

if failures:
    print("\n".join(failures))
    sys.exit(1)
print(f"{len(commands)} commands, {checked} outputs, each of its documented shape")
