#!/usr/bin/env bash
# The polling benchmark: 2,000 channels on a loopback stand-in (LoopbackTelegram.java), 100 busy ones posting every
# 20 minutes on average and 1,900 quiet ones every 2 days, with time scaled down 300 times: a 10 ms request gap
# stands for 3 s, so 1 s of the run is 5 minutes. Runs one mode on a fresh embedded database:
#   adaptive  pulse.poll.min 5 min, pulse.poll.max 3 h (scaled: 1 s, 36 s), each channel by its posting rate
#   fixed     every channel every 10 minutes (min = max = 2 s scaled), as before adaptive polling
# and reports, for the busy channels' posts that appeared during the measured SECONDS, the delay from their
# appearance to being stored (first_seen_at - published_at; posts not stored by the end count with their age then),
# and the requests made, per 10 minutes (scaled).
# Usage, from the repository root after `./mvnw -DskipTests package`:
#   src/bench/ingest/polling.sh adaptive|fixed [seconds]
set -euo pipefail
cd "$(dirname "$0")/../../.."
mode=$1
seconds=${2:-240}
export PULSE_DATA_DIR=${PULSE_DATA_DIR:-/tmp/pulse-polling-bench-$mode}
port=${PORT:-18102}
stand_in_port=${STAND_IN_PORT:-18112}
case $mode in
  adaptive) export PULSE_POLL_MIN=1s PULSE_POLL_MAX=36s ;;
  fixed) export PULSE_POLL_MIN=2s PULSE_POLL_MAX=2s ;;
  *) echo "mode: adaptive or fixed"; exit 2 ;;
esac
classes=$(mktemp -d)
javac -d "$classes" src/bench/ingest/LoopbackTelegram.java
java -cp "$classes" LoopbackTelegram channels "$stand_in_port" 100 1900 4000 576000 &
stand_in=$!
app=
trap 'kill $stand_in ${app:-} 2>/dev/null || true' EXIT
handles=$( (for i in $(seq 0 99); do printf 'busy_%03d,' "$i"; done; for i in $(seq 0 1899); do printf 'quiet_%04d,' "$i"; done) | sed 's/,$//')
rm -rf "$PULSE_DATA_DIR"
# the recheck of recent pages is off: at this time scale every post is "recent" and it would triple the requests;
# resume-every is above pulse.poll.max so the chain of due checks never waits for the scheduler's tick
PULSE_TELEGRAM_BASE_URL=http://127.0.0.1:$stand_in_port PULSE_TELEGRAM_REQUEST_GAP=10ms \
  PULSE_RECHECK_PAGES_PER_POLL=0 PULSE_POLL_RESUME_EVERY=40s PULSE_CHANNELS="$handles" QUARKUS_HTTP_PORT=$port \
  java ${JAVA_OPTS:-} -jar "${JAR:-target/quarkus-app/quarkus-run.jar}" > "/tmp/pulse-polling-bench-$mode.log" 2>&1 &
app=$!
until [ -f "$PULSE_DATA_DIR/postgres/postmaster.pid" ] && curl -sf "http://127.0.0.1:$port/q/health/ready" > /dev/null 2>&1; do
  if ! kill -0 $app 2>/dev/null; then echo "the app stopped; see /tmp/pulse-polling-bench-$mode.log"; exit 1; fi
  sleep 1
done
db_port=$(sed -n 4p "$PULSE_DATA_DIR/postgres/postmaster.pid")
sql() { psql -qtA -h 127.0.0.1 -p "$db_port" -U postgres -d postgres -c "$1"; }
echo "== waiting for the first poll of every channel"
until [ "$(sql "SELECT count(*) FROM channels WHERE last_polled_at IS NOT NULL")" = 2000 ]; do sleep 2; done
start=$(sql "SELECT now()")
read -r requests_before _ < <(curl -s "http://127.0.0.1:$stand_in_port/stats"; echo)
echo "== load at the start: $(uptime)"
sleep "$seconds"
read -r requests_after _ < <(curl -s "http://127.0.0.1:$stand_in_port/stats"; echo)
echo "== load at the end: $(uptime)"
# the busy posts that appeared from 40 s (more than pulse.poll.max) after the start until 40 s before the end,
# each with when it was stored, or the end if it was not
from=$(sql "SELECT (extract(epoch FROM timestamptz '$start' + interval '40 s') * 1000000)::bigint")
to=$(sql "SELECT (extract(epoch FROM now() - interval '40 s') * 1000000)::bigint")
curl -s "http://127.0.0.1:$stand_in_port/appeared?prefix=busy_&from=$from&to=$to" > /tmp/pulse-polling-bench-appeared.csv
psql -qtA -h 127.0.0.1 -p "$db_port" -U postgres -d postgres <<SQL
CREATE TEMP TABLE appeared (handle TEXT, id BIGINT, micros BIGINT);
\copy appeared FROM '/tmp/pulse-polling-bench-appeared.csv' WITH (FORMAT csv)
WITH delays AS (
    SELECT 300 * (extract(epoch FROM COALESCE(p.first_seen_at, now())) - a.micros / 1e6) AS delay, p.id IS NULL AS missing
    FROM appeared a JOIN channels c ON c.handle = a.handle LEFT JOIN posts p ON p.channel_id = c.id AND p.id = a.id)
SELECT '$mode: ' || count(*) || ' busy posts (' || count(*) FILTER (WHERE missing) || ' not stored by the end); delay p50 '
       || round((percentile_cont(0.5) WITHIN GROUP (ORDER BY delay) / 60)::numeric, 1) || ' min, p95 '
       || round((percentile_cont(0.95) WITHIN GROUP (ORDER BY delay) / 60)::numeric, 1) || ' min (scaled back)'
FROM delays;
SQL
echo "$mode: $(( requests_after - requests_before )) requests in $seconds s = $(( (requests_after - requests_before) * 2 / seconds )) per 10 minutes (scaled)"
sql "SELECT '$mode: ' || count(*) FILTER (WHERE handle LIKE 'busy_%' AND last_polled_at > now() - interval '36 s') || ' of 100 busy and '
            || count(*) FILTER (WHERE handle LIKE 'quiet_%' AND last_polled_at > now() - interval '36 s') || ' of 1900 quiet channels checked in the last 3 hours (scaled)'
     FROM channels"
