#!/bin/sh
# Render the diff HTML report in headless Chromium and save a screenshot.
# Usage: build/screenshot_diff_report.sh [OUT.png]   (no argument: /tmp/diff-report.png, copied to docs/images/)
# REPORT_LANG=en for the English report, WINDOW_SIZE=1400,1000 for the browser window.
# Needs Debian's chromium and fonts-noto-cjk: apt-get install -y chromium fonts-noto-cjk
set -eu
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-.venv/bin/python}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# The original: Shift_JIS (CP932) with CRLF line endings, as legacy word processors save it.
cat > "$WORK/old.utf8" <<'TEXT'
件名：在外公館における情報管理の強化について

令和六年十一月二十日
外務省大臣官房

一　経緯
外務省は本日、関係各国との協議の結果を踏まえ、在外公館における情報管理の強化に関する新たな方針を決定した。
この方針は、公電の取扱いの厳格化と職員の意識向上を目的とする。

二　措置
第一に、公電の取扱いに関する規則を見直す。
第二に、職員の研修を拡充し、年二回の受講を義務付ける。
第三に、外部との通信について記録を残す。

三　実施時期
以上の措置は、来年四月から実施する予定である。
なお、詳細は追って通知する。
TEXT
# The revision: UTF-8 with LF line endings.
cat > "$WORK/new.txt" <<'TEXT'
件名：在外公館における情報管理の強化について

令和六年十一月二十日
外務省大臣官房

一　経緯
外務省が本日、関係各国との協議の結果を踏まえ、在外公館における情報管理の強化に関する新たな方針を決定した。
この方針は、公電の取扱いの厳格化と職員の意識向上を目的としている。

二　措置
第二に、職員の研修を拡充し、年一回の受講を義務付ける。
第三に、外部との通信について記録を残す。
第一に、公電の取扱いに関する規則を見直す。

三　実施時期
以上の措置は、来年四月から順次実施する予定である。
TEXT
"$PYTHON" - "$WORK/old.utf8" "$WORK/改訂前.txt" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
open(sys.argv[2], "wb").write(text.replace("\n", "\r\n").encode("cp932"))
PY
mv "$WORK/new.txt" "$WORK/改訂後.txt"

status=0
"$PYTHON" -m workstation --lang "${REPORT_LANG:-ja}" diff --format html --context 2 -o "$WORK/report.html" \
    "$WORK/改訂前.txt" "$WORK/改訂後.txt" || status=$?
[ "$status" -eq 1 ] || { echo "workstation diff exited $status (expected 1: documents differ)" >&2; exit 1; }

OUT="${1:-/tmp/diff-report.png}"
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
    --disable-sync --no-first-run --user-data-dir="$WORK/profile" --hide-scrollbars \
    --screenshot="$OUT" --window-size="${WINDOW_SIZE:-1400,1000}" "file://$WORK/report.html" 2>"$WORK/chromium.log" \
    || { cat "$WORK/chromium.log" >&2; exit 1; }
cp "$WORK/report.html" "${OUT%.png}.html"
if [ $# -eq 0 ]; then
    mkdir -p docs/images
    cp "$OUT" docs/images/diff-report.png
    echo "screenshot: $OUT (copied to docs/images/diff-report.png); report: ${OUT%.png}.html"
else
    echo "screenshot: $OUT; report: ${OUT%.png}.html"
fi
