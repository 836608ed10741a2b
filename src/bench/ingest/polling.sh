#!/usr/bin/env bash
# The polling benchmark: 2,000 channels on a loopback stand-in (LoopbackTelegram.java), 100 busy ones posting every
# 20 minutes on average and 1,900 quiet ones every 2 days, with time scaled down 300 times: a 10 ms request gap
# stands for 3 s, so 1 s of the run is 5 minutes. Runs one mode on a fresh embedded database:
#   adaptive  pulse.poll.min 5 min, pulse.poll.max 3 h (scaled: 1 s, 36 s), each channel by its posting rate
#   fixed     every channel every 10 minutes (min = max = 2 s scaled), as before adaptive polling
#   both      adaptive, then fixed, one after the other (never side by side: they would share the cores)
# Phases: the start (every channel's first poll, timed), a warm-up of WARMUP s (default 40, above pulse.poll.max) so
# that the measurement sees the rule's steady state, not the start, then the measured SECONDS, then a tail of TAIL s
# (default 40) in which posts of the window's last moments can still be stored. It reports, for the busy and the
# quiet channels' posts that appeared during the measured window, the delay from their appearance to being stored
# (first_seen_at - published_at, scaled back; posts not stored by the end count with their age then), and the page
# requests made in the window, per 10 minutes (scaled) and per second, with the load average at both ends.
# Usage, from the repository root after `./mvnw -DskipTests package`:
#   src/bench/ingest/polling.sh adaptive|fixed|both [seconds]
# PORT (default 18102) is the app's, STAND_IN_PORT (18112) the stand-in's; JAR the build to run; JAVA_OPTS are
# passed to the app (e.g. -XX:StartFlightRecording=filename=/tmp/polling.jfr,settings=profile).
set -euo pipefail
cd "$(dirname "$0")/../../.."
mode=$1
seconds=${2:-240}
if [ "$mode" = both ]; then
  "$0" adaptive "$seconds"
  exec "$0" fixed "$seconds"
fi
warmup=${WARMUP:-40}
tail=${TAIL:-40}
export PULSE_DATA_DIR=${PULSE_DATA_DIR:-/tmp/pulse-polling-bench-$mode}
port=${PORT:-18102}
stand_in_port=${STAND_IN_PORT:-18112}
case $mode in
  adaptive) export PULSE_POLL_MIN=1s PULSE_POLL_MAX=36s ;;
  fixed) export PULSE_POLL_MIN=2s PULSE_POLL_MAX=2s ;;
  *) echo "mode: adaptive, fixed or both"; exit 2 ;;
esac
classes=$(mktemp -d)
javac -d "$classes" src/bench/ingest/LoopbackTelegram.java
java -cp "$classes" LoopbackTelegram channels "$stand_in_port" 100 1900 4000 576000 &
stand_in=$!
app=
# the app stops its embedded PostgreSQL when it ends; wait for that before the next mode starts
trap 'kill $stand_in ${app:-} 2>/dev/null || true; [ -z "${app:-}" ] || wait $app 2>/dev/null || true' EXIT
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
requests() { curl -s "http://127.0.0.1:$stand_in_port/stats" | cut -d' ' -f1; }
echo "== $mode: the start, every channel's first poll ($(uptime))"
round_began=$(date +%s)
until [ "$(sql "SELECT count(*) FROM channels WHERE last_polled_at IS NOT NULL")" = 2000 ]; do sleep 2; done
echo "$mode: first round of 2000 channels in $(( $(date +%s) - round_began )) s, $(requests) requests so far"
echo "== $mode: warm-up, $warmup s"
sleep "$warmup"
start=$(sql "SELECT now()")
requests_before=$(requests)
load_start=$(uptime | sed 's/.*load average: //')
echo "== $mode: measuring $seconds s = $(( seconds * 5 / 60 )) scaled hours (load $load_start)"
sleep "$seconds"
end=$(sql "SELECT now()")
requests_after=$(requests)
load_end=$(uptime | sed 's/.*load average: //')
echo "== $mode: tail, $tail s (load $load_end)"
sleep "$tail"
micros() { sql "SELECT (extract(epoch FROM timestamptz '$1') * 1000000)::bigint"; }
from=$(micros "$start")
to=$(micros "$end")
for kind in busy quiet; do
  curl -s "http://127.0.0.1:$stand_in_port/appeared?prefix=${kind}_&from=$from&to=$to" > "/tmp/pulse-polling-bench-$kind.csv"
done
psql -qtA -h 127.0.0.1 -p "$db_port" -U postgres -d postgres <<SQL
CREATE TEMP TABLE appeared (handle TEXT, id BIGINT, micros BIGINT);
\copy appeared FROM '/tmp/pulse-polling-bench-busy.csv' WITH (FORMAT csv)
\copy appeared FROM '/tmp/pulse-polling-bench-quiet.csv' WITH (FORMAT csv)
WITH delays AS (
    SELECT split_part(a.handle, '_', 1) AS kind, p.id IS NULL AS missing,
           300 * (extract(epoch FROM COALESCE(p.first_seen_at, now())) - a.micros / 1e6) AS delay
    FROM appeared a JOIN channels c ON c.handle = a.handle LEFT JOIN posts p ON p.channel_id = c.id AND p.id = a.id)
SELECT '$mode: ' || kind || ' posts ' || count(*) || ', not stored by the end ' || count(*) FILTER (WHERE missing)
       || ', delay p50 ' || round((percentile_cont(0.5) WITHIN GROUP (ORDER BY delay) / 60)::numeric, 1)
       || ' min, p95 ' || round((percentile_cont(0.95) WITHIN GROUP (ORDER BY delay) / 60)::numeric, 1) || ' min (scaled back)'
FROM delays GROUP BY kind ORDER BY kind;
SQL
made=$(( requests_after - requests_before ))
echo "$mode: $made requests in $seconds s = $(( made * 2 / seconds )) per 10 minutes (scaled), $(( made / seconds ))/s"
echo "$mode: load $load_start at the start of the window, $load_end at its end"
sql "SELECT '$mode: ' || count(*) FILTER (WHERE handle LIKE 'busy_%' AND last_polled_at > now() - interval '36 s') || ' of 100 busy and '
            || count(*) FILTER (WHERE handle LIKE 'quiet_%' AND last_polled_at > now() - interval '36 s') || ' of 1900 quiet channels checked in the last 3 hours (scaled)'
     FROM channels"
