#!/usr/bin/env bash
# delivery.sh — how fast Renraku mails one notice to N registrants (issue 4's benchmark).
#
# Starts Postfix's smtp-sink on 127.0.0.1, releases one notice to N registrants with Renraku on
# this machine's PostgreSQL, and prints the time from release to the last message accepted by
# the sink, messages per second and peak heap; then measures the machine's ceiling with
# smtp-source against a sink in the same run and prints Renraku's rate as a fraction of it.
#
#   bench/delivery.sh                 N=100000 RUNS=3 WORKERS=4 BATCH=500 HEAP=512m
#   JAVA_OPTS=-XX:StartFlightRecording=filename=/tmp/bench.jfr,settings=profile RUNS=1 bench/delivery.sh
# Loopback only; bounded in count (N) and time (600 s per run).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-100000} RUNS=${RUNS:-3} WORKERS=${WORKERS:-4} BATCH=${BATCH:-500} HEAP=${HEAP:-512m}
PORT=${PORT:-2527} CEILING=${CEILING:-../shared/bench/smtp-ceiling.sh}
[ -x "$CEILING" ] || CEILING=$(ls /work/shared/bench/smtp-ceiling.sh)

pg_isready -h 127.0.0.1 -p 5432 -q || pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
psql -h 127.0.0.1 -U postgres -d test -q -c "DROP DATABASE IF EXISTS renraku_bench" -c "CREATE DATABASE renraku_bench"

./mvnw -q -B -DskipTests package >/dev/null
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
mkdir -p target/bench
javac -d target/bench -cp "target/classes:$(cat target/bench-classpath.txt)" $(find bench/java -name "*.java")

set +e  # one failed run must not stop the others; each prints its own line
for run in $(seq 1 "$RUNS"); do
  sink=$(bash "$CEILING" sink "$PORT")
  sink_pid=$(echo "$sink" | sed 's/.*sink_pid=\([0-9]*\).*/\1/')
  counters=$(echo "$sink" | sed 's/.*counters=\([^ ]*\).*/\1/')
  timeout 600 java -Xmx"$HEAP" ${JAVA_OPTS:-} -Dworkers="$WORKERS" -Dbatch="$BATCH" \
    -cp "target/bench:target/classes:$(cat target/bench-classpath.txt)" jp.renraku.notice.DeliveryBenchmark \
    "jdbc:postgresql://127.0.0.1:5432/renraku_bench" "$PORT" "$counters" "$N" | grep renraku_messages | sed "s/^/run=$run /"
  kill "$sink_pid" 2>/dev/null || true; wait "$sink_pid" 2>/dev/null || true; rm -f "$counters"
  N=$N S=10 PORT=$((PORT + 1)) bash "$CEILING" </dev/null | grep ceiling_msgs_per_s | sed "s/^/run=$run /"
done
