#!/usr/bin/env bash
# pdx's JSON panel endpoint against the bare typed axum baseline, over loopback HTTP with wrk.
# Both servers run the same release build of examples/bench_server.rs, one after the other, on 127.0.0.1; wrk
# (Debian's `wrk` package) loads each for the same time. Prints requests/s side by side and their ratio.
#
#   bash benches/http.sh            # 2 and 10 objects, 10 s each
#   DURATION=30s CONNECTIONS=64 bash benches/http.sh
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-1}"
PORT="${PORT:-39571}"

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
cargo build --release --quiet --example bench_server
server=target/release/examples/bench_server

rps() { # which objects -> requests/s
  local out pid url
  out="$(mktemp)"
  "$server" "$1" "$2" "127.0.0.1:$PORT" >"$out" &
  pid=$!
  for _ in $(seq 50); do [ -s "$out" ] && break; sleep 0.1; done
  url="$(head -n1 "$out")"
  status="$(curl -s -o /dev/null -w '%{http_code}' "$url")"
  [ "$status" = 200 ] || { echo "the $1 server answered $status" >&2; kill "$pid"; exit 1; }
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" "$url" | awk '/Requests\/sec/ {print $2}'
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -f "$out"
}

printf '%-8s %14s %14s %8s\n' objects "bare req/s" "pdx req/s" "pdx/bare"
for n in 2 10; do
  bare="$(rps bare "$n")"
  pdx="$(rps pdx "$n")"
  printf '%-8s %14s %14s %8s\n' "$n" "$bare" "$pdx" "$(awk -v p="$pdx" -v b="$bare" 'BEGIN { printf "%.2f", p / b }')"
done
