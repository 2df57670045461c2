#!/usr/bin/python3
"""`make install` puts a man page per command where `man` finds it: the tree
is installed into a fresh prefix, and `man merit-<command>` (found through
PATH, as man-db does for any prefix) must show every command's page with its
description and every option its --help lists.
Usage: check_man_pages.py BUILD_DIR WORK_DIR"""
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import merit_commands  # noqa: E402

build, work = sys.argv[1], sys.argv[2]
shutil.rmtree(work, ignore_errors=True)
prefix = os.path.join(work, "prefix")
subprocess.run(["cmake", "--install", build, "--prefix", prefix], check=True, capture_output=True)
merit = os.path.join(prefix, "bin", "merit")
env = {k: v for k, v in os.environ.items() if k not in ("MANPATH", "MERIT_CONFIG", "MERIT_PLUGIN_PATH")}
env["PATH"] = os.path.join(prefix, "bin") + os.pathsep + env.get("PATH", "/usr/bin:/bin")
env["MANWIDTH"] = "200"
failures = []

commands = [()] + merit_commands.discover(merit)
for words in commands:
    name = "-".join(("merit", *words))
    page = subprocess.run(["man", "-P", "cat", name], capture_output=True, text=True, env=env)
    if page.returncode != 0:
        failures.append(f"man {name}: exit {page.returncode}: {page.stderr.strip()}")
        continue
    # man renders '-' as U+2010 in some locales; compare in plain ASCII
    text = page.stdout.replace("\u2010", "-").replace("\u2212", "-")
    if name + " - " not in text:
        failures.append(f"man {name}: no NAME line '{name} - ...'")
    for option in merit_commands.options(merit_commands.help_text(merit, list(words))):
        if option not in text:
            failures.append(f"man {name}: option {option} of its --help is missing")

if failures:
    print("\n".join(failures))
    sys.exit(1)
print(f"{len(commands)} man pages installed, each with its command's options")
