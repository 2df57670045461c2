#!/bin/sh
# One man page per `merit` command, made by help2man from the command's own
# --help text (the CLI11 text `merit help COMMAND` shows too): merit.1,
# merit-run.1, merit-plugins-list.1, ... Commands are found in the
# "Subcommands:" list of each --help, so a new command gets its page without
# an edit here.
# Usage: make_man_pages.sh MERIT VERSION OUT_DIR
set -eu
merit=$1
version=$2
out=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rm -rf "$out/man1"
mkdir -p "$out/man1"

# "name<TAB>description" of each subcommand listed by `merit WORDS --help`.
subcommands() {
    # shellcheck disable=SC2086
    "$merit" $1 --help | awk '
        /^Subcommands:/ { listing = 1; next }
        listing && /^  [a-z]/ {
            name = $1; $1 = ""; sub(/^ +/, ""); print name "\t" $0; next
        }
        listing && !/^  / { listing = 0 }'
}

# page WORDS DESCRIPTION: the page of `merit WORDS` (WORDS may be empty).
page() {
    words=$1
    name=merit$(printf '%s' "$words" | sed 's/^/ /; s/ \+/-/g')
    wrapper="$tmp/$name"
    printf '#!/bin/sh\nexec "%s" %s "$@"\n' "$merit" "$words" >"$wrapper"
    chmod +x "$wrapper"
    {
        printf '[SEE ALSO]\n'
        if [ -n "$words" ]; then
            printf '.BR merit (1)\nfor the options every command takes (\\-\\-log\\-level, \\-\\-config, \\-\\-no\\-progress, ...).\n'
        else
            printf 'merit\\-COMMAND(1) for each command, e.g.\n.BR merit\\-run (1).\n'
        fi
    } >"$tmp/$name.include"
    help2man --no-info --no-discard-stderr --section=1 --source="Merit $version" --manual="Merit" \
        --version-string="$version" --name="$2" --include="$tmp/$name.include" \
        --output="$out/man1/$name.1" "$wrapper"
    # Each in a subshell: sh has no local variables.
    subcommands "$words" | while IFS="$(printf '\t')" read -r sub description; do
        (page "${words:+$words }$sub" "$description")
    done
}

page "" "evaluates customer managers and turns their data into scores, ratings and pay"
