#!/usr/bin/env bash
# The load benchmark on the production shape (bench/README.md, "Fast when
# everyone comes at once"): gunicorn with 4 WSGI workers, PRODUCTION=true
# (DEBUG off, collected static through whitenoise), PostgreSQL and Redis; locust
# headless with 32 people, for a fixed time per phase (the floor, each page
# alone, the campaign's mix); a table per page at the end.
#
#   bench/load/run.sh                # each page alone 10 s, then the mix 30 s
#   PAGES="floor lesson" PAGE_DURATION=20 DURATION=60 bench/load/run.sh
#   BENCH_WEIGHTS=anonymous=1,learner=1,floor=0 bench/load/run.sh
#   SETUP=0 bench/load/run.sh        # the database is ready: skip the setup
#
# The first run creates the database (BENCH_DB, default skills_load), migrates,
# loads the demo content and generates the larger catalogue (a few minutes);
# later runs find them and only check. Everything this script starts is stopped
# at the end. Results: $OUT (stats CSV, server log).
set -euo pipefail
cd "$(dirname "$0")/../.."

VENV=${VENV:-.venv}
PY=$VENV/bin/python
if [ ! -x "$VENV/bin/locust" ]; then
  echo "locust is not installed: $VENV/bin/pip install -e '.[bench]'" >&2
  exit 1
fi
BENCH_DB=${BENCH_DB:-skills_load}
export PRODUCTION=true
export SECRET_KEY=${SECRET_KEY:-bench-load-not-a-secret}
export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/$BENCH_DB}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/5}
export ALLOWED_HOSTS=127.0.0.1,localhost
export SITE_BASE_URL=${SITE_BASE_URL:-http://127.0.0.1:8000}
export DEFAULT_FROM_EMAIL=${DEFAULT_FROM_EMAIL:-"Bench <noreply@bench.example>"}
# locust's people come through a "proxy": one address each in X-Forwarded-For.
export TRUSTED_PROXY_COUNT=1
USERS=${USERS:-32}
# Seconds of each phase: the campaign's mix, each page alone; phases with
# learners last SIGN_IN more, figures counted once all are signed in.
DURATION=${DURATION:-30}
PAGE_DURATION=${PAGE_DURATION:-10}
SIGN_IN=${SIGN_IN:-15}
PAGES=${PAGES:-floor home course agenda session dashboard lesson}
WORKERS=${WORKERS:-4}
SETUP=${SETUP:-1}
OUT=${OUT:-bench/load/out/$(date -u +%Y%m%d-%H%M%S)}
export BENCH_MANIFEST=${BENCH_MANIFEST:-bench/load/manifest.json}
mkdir -p "$OUT"

if [ "$SETUP" = 1 ]; then
  createdb -h 127.0.0.1 -U postgres "$BENCH_DB" 2>/dev/null || true
  $PY manage.py migrate --noinput -v 0
  $PY manage.py load_demo >/dev/null
  $PY manage.py bench_catalogue --manifest "$BENCH_MANIFEST"
fi
# Collected again only when a static file changed (compressing Pyodide takes
# a minute).
if [ ! -f staticfiles/staticfiles.json ] \
   || [ -n "$(find static -newer staticfiles/staticfiles.json -print -quit)" ]; then
  $PY manage.py collectstatic --noinput -v 0
fi

PORT=$($PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# GUNICORN_ARGS: more options, e.g. "--threads 2" (gthread workers).
# shellcheck disable=SC2086
$VENV/bin/gunicorn config.wsgi:application -w "$WORKERS" -b "127.0.0.1:$PORT" ${GUNICORN_ARGS:-} \
  >"$OUT/server.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  curl -sf "http://127.0.0.1:$PORT/health/" >/dev/null && break
  sleep 0.2
done
# One request of each page before the clock starts: imports and templates load
# in each worker, as on a server that has been up a while (no page cache here).
for path in / /agenda/ /health/; do
  for _ in $(seq "$WORKERS"); do
    curl -s -o /dev/null -H 'X-Forwarded-Proto: https' "http://127.0.0.1:$PORT$path"
  done
done

# One phase after another on the same server: the floor alone, each page
# alone, then the campaign's mix. Each: 32 people from the start, no pause.
phase() {  # name, seconds, then environment for locustfile.py
  local name=$1 duration=$2
  shift 2
  case "$name" in page-dashboard|page-lesson|campaign) duration=$((duration + SIGN_IN));; esac
  echo "$name: $(uptime)" >>"$OUT/load.txt"
  env "$@" $VENV/bin/locust -f bench/load/locustfile.py --headless --only-summary \
    -u "$USERS" -r "$USERS" -t "${duration}s" --host "http://127.0.0.1:$PORT" \
    --csv "$OUT/$name" --loglevel WARNING >>"$OUT/locust.log" 2>&1 || true
}
echo "load before: $(uptime)"
for page in $PAGES; do
  phase "page-$page" "$PAGE_DURATION" BENCH_PAGE="$page"
done
phase campaign "$DURATION" BENCH_PAGE=
echo "load after:  $(uptime)" | tee -a "$OUT/load.txt"
echo "$USERS users, gunicorn $WORKERS workers; pages alone ${PAGE_DURATION} s each," \
  "campaign $DURATION s (${BENCH_WEIGHTS:-anonymous=6,learner=3,floor=1})" \
  | tee "$OUT/table.txt"
$PY bench/load/report.py "$OUT" | tee -a "$OUT/table.txt"
echo "(stats: $OUT)"
