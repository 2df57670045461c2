#!/usr/bin/env bash
# Runs every libFuzzer target of a MERIT_FUZZ build for a bounded time each
# (`make fuzz`). Usage: run_fuzzers.sh BUILD_DIR SECONDS [TARGET...]
#
# Seeds come from what Merit ships: the sample CSVs (first 4 KB of each, cut
# at a line end, behind the byte that picks the table), the schemes, the
# plugin manifests, a tiny ELF file carrying the template's manifest, and
# period strings. Inputs the fuzzers find interesting accumulate in
# BUILD_DIR/tests/fuzz/corpus/<target>; a crashing input is written to
# BUILD_DIR/tests/fuzz/crashes/<target>/ and fails the run: fix the bug, then
# keep the input in tests/fuzz/regressions/<target>/ so `make test` replays it.
set -euo pipefail
build=$(realpath "$1")
seconds=$2
shift 2
src=$(cd "$(dirname "$0")/../.." && pwd)
fuzz="$build/tests/fuzz"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(csv_import scheme period manifest_json manifest_elf)

seeds() {  # fills $fuzz/seeds/$1 from the shipped files
    local dir="$fuzz/seeds/$1"
    rm -rf "$dir" && mkdir -p "$dir"
    case $1 in
    csv_import)
        local tables=(org_units managers customers assignments metrics facts events targets ratings)
        for i in "${!tables[@]}"; do
            for csv in "$src"/config/samples/*/"${tables[$i]}.csv"; do
                [ -f "$csv" ] || continue
                local out="$dir/$(basename "$(dirname "$csv")")_${tables[$i]}"
                printf "\\x$(printf %02x "$i")" >"$out"
                if [ "$(stat -c %s "$csv")" -le 4096 ]; then cat "$csv"; else head -c 4096 "$csv" | sed '$d'; fi >>"$out"
            done
        done ;;
    scheme) cp "$src"/config/*.scheme.json "$dir"/ ;;
    manifest_json)
        for m in "$src"/plugins/*/plugin.json "$src"/sdk/template/plugin.json; do
            cp "$m" "$dir/$(basename "$(dirname "$m")").json"
        done ;;
    manifest_elf)
        # A minimal shared object whose .merit_manifest section holds the
        # template's manifest, as merit_add_plugin embeds it.
        printf '__asm__(".section .merit_manifest,\\"a\\"\\n.incbin \\"%s\\"\\n.byte 0\\n.previous");\n' \
            "$src/sdk/template/plugin.json" >"$fuzz/seed_plugin.cpp"
        clang++ -fPIC -shared -nostdlib -Wl,-s -Wl,-z,noseparate-code -o "$dir/template.so" "$fuzz/seed_plugin.cpp"
        clang++ -fPIC -shared -nostdlib -Wl,-s -Wl,-z,noseparate-code -o "$dir/no_manifest.so" -x c++ /dev/null ;;
    period)
        local n=0
        for p in 2026-07 2026-Q3 2026-H2 2026 2026-07-01..2026-07-10 2024-02-29..2025-02-28 0001-01 9999-Q4; do
            printf %s "$p" >"$dir/$((n++))"
        done ;;
    esac
}

failed=()
for t in "${targets[@]}"; do
    exe="$fuzz/merit_fuzz_$t"
    [ -x "$exe" ] || { echo "fuzz: $exe not built (cmake --build $build --target merit_fuzzers)" >&2; exit 1; }
    seeds "$t"
    mkdir -p "$fuzz/corpus/$t" "$fuzz/crashes/$t"
    dirs=("$fuzz/corpus/$t" "$fuzz/seeds/$t")
    [ -d "$src/tests/fuzz/regressions/$t" ] && dirs+=("$src/tests/fuzz/regressions/$t")
    echo "== fuzz $t for ${seconds}s"
    if "$exe" -max_total_time="$seconds" -print_final_stats=1 -timeout=10 -rss_limit_mb=4096 \
        -artifact_prefix="$fuzz/crashes/$t/" "${dirs[@]}" >"$fuzz/$t.log" 2>&1; then
        grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|#[0-9]+ +DONE)' "$fuzz/$t.log" || true
    else
        echo "fuzz: $t FAILED; log: $fuzz/$t.log; input: $(ls -t "$fuzz/crashes/$t" | head -1)" >&2
        grep -A12 -m1 -E '^==[0-9]+==ERROR|runtime error|deadly signal|uncaught' "$fuzz/$t.log" >&2 || tail -20 "$fuzz/$t.log" >&2
        failed+=("$t")
    fi
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz: failed: ${failed[*]}" >&2
    exit 1
fi
echo "fuzz: every target ran ${seconds}s without a fault"
