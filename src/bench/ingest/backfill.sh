#!/usr/bin/env bash
# The backfill benchmark: a cold app (fresh JVM, fresh embedded database) adds one channel whose history is PAGES
# pages of 20 posts on a loopback stand-in (LoopbackTelegram.java) and backfills it with no request gap.
# Reports posts/s from the first request to the last page's request (its storing takes milliseconds more).
# Usage, from the repository root after `./mvnw -DskipTests package`:
#   src/bench/ingest/backfill.sh [pages]
# PULSE_DATA_DIR (default /tmp/pulse-backfill-bench) is emptied first; PORT (18102) the app's, STAND_IN_PORT (18112).
set -euo pipefail
cd "$(dirname "$0")/../../.."
pages=${1:-300}
export PULSE_DATA_DIR=${PULSE_DATA_DIR:-/tmp/pulse-backfill-bench}
port=${PORT:-18102}
stand_in_port=${STAND_IN_PORT:-18112}
classes=$(mktemp -d)
javac -d "$classes" src/bench/ingest/LoopbackTelegram.java
java -cp "$classes" LoopbackTelegram backfill "$stand_in_port" "$pages" &
stand_in=$!
app=
trap 'kill $stand_in ${app:-} 2>/dev/null || true' EXIT
rm -rf "$PULSE_DATA_DIR"
echo "== load before: $(uptime)"
PULSE_TELEGRAM_BASE_URL=http://127.0.0.1:$stand_in_port PULSE_TELEGRAM_REQUEST_GAP=0s \
  PULSE_BACKFILL_MAX_PAGES=$pages PULSE_CHANNELS=bench_backfill QUARKUS_HTTP_PORT=$port \
  java ${JAVA_OPTS:-} -jar "${JAR:-target/quarkus-app/quarkus-run.jar}" > /tmp/pulse-backfill-bench.log 2>&1 &
app=$!
until curl -sf "http://127.0.0.1:$port/api/channels/bench_backfill" 2>/dev/null | grep -q '"done":true'; do
  if ! kill -0 $app 2>/dev/null; then echo "the app stopped; see /tmp/pulse-backfill-bench.log"; exit 1; fi
  sleep 0.2
done
echo "== load after: $(uptime)"
read -r requests first last < <(curl -s "http://127.0.0.1:$stand_in_port/stats"; echo)
posts=$(curl -s "http://127.0.0.1:$port/api/channels/bench_backfill" | grep -o '"messageCount":[0-9]*' | cut -d: -f2)
echo "$posts posts in $requests requests, $(( last - first )) ms from the first request to the last"
echo "posts/s: $(( posts * 1000 / (last - first) ))"
