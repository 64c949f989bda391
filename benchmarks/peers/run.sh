#!/usr/bin/env bash
# Engine vs numba on the README's SmaCross (see README.md here). Needs Debian's numba for /usr/bin/python3, whatever
# python3 comes first on PATH: installs python3-numba and python3-numpy with apt-get when they are missing (as root),
# or says how. Arguments go to run.py, e.g. --rounds 10 --runs 5 --json out.json.
set -euo pipefail
cd "$(dirname "$0")"
PY=/usr/bin/python3
if ! "$PY" -c 'import numba, numpy' 2>/dev/null; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "installing Debian's python3-numba and python3-numpy for $PY..." >&2
    apt-get install -y -q python3-numba python3-numpy >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q python3-numba python3-numpy >/dev/null; }
  else
    echo "error: $PY cannot import numba and numpy. Install them with: sudo apt-get install python3-numba python3-numpy" >&2
    exit 1
  fi
fi
exec "$PY" run.py "$@"
