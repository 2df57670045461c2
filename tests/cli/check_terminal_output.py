#!/usr/bin/python3
"""What `merit` writes where, as a terminal user and as a script see it
(issue 23): progress on stderr only when stderr is a terminal (a pseudo-
terminal here), never with --no-progress or --json; `merit run` into a pipe
writes only the run id to stdout (README "Output"), its summary to stderr;
--table / --top N put the ranking, and nothing else, on stdout.
Usage: check_terminal_output.py MERIT SOURCE_DIR WORK_DIR"""
import json
import os
import pty
import re
import select
import shutil
import subprocess
import sys

merit, source, work = sys.argv[1], sys.argv[2], sys.argv[3]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
ws = os.path.join(work, "ws.merit")
samples = os.path.join(source, "config", "samples", "telecom")
scheme = os.path.join(source, "config", "telecom.scheme.json")
env = {k: v for k, v in os.environ.items() if k not in ("MERIT_CONFIG", "MERIT_PLUGIN_PATH")}
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def run(*args, stdout_tty=False, stderr_tty=False):
    """Runs merit with stdout and stderr each a pipe or a pseudo-terminal of
    its own; returns (status, stdout bytes, stderr bytes)."""
    ends = {}
    for name, tty in (("out", stdout_tty), ("err", stderr_tty)):
        if tty:
            master, slave = pty.openpty()
        else:
            master, slave = os.pipe()
        ends[name] = (master, slave)
    proc = subprocess.Popen([merit, *args], stdin=subprocess.DEVNULL, stdout=ends["out"][1],
                            stderr=ends["err"][1], env=env)
    for _, slave in ends.values():
        os.close(slave)
    data = {name: b"" for name in ends}
    open_ends = {master: name for name, (master, _) in ends.items()}
    while open_ends:
        ready, _, _ = select.select(list(open_ends), [], [], 120)
        if not ready:
            proc.kill()
            sys.exit(f"merit {' '.join(args)}: no output for 120 s")
        for fd in ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # EIO: the terminal's other side closed
                chunk = b""
            if chunk:
                data[open_ends[fd]] += chunk
            else:
                os.close(fd)
                del open_ends[fd]
    return proc.wait(), data["out"], data["err"]


def ok(*args, **kw):
    status, out, err = run(*args, **kw)
    if status != 0:
        sys.exit(f"merit {' '.join(args)} failed ({status}): {err.decode(errors='replace')}")
    return out.decode(), err.decode()


PROGRESS = "\r\x1b[K"  # the line redrawn in place

ok("init", ws)
# --- import: progress when stderr is a terminal, none into a pipe ---
out, err = ok("import", ws, "--dir", samples, stderr_tty=True)
check(PROGRESS in err, f"import at a terminal shows no progress: {err!r}")
check(re.search(r"import facts\.csv \(file \d+ of \d+\)", err), f"import progress names no file: {err!r}")
check(out == "", f"import into a pipe wrote to stdout: {out!r}")
check("facts: " in err and "inserted" in err, f"import summary not on stderr: {err!r}")

ws2 = os.path.join(work, "ws2.merit")
ok("init", ws2)
out, err = ok("import", ws2, "--dir", samples)
check(PROGRESS not in err and "(file " not in err, f"import into a pipe shows progress: {err!r}")
out, err = ok("--no-progress", "import", ws2, "--dir", samples, stderr_tty=True)
check(PROGRESS not in err and "(file " not in err, f"--no-progress still shows progress: {err!r}")

# --- run into a pipe: stdout holds the run id alone ---
out, err = ok("run", ws, "--scheme", scheme, "--period", "2026-Q2", stderr_tty=True)
check(out == "1\n", f"run into a pipe: stdout {out!r}, documented: the run id alone")
check(PROGRESS in err and "run: scores" in err, f"run at a terminal shows no stages: {err!r}")
check(re.search(r"stored as run 1: telecom-big-customer 2026-Q2, 15 managers \(.*\), pay \d+\.\d\d yuan", err),
      f"run summary not on stderr: {err!r}")

out, err = ok("run", ws, "--scheme", scheme, "--period", "2026-Q2")
check(out == "2\n", f"second run into a pipe: stdout {out!r}")
check(PROGRESS not in err and "run: " not in err, f"run into a pipe shows progress: {err!r}")

# at a terminal the summary is the output; no bare id line
out, err = ok("run", ws, "--scheme", scheme, "--period", "2026-Q2", stdout_tty=True)
check(re.match(r"stored as run 3: telecom-big-customer 2026-Q2, 15 managers", out), f"run at a terminal: {out!r}")

# --json: the JSON alone, and no progress even at a terminal
out, err = ok("run", ws, "--scheme", scheme, "--period", "2026-Q2", "--json", stderr_tty=True)
check(json.loads(out)["run"] == 4, "run --json: not the run's JSON")
check(PROGRESS not in err and "run: " not in err, f"run --json shows progress: {err!r}")

# --top N / --table: the ranking alone on stdout (header, rule, rows)
out, err = ok("run", ws, "--scheme", scheme, "--period", "2026-Q2", "--top", "5")
lines = out.splitlines()
check(len(lines) == 2 + 5 and lines[0].split()[:2] == ["rank", "manager"] and set(lines[1]) <= {"-", " "},
      f"run --top 5 into a pipe: {out!r}")
check([line.split()[0] for line in lines[2:]] == ["1", "2", "3", "4", "5"], f"--top 5 ranks: {out!r}")
check("... and 10 more" in err and "stored as run 5" in err, f"run --top 5: stderr {err!r}")
out, err = ok("run", ws, "--scheme", scheme, "--period", "2026-Q2", "--table")
check(len(out.splitlines()) == 2 + 15, f"run --table into a pipe: {len(out.splitlines())} lines")
status, _, err = run("run", ws, "--scheme", scheme, "--period", "2026-Q2", "--table", "--top", "3")
check(status == 2, f"--table with --top: exit {status}, expected a usage error")

if failures:
    print("\n".join(failures))
    sys.exit(1)
print("progress only at a terminal; merit run into a pipe writes what the README says")
