#!/usr/bin/env bash
# run.sh [UNDERTONE_SERVER] — the browser test (browser_test.py) with Debian's chromium and chromedriver and
# Selenium from PyPI in a venv under .build/ (created once). Screenshots: .build/web-screenshots/.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
server=${1:-$repo/.build/debug/undertone-server}
venv=$repo/.build/web-venv
if ! "$venv/bin/python" -c 'import selenium' 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q 'selenium>=4.20,<5'
fi
exec "$venv/bin/python" "$repo/Scripts/web/browser_test.py" "$server" "${@:2}"
