#!/usr/bin/env bash
# The SDK exactly as a vendor and an operator use it (ctest: plugin.sdk_out_of_tree):
#   1. install the build into a fresh prefix;
#   2. copy the installed template, rename its id, build it out of tree with
#      find_package(MeritSDK) against that prefix;
#   3. copy the .so into <prefix>/lib/merit/plugins: listed untrusted, not loaded;
#   4. add its SHA-256 to <prefix>/share/merit/config/trusted.d/vendors.sha256:
#      listed trusted and loaded;
#   5. a second copy whose manifest says "api": "1.1" may call a 1.1 service
#      (with "1.0" the same call does not compile), and loads beside the
#      1.0 plugin;
#   6. an unknown .so copied in is listed untrusted and not loaded.
# The installed `merit` runs with an empty environment from another directory,
# so it can only find plugins and config relative to itself.
# Usage: sdk_out_of_tree.sh BUILD_DIR CMAKE UNKNOWN_PLUGIN_SO
set -euo pipefail
build_dir=$1
cmake=$2
unknown_so=$3

# Unique per run, so parallel ctest runs (or two build trees) never collide.
work=$(mktemp -d "${TMPDIR:-/tmp}/merit-sdk-test.XXXXXX")
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix

fail() { echo "sdk_out_of_tree: FAIL: $*" >&2; exit 1; }
step() { echo "--- $*"; }

step "install into $prefix"
"$cmake" --install "$build_dir" --prefix "$prefix" >"$work/install.log" || { cat "$work/install.log"; fail "install"; }
for f in bin/merit include/merit/plugin.h include/merit/plugin.hpp include/merit/money.hpp include/merit/calendar.hpp \
         lib/cmake/MeritSDK/MeritSDKConfig.cmake lib/cmake/MeritSDK/MeritSDKConfigVersion.cmake \
         share/merit/config/merit.json share/merit/config/trusted.d/builtin.sha256 \
         share/merit/sdk/template/CMakeLists.txt share/merit/sdk/README.md lib/merit/plugins/merit_template.so; do
  [ -e "$prefix/$f" ] || fail "the install lacks $f"
done

# The installed merit, with no environment at all, run from an unrelated directory.
merit() { (cd / && env -i "$prefix/bin/merit" "$@"); }
# Prints "<trust> <loaded>" for plugin id $1 from `merit plugins list --json`, or "absent".
state_of() {
  merit plugins list --json | python3 -c '
import json, sys
wanted = sys.argv[1]
for p in json.load(sys.stdin):
    if p.get("id") == wanted or (wanted.endswith(".so") and p["path"].endswith("/" + wanted)):
        print(p["trust"], "loaded" if p["loaded"] else "not-loaded")
        break
else:
    print("absent")' "$1"
}

step "the installed merit finds its own plugins and config"
[ "$(state_of template)" = "trusted loaded" ] || fail "built-in template plugin: $(state_of template)"

step "a vendor copies the template, renames it and builds it out of tree"
src=$work/acme_visits
cp -r "$prefix/share/merit/sdk/template" "$src"
sed -i 's/"id": "template"/"id": "acme_visits"/' "$src/plugin.json"
sed -i 's/MERIT_PLUGIN("template"/MERIT_PLUGIN("acme_visits"/' "$src/template_plugin.cpp"
sed -i 's/merit_add_plugin(template/merit_add_plugin(acme_visits/' "$src/CMakeLists.txt"
"$cmake" -S "$src" -B "$work/vendor-build" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release \
  >"$work/configure.log" 2>&1 || { cat "$work/configure.log"; fail "configure with find_package(MeritSDK)"; }
"$cmake" --build "$work/vendor-build" >"$work/build.log" 2>&1 || { cat "$work/build.log"; fail "build"; }
so=$work/vendor-build/merit_acme_visits.so
[ -f "$so" ] || fail "no $so"
exports=$(nm -D --defined-only "$so" | awk '{print $3}' | sort | tr '\n' ' ')
[ "$exports" = "merit_plugin_entry " ] || fail "exports more than the entry point: $exports"

step "a plugin that needs API 1.1 says so in its manifest, and only then may call a 1.1 service"
src11=$work/acme_runs
cp -r "$prefix/share/merit/sdk/template" "$src11"
sed -i 's/"id": "template"/"id": "acme_runs"/; s/"api": "1.0"/"api": "1.1"/' "$src11/plugin.json"
sed -i 's/MERIT_PLUGIN("template"/MERIT_PLUGIN("acme_runs"/' "$src11/template_plugin.cpp"
sed -i 's/merit_add_plugin(template/merit_add_plugin(acme_runs/' "$src11/CMakeLists.txt"
# A 1.1 service in the indicator: the latest run of a scheme (none here).
sed -i 's|        const auto counts = ctx.events(|        (void)ctx.run_latest("acme", "2026-01-01");\n        const auto counts = ctx.events(|' \
  "$src11/template_plugin.cpp"
grep -q 'ctx.run_latest' "$src11/template_plugin.cpp" || fail "could not add the 1.1 call to the template"
"$cmake" -S "$src11" -B "$work/build11" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release \
  >"$work/configure11.log" 2>&1 || { cat "$work/configure11.log"; fail "configure the 1.1 plugin"; }
"$cmake" --build "$work/build11" >"$work/build11.log" 2>&1 || { cat "$work/build11.log"; fail "build the 1.1 plugin"; }
so11=$work/build11/merit_acme_runs.so
[ -f "$so11" ] || fail "no $so11"
# The same call with "api": "1.0" does not compile, and says why.
sed -i 's/"api": "1.1"/"api": "1.0"/' "$src11/plugin.json"
if "$cmake" -S "$src11" -B "$work/build10" -DCMAKE_PREFIX_PATH="$prefix" >"$work/build10.log" 2>&1 &&
   "$cmake" --build "$work/build10" >>"$work/build10.log" 2>&1; then
  fail "a 1.0 manifest let the plugin call run_latest"
fi
grep -q 'run_latest is plugin API 1.1' "$work/build10.log" || { cat "$work/build10.log"; fail "no static_assert message"; }

step "copied in, not yet trusted"
cp "$so" "$prefix/lib/merit/plugins/"
[ "$(state_of acme_visits)" = "untrusted not-loaded" ] || fail "before trusting: $(state_of acme_visits)"
[ "$(state_of template)" = "trusted loaded" ] || fail "template after adding a vendor plugin: $(state_of template)"

step "the operator inspects it and adds the line it prints to an allow-list"
line=$(merit plugins inspect "$prefix/lib/merit/plugins/merit_acme_visits.so" | grep -E '^ +[0-9a-f]{64}  merit_acme_visits\.so$' \
       | sed 's/^ *//') || fail "inspect printed no allow-list line"
[ "${line%% *}" = "$(sha256sum "$so" | cut -d' ' -f1)" ] || fail "inspect's checksum differs from sha256sum"
echo "$line" >>"$prefix/share/merit/config/trusted.d/vendors.sha256"
[ "$(state_of acme_visits)" = "trusted loaded" ] || fail "after trusting: $(state_of acme_visits)"

step "a 1.0 and a 1.1 plugin load side by side"
cp "$so11" "$prefix/lib/merit/plugins/"
merit plugins trust "$prefix/lib/merit/plugins/merit_acme_runs.so" >/dev/null || fail "trust the 1.1 plugin"
[ "$(state_of acme_runs)" = "trusted loaded" ] || fail "1.1 plugin: $(state_of acme_runs)"
[ "$(state_of acme_visits)" = "trusted loaded" ] || fail "1.0 plugin beside a 1.1 one: $(state_of acme_visits)"
api_of() { merit plugins list --json | python3 -c 'import json,sys; print([p["api"] for p in json.load(sys.stdin) if p.get("id")==sys.argv[1]][0])' "$1"; }
[ "$(api_of acme_visits)" = "1.0" ] || fail "acme_visits api $(api_of acme_visits)"
[ "$(api_of acme_runs)" = "1.1" ] || fail "acme_runs api $(api_of acme_runs)"

step "an unknown .so copied in is untrusted and not loaded"
cp "$unknown_so" "$prefix/lib/merit/plugins/merit_unknown.so"
[ "$(state_of merit_unknown.so)" = "untrusted not-loaded" ] || fail "unknown plugin: $(state_of merit_unknown.so)"
[ "$(state_of acme_visits)" = "trusted loaded" ] || fail "vendor plugin after an unknown one: $(state_of acme_visits)"

step "success is quiet: nothing on stderr"
merit plugins list >/dev/null 2>"$work/stderr.log"
[ ! -s "$work/stderr.log" ] || { cat "$work/stderr.log"; fail "plugins list wrote to stderr"; }
echo "sdk_out_of_tree: OK"
