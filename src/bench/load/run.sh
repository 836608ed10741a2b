#!/usr/bin/env bash
# Fills a database with synthetic posts through the app's own ingestion path, then measures the pages and the JSON
# API with wrk (Debian package `wrk`) as sixteen people at once, and prints p50/p95/errors per URL.
# Usage, from the repository root after `./mvnw -DskipTests package`:
#   src/bench/load/run.sh [posts] [channels] [years]
# PULSE_DATA_DIR (default /tmp/pulse-bench) holds the embedded PostgreSQL; delete it to start afresh.
# SKIP_GENERATE=1 measures an existing database; BASE=http://host:port measures an app already running there.
# CONNECTIONS (16), DURATION (10s) and ONLY (a pattern of the names to run) change the mix.
set -euo pipefail
cd "$(dirname "$0")/../../.."
posts=${1:-1000000}
channels=${2:-50}
years=${3:-3}
export PULSE_DATA_DIR=${PULSE_DATA_DIR:-/tmp/pulse-bench}
port=${PORT:-18080}
connections=${CONNECTIONS:-16}
jar=target/quarkus-app/quarkus-run.jar
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

if [ -z "${BASE:-}" ]; then
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
  BASE="http://127.0.0.1:$port"
fi
for _ in $(seq 1 600); do
  curl -sf "$BASE/q/health/ready" >/dev/null && break
  sleep 1
done
topic=$(curl -sf "$BASE/api/top?metric=topic&range=1y&limit=1" | sed -E 's/.*"key":"([^"]+)".*/\1/')
mention=$(curl -sf "$BASE/api/top?metric=mention&range=1y&limit=1" | sed -E 's/.*"key":"([^"]+)".*/\1/')
channel=${CHANNEL:-synthetic_01}
echo "most frequent topic and name over the last year: $topic, $mention; channel page: $channel"
echo "load before: $(uptime | sed 's/.*load/load/')"

mix=(
  "overview 30d|/?range=30d"
  "overview 90d|/?range=90d"
  "overview 1y|/?range=1y"
  "topic page 1y|/topics/$topic?range=1y"
  "mention page 90d|/mentions/$mention?range=90d"
  "channel page 90d|/channels/$channel?range=90d"
  "series posts/day/all|/api/series?metric=posts&bucket=day&range=all"
  "series posts/week/all|/api/series?metric=posts&bucket=week&range=all"
  "series views/week/1y|/api/series?metric=views&bucket=week&range=1y"
  "series topic/day/1y|/api/series?metric=topic&key=$topic&bucket=day&range=1y"
  "series topic/week/all|/api/series?metric=topic&key=$topic&bucket=week&range=all"
  "series mention/week/all|/api/series?metric=mention&key=$mention&bucket=week&range=all"
  "series topic/week/all, one channel|/api/series?metric=topic&key=$topic&bucket=week&range=all&channel=$channel"
  "top topic/30d|/api/top?metric=topic&range=30d"
  "top mention/1y rising|/api/top?metric=mention&range=1y&sort=rising"
  "top forward/all|/api/top?metric=forward&range=all"
  "top topic/90d, one channel|/api/top?metric=topic&range=90d&channel=$channel"
  "terms 30d rising|/api/terms?range=30d&sort=rising"
  "spikes 7d|/api/spikes?range=7d"
  "network 1y|/api/network?range=1y"
  "posts newest 50|/api/posts?limit=50"
  "search page q=Lavrov|/search?q=Lavrov"
)
printf '| %s | %s | %s | %s | %s |\n' request p50 p95 errors requests
printf '| --- | --- | --- | --- | --- |\n'
for entry in "${mix[@]}"; do
  name=${entry%%|*}
  url=$BASE${entry#*|}
  [[ -n "${ONLY:-}" && ! "$name" =~ $ONLY ]] && continue
  curl -sf -o /dev/null "$url" || echo "warning: $url answered with an error" >&2   # the first request fills kept answers
  line=$(wrk -t2 -c"$connections" -d"${DURATION:-10s}" --timeout 30s -s src/bench/load/percentiles.lua "$url" | tail -1)
  field() { sed -E "s/.*$1=([^ ]+).*/\1/" <<<"$line"; }
  printf '| %s | %s | **%s** | %s | %s |\n' "$name" "$(field p50)" "$(field p95)" "$(field errors)" "$(field requests)"
done
echo "load after: $(uptime | sed 's/.*load/load/')"
