"""Every command `merit` has, found the way a user finds them: the
"Subcommands:" list of `merit --help`, and of each command's own --help.
Tests that must cover every command (the --json shapes, the man pages)
start from here, so a command added later is covered or fails them."""
import re
import subprocess


def help_text(merit, words):
    result = subprocess.run([merit, *words, "--help"], capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"merit {' '.join(words)} --help failed: {result.stderr}")
    return result.stdout


def subcommands(text):
    """(name, description) of each entry in a --help text's Subcommands list."""
    found, listing = [], False
    for line in text.splitlines():
        if line.startswith("Subcommands:"):
            listing = True
        elif listing and re.match(r"  [a-z]", line):
            name, _, description = line.strip().partition(" ")
            found.append((name, description.strip()))
        elif listing and not line.startswith("  "):
            listing = False
    return found


def options(text):
    """The long options a --help text lists (--json, --run, ...), --help left out."""
    return sorted({m for m in re.findall(r"(?<![\w-])--[a-z][a-z-]*", text) if m != "--help"})


def discover(merit):
    """Every command as a tuple of words, parents before children:
    ("init",), ..., ("plugins",), ("plugins", "list"), ..."""
    commands = []

    def walk(words):
        for name, _ in subcommands(help_text(merit, words)):
            command = (*words, name)
            commands.append(command)
            walk(list(command))

    walk([])
    return commands


def leaves(commands):
    """The commands that do something themselves (no subcommands of their own)."""
    return [c for c in commands if not any(len(o) > len(c) and o[:len(c)] == c for o in commands)]
