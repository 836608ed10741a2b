#!/bin/bash
# What counting terms costs storing: the same generated posts (same seed) stored with and without terms, each into a
# fresh embedded database, one run after the other. Build first: ./mvnw -DskipTests package
# POSTS, CHANNELS, YEARS, SEED and DIR (the data folders' prefix) may be set; ORDER="with without" changes the order.
set -euo pipefail
POSTS=${POSTS:-1000000}
CHANNELS=${CHANNELS:-50}
YEARS=${YEARS:-3}
SEED=${SEED:-42}
DIR=${DIR:-/tmp/pulse-terms-bench}
ORDER=${ORDER:-without with}
JAR=${JAR:-target/quarkus-app/quarkus-run.jar}

declare -A seconds
for mode in $ORDER; do
    rm -rf "$DIR-$mode"
    args=(generate --posts "$POSTS" --channels "$CHANNELS" --years "$YEARS" --seed "$SEED")
    [ "$mode" = without ] && args+=(--without-terms)
    load_before=$(cut -d' ' -f1 /proc/loadavg)
    start=$(date +%s.%N)
    PULSE_DATA_DIR="$DIR-$mode" PULSE_POLL_ENABLED=false java -jar "$JAR" "${args[@]}" > "$DIR-$mode.log" 2>&1
    end=$(date +%s.%N)
    seconds[$mode]=$(echo "$end - $start" | bc)
    echo "$mode terms: $(grep '^done' "$DIR-$mode.log") — ${seconds[$mode]} s with the app's start and stop" \
        "(load average $load_before -> $(cut -d' ' -f1 /proc/loadavg))"
done
if [ -n "${seconds[with]:-}" ] && [ -n "${seconds[without]:-}" ]; then
    echo "terms make storing $(echo "scale=4; r = (${seconds[with]} / ${seconds[without]} - 1) * 100; scale=1; r / 1" | bc) % slower (wall clock with start and stop)"
fi
du -sh "$DIR"-* 2>/dev/null | grep -v '\.log' || true
