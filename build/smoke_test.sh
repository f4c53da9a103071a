#!/usr/bin/env bash
# Smoke test of the built one-folder application: run it the way a laptop without Python would.
#
#   build/smoke_test.sh [BUNDLE_DIR]        (default: dist/workstation)
#   SMOKE_MODELS=DIR build/smoke_test.sh    (a bundle built without models: use the model folders in DIR)
#
# Every call runs with an empty environment (no PATH, no PYTHONPATH/PYTHONHOME, a fresh HOME and
# WORKSTATION_HOME), offscreen Qt, from a working directory outside the repository. When this runs as root with
# unshare(1), it also runs inside a private mount namespace in which every Python installation on this machine
# and the repository's source, venvs, models/ and resources/ are hidden under empty tmpfs mounts, so the bundle can
# only use what it carries. Checks: --version, --self-test (models, translation both ways, proofreading, diff,
# store, window), a `translate` and a `check` call on real files, and a signed .wsmodel round trip.
set -u

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$script_dir/.." && pwd)"
bundle="$(cd "${1:-$repo/dist/workstation}" 2>/dev/null && pwd)" || { echo "smoke test: no bundle at ${1:-dist/workstation}" >&2; exit 2; }
exe="$bundle/workstation"
[ -x "$exe" ] || { echo "smoke test: $exe is missing or not executable" >&2; exit 2; }

# Re-run inside a private mount namespace (hiding Python) when possible.
if [ "${SMOKE_INSIDE:-}" != 1 ] && [ "$(id -u)" = 0 ] && command -v unshare >/dev/null \
    && unshare --mount --propagation private true 2>/dev/null; then
    SMOKE_INSIDE=1 exec unshare --mount --propagation private "$BASH" "${BASH_SOURCE[0]}" "$bundle"
fi

hidden=()
if [ "${SMOKE_INSIDE:-}" = 1 ]; then
    candidates=("$repo/.venv" "$repo/.venv-train" "$repo/.venv-bench" "$repo/workstation" "$repo/models"
        "$repo/resources" /usr/lib/python3* /usr/local/lib/python3* /opt/python* /root/.pyenv /root/.local/lib/python3*)
    for dir in "${candidates[@]}"; do
        case "$bundle/" in "$dir"/*) continue ;; esac  # never hide the bundle itself
        case "${SMOKE_MODELS:-/nonexistent}/" in "$dir"/*) continue ;; esac  # nor the models it was given
        if [ -d "$dir" ] && mount -t tmpfs -o ro,size=1k smoke-hidden "$dir" 2>/dev/null; then
            hidden+=("$dir")
        fi
    done
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/workstation-smoke.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/home" "$work/data" "$work/files"

failures=()
step() { printf '\n== %s\n' "$1"; }
fail() { echo "FAIL: $1"; failures+=("$1"); }

# The bundle, with nothing from this machine's environment.
models_env=()
[ -n "${SMOKE_MODELS:-}" ] && models_env=(WORKSTATION_MODELS="$(cd "$SMOKE_MODELS" && pwd)")
app() {
    (cd "$work/files" && env -i HOME="$work/home" WORKSTATION_HOME="$work/data" QT_QPA_PLATFORM=offscreen \
        LANG=C.UTF-8 LC_ALL=C.UTF-8 "${models_env[@]}" "$exe" "$@")
}

step "environment"
echo "bundle: $bundle ($(du -sh "$bundle" | cut -f1))"
[ ${#models_env[@]} -gt 0 ] && echo "models from outside the bundle: ${models_env[0]#*=}"
if [ ${#hidden[@]} -gt 0 ]; then
    echo "hidden (empty tmpfs): ${hidden[*]}"
    for python in /usr/bin/python3 /usr/local/bin/python3 "$repo/.venv/bin/python"; do
        if [ -e "$python" ] && env -i "$python" -c 'import encodings' >/dev/null 2>&1; then
            fail "a Python installation is still usable inside the sandbox: $python"
        fi
    done
    echo "no Python installation is usable here (as intended)"
else
    echo "not root or no unshare: Python installations are not hidden; relying on the empty environment only"
fi

step "workstation --version"
version_out="$(app --version 2>&1)"; rc=$?
echo "$version_out"
[ $rc = 0 ] && [[ "$version_out" == workstation\ * ]] || fail "--version (exit $rc)"

step "workstation --self-test"
app --lang en --self-test; rc=$?
[ $rc = 0 ] || fail "--self-test (exit $rc)"

step "workstation translate (ja→en)"
printf '本日、大使は外務大臣と会談した。\n会談では二国間関係について意見を交換した。\n' > "$work/files/cable-ja.txt"
app translate cable-ja.txt --to en -o cable-en.txt; rc=$?
if [ $rc = 0 ] && [ -s "$work/files/cable-en.txt" ]; then
    cat "$work/files/cable-en.txt"
else
    fail "translate (exit $rc)"
fi

step "workstation check (a doubled particle must be found)"
printf '会議をを開催します。\n' > "$work/files/draft.txt"
check_out="$(app --lang en check draft.txt 2>&1)"; rc=$?
echo "$check_out"
# exit 1 means "findings": the check ran and found the planted error
[ $rc = 1 ] && [ -n "$check_out" ] || fail "check (exit $rc, expected 1 with a finding)"

step "signed model bundle: keygen, trust, pack, import (.wsmodel)"
model_dir="$(find "$bundle" ${SMOKE_MODELS:+"$SMOKE_MODELS"} -path '*/workstation-model.json' -print -quit)"
if [ -z "$model_dir" ]; then
    echo "skipped: no model in the bundle (built with WORKSTATION_BUNDLE_MODELS=none) and no SMOKE_MODELS"
else
    model_dir="$(dirname "$model_dir")"
    model_id="$(basename "$model_dir")"
    app --lang en models keygen -o keys >/dev/null \
        && app --lang en models trust keys/workstation-signing.pub \
        && app --lang en models pack "$model_dir" -o "smoke-$model_id.wsmodel" --key keys/workstation-signing.key \
        && app --lang en models import "smoke-$model_id.wsmodel" --id "smoke-$model_id" \
        && app --lang en models verify "smoke-$model_id"; rc=$?
    [ $rc = 0 ] || fail ".wsmodel round trip (exit $rc)"
fi

step "result"
if [ ${#failures[@]} -eq 0 ]; then
    echo "smoke test passed"
    exit 0
fi
printf 'smoke test FAILED: %s\n' "${failures[@]}"
exit 1
