#!/usr/bin/env bash
# Fills a database with synthetic posts through the app's own ingestion path, then measures the JSON API
# with wrk (Debian package `wrk`). Usage, from the repository root after `./mvnw -DskipTests package`:
#   src/bench/load/run.sh [posts] [channels] [years]
# PULSE_DATA_DIR (default /tmp/pulse-bench) holds the embedded PostgreSQL; delete it to start afresh.
set -euo pipefail
cd "$(dirname "$0")/../../.."
posts=${1:-1000000}
channels=${2:-50}
years=${3:-3}
export PULSE_DATA_DIR=${PULSE_DATA_DIR:-/tmp/pulse-bench}
port=${PORT:-18080}
jar=target/quarkus-app/quarkus-run.jar
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

if [ "${SKIP_GENERATE:-}" != "1" ]; then
  echo "== generate --posts $posts --channels $channels --years $years into $PULSE_DATA_DIR"
  start=$(date +%s)
  java -jar "$jar" generate --posts "$posts" --channels "$channels" --years "$years"
  echo "generate took $(( $(date +%s) - start )) s"
fi

echo "== starting the app on port $port"
PULSE_POLL_ENABLED=false QUARKUS_HTTP_PORT=$port java -jar "$jar" > /tmp/pulse-bench-app.log 2>&1 &
app=$!
trap 'kill $app 2>/dev/null; wait $app 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null && break
  sleep 1
done
base="http://127.0.0.1:$port"
topic=$(curl -sf "$base/api/top?metric=topic&range=1y&limit=1" | sed -E 's/.*"key":"([^"]+)".*/\1/')
echo "most frequent topic over the last year: $topic"

measure() {
  local name=$1 url=$2 connections=${3:-2}
  curl -sf -o /dev/null "$url"   # warm the caches once
  wrk -t$(( connections < 2 ? 1 : 2 )) -c"$connections" -d"${DURATION:-20s}" --timeout 30s \
    -s src/bench/load/percentiles.lua "$url" | tail -1 | sed "s|^|$name: |"
}
measure "series topic/day/1y " "$base/api/series?metric=topic&key=$topic&bucket=day&range=1y"
measure "series posts/week/all" "$base/api/series?metric=posts&bucket=week&range=all"
measure "series mention/day/90d" "$base/api/series?metric=mention&key=lavrov&bucket=day&range=90d"
measure "series topic/day/1y, one channel" "$base/api/series?metric=topic&key=$topic&bucket=day&range=1y&channel=synthetic_01"
measure "top topic/30d        " "$base/api/top?metric=topic&range=30d"
measure "top topic/90d, one channel" "$base/api/top?metric=topic&range=90d&channel=synthetic_01"
measure "top mention/1y rising" "$base/api/top?metric=mention&range=1y&sort=rising"
measure "page overview 30d    " "$base/"
measure "page overview 1y     " "$base/?range=1y"
measure "page topic 1y        " "$base/topics/$topic?range=1y"
measure "page channel 90d     " "$base/channels/synthetic_01?range=90d"
measure "posts newest 50      " "$base/api/posts?limit=50"
measure "posts search q=Lavrov" "$base/api/posts?q=Lavrov&limit=20"
measure "posts search q=Lavrov, relevance" "$base/api/posts?q=Lavrov&sort=relevance&limit=20"
measure "page search q=Lavrov " "$base/search?q=Lavrov"
measure "network 1y, 16 connections" "$base/api/network?range=1y" 16
measure "network 30d, 16 connections" "$base/api/network?range=30d" 16
measure "network 1y               " "$base/api/network?range=1y"
measure "discover channels 1y     " "$base/api/discover/channels?range=1y"
