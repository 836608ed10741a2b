#!/usr/bin/env bash
# The import benchmark: writes a Telegram Desktop export of N messages (ExportGenerator.java) and imports it with
# the import command into a fresh embedded database, logging the garbage collector to show the heap stays flat.
# Usage, from the repository root after `./mvnw -DskipTests package`:
#   src/bench/import/run.sh [messages]
# PULSE_DATA_DIR (default /tmp/pulse-import-bench) is emptied first; EXPORT (default /tmp/pulse-import-bench.json);
# JAR (default target/quarkus-app/quarkus-run.jar) is the build to measure.
set -euo pipefail
cd "$(dirname "$0")/../../.."
messages=${1:-500000}
export PULSE_DATA_DIR=${PULSE_DATA_DIR:-/tmp/pulse-import-bench}
export_file=${EXPORT:-/tmp/pulse-import-bench.json}
heap=${HEAP:-256m}
jar=${JAR:-target/quarkus-app/quarkus-run.jar}

if [ ! -s "$export_file" ]; then
  echo "== writing an export of $messages messages to $export_file"
  java src/bench/import/ExportGenerator.java "$export_file" "$messages"
fi
ls -l "$export_file"
rm -rf "$PULSE_DATA_DIR"
echo "== import into a fresh database in $PULSE_DATA_DIR, heap at most $heap"
start=$(date +%s)
java -Xmx"$heap" -Xlog:gc:file=/tmp/pulse-import-bench-gc.log -jar "$jar" import "$export_file" --channel bench_import
echo "import took $(( $(date +%s) - start )) s (with the app's start and the migrations)"
echo "== heap after each collection (MB): first, largest, last"
grep -oE '[0-9]+M->[0-9]+M' /tmp/pulse-import-bench-gc.log | sed -E 's/.*->([0-9]+)M/\1/' \
  | awk 'NR==1{first=$1} {if($1>max)max=$1; last=$1; n++} END{print "collections:", n, "first:", first, "max:", max, "last:", last}'
