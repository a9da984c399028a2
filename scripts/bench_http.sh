#!/usr/bin/env bash
# HTTP benchmark: gunicorn with the production config (gunicorn.conf.py, 4 workers) over the
# demo data, loaded by wrk on 127.0.0.1. Each route's requests/s is reported as a ratio to a
# trivial route (/healthz) measured just before it, because the machine is shared and noisy:
# measured once at the start, the baseline drifted with the machine over the run's minutes
# (the same code's listing page read 1.04 and 0.53 in two runs of one morning).
#
#   scripts/bench_http.sh [sqlite|postgresql|both]      (default: both)
#   DURATION=20s CONNECTIONS=32 THREADS=2 scripts/bench_http.sh sqlite
#
# Needs: make install (the .venv), wrk (apt-get install wrk), PostgreSQL and Redis on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
PORT=${PORT:-8799}
BASE="http://127.0.0.1:$PORT"
OUT=${OUT:-artifacts/bench_http}
BIN=.venv/bin
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

run_one() {
  local db=$1 dir="$OUT/$1" instance
  instance=$(mktemp -d)
  mkdir -p "$dir"
  rm -f "$dir"/*.txt
  export JOBBRIDGE_INSTANCE_PATH=$instance JOBBRIDGE_AS_OF_DATE=2020-09-01
  export JOBBRIDGE_ENV=production JOBBRIDGE_COOKIE_SECURE=1 JOBBRIDGE_LOG_LEVEL=warning
  export SECRET_KEY=$($BIN/python -c 'import secrets; print(secrets.token_urlsafe(48))')
  export REDIS_URL=redis://127.0.0.1:6379/12 JOBBRIDGE_BIND=127.0.0.1:$PORT
  if [ "$db" = postgresql ]; then
    dropdb -h 127.0.0.1 -U postgres --if-exists jobbridge_bench
    createdb -h 127.0.0.1 -U postgres jobbridge_bench
    export DATABASE_URL=postgresql://postgres@127.0.0.1:5432/jobbridge_bench
  else
    unset DATABASE_URL
  fi
  $BIN/flask --app wsgi db upgrade >/dev/null
  $BIN/flask --app wsgi seed-demo | tail -n 4
  $BIN/gunicorn -c gunicorn.conf.py --access-logfile /dev/null wsgi:app &
  local pid=$!
  trap 'kill $pid 2>/dev/null || true' RETURN
  for _ in $(seq 1 120); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.5; done

  local seeker post token
  seeker=$($BIN/flask --app wsgi seed-demo --if-empty | sed -n 's/.*求职者：\([0-9]*\).*/\1/p')
  token=$(curl -sf -X POST "$BASE/api/v1/auth/token" -H 'Content-Type: application/json' \
    -d "{\"phone\": \"$seeker\", \"password\": \"Changle2020\"}" | $BIN/python -c 'import json,sys; print(json.load(sys.stdin)["token"])')
  post=$(curl -sf "$BASE/api/v1/posts?per_page=1" | $BIN/python -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')

  measure() {  # file name, then wrk arguments
    local name=$1; shift
    wrk -t"$THREADS" -c"$CONNECTIONS" -d2s "$@" >/dev/null   # warm-up
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" > "$dir/$name.txt"
  }
  bench() {  # name, then wrk arguments; /healthz is measured again just before each route
    local name=$1; shift
    measure "$name.base" "$BASE/healthz"
    measure "$name" "$@"
    echo "  $name done"
  }
  echo "== $db: $CONNECTIONS connections, $DURATION per route =="
  measure trivial "$BASE/healthz"
  bench search_api -s scripts/wrk/queries.lua "$BASE/api/v1/posts?per_page=20&q="
  bench search_api_uncached -s scripts/wrk/queries.lua "$BASE/api/v1/posts?per_page=20&q=" -- unique
  bench listing_page -s scripts/wrk/queries.lua "$BASE/posts?q="
  bench post_detail "$BASE/posts/$post"
  bench recommend -H "Authorization: Bearer $token" "$BASE/api/v1/me/recommendations?top=10"
  $BIN/python scripts/wrk_report.py "$dir"
  kill $pid && wait $pid 2>/dev/null || true   # before its database goes: a recycled worker would not open it
  rm -rf "$instance"
}

case "${1:-both}" in
  sqlite|postgresql) run_one "$1" ;;
  both) run_one sqlite; run_one postgresql ;;
  *) echo "usage: $0 [sqlite|postgresql|both]" >&2; exit 2 ;;
esac
