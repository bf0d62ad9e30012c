#!/usr/bin/env bash
# confirm.sh — how fast Renraku records receipt confirmations (issue 7's load benchmark).
#
# Creates N deliveries of one notice asking for confirmation (PostgreSQL), starts Renraku on
# 127.0.0.1, and presses every delivery's confirmation button once with wrk (Lua script
# bench/confirm.lua): requests per second, p50/p99 latency; then counts the recorded rows,
# which must equal N.
#
#   bench/confirm.sh          N=100000 RUNS=3 THREADS=4 CONNECTIONS=64 HEAP=512m
#   QUESTIONS=1 bench/confirm.sh   the notice asks a safety question and every press answers it
#                                  (the answer page's POST, through Spring MVC and its checks)
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 VIRTUAL=1 bench/confirm.sh
#                                  the server on another JDK (the build stays release 17), and
#                                  with VIRTUAL=1 on virtual threads (spring.threads.virtual.enabled,
#                                  JDK 21 or later); default: the java on PATH, platform threads
# Loopback only; bounded in count (N per run) and time (wrk runs DURATION=120 s; its threads
# stop pressing when their tokens are used, and the rate is taken from the first and last
# recorded confirmation, not from wrk's requests/s over the whole duration).
# A wrk thread stops when every token of its slice has been answered "recorded", so no first
# press is abandoned in flight (results in docs/benchmarks.md).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-100000} RUNS=${RUNS:-3} THREADS=${THREADS:-4} CONNECTIONS=${CONNECTIONS:-64} HEAP=${HEAP:-512m}
PORT=${PORT:-18480}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
virtual=$([ "${VIRTUAL:-0}" = 1 ] && echo true || echo false)
jdk=$("$java" -version 2>&1 | head -1)
# CPU seconds while the presses were recorded (from the first confirmation to the last): the
# whole machine's (/proc/stat), the server's and PostgreSQL's (/proc/PID/stat), sampled every
# half second; what is left is wrk and everything else on the 2-core host, which others share:
# a run whose others_cpu_s is well above its quiet share (wrk and the kernel's network work,
# about 10 % of the total) overlapped someone else's build or benchmark and is noisy
busy() { awk '/^cpu / {print ($2 + $3 + $4 + $7 + $8 + $9) / 100}' /proc/stat; }
cpu() { cat $(printf '/proc/%s/stat ' "$@") 2>/dev/null | awk '{t += $14 + $15} END {print t / 100}'; }

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
pg_isready -h 127.0.0.1 -p 5432 -q || pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start

./mvnw -q -B -DskipTests package >/dev/null
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
mkdir -p target/bench
javac -d target/bench -cp "target/classes:$(cat target/bench-classpath.txt)" $(find bench/java -name "*.java")

for run in $(seq 1 "$RUNS"); do
  psql -h 127.0.0.1 -U postgres -d test -q -c "DROP DATABASE IF EXISTS renraku_bench_confirm" -c "CREATE DATABASE renraku_bench_confirm"
  tokens=target/bench/tokens.txt stop=target/bench/stop log=target/bench/confirm-server.log
  # the old log goes first: the ready check must not find the last run's "ready" before
  # the new server has truncated it (wrk then met a closed port)
  rm -f "$stop" "$tokens" "$log"
  port=$((PORT + run))
  "$java" -Xmx"$HEAP" ${JAVA_OPTS:-} -Dspring.threads.virtual.enabled="$virtual" -cp "target/bench:target/classes:$(cat target/bench-classpath.txt)" \
    jp.renraku.notice.ConfirmBenchmark "jdbc:postgresql://127.0.0.1:5432/renraku_bench_confirm" "$port" "$N" "$tokens" "$stop" \
    >"$log" 2>&1 &
  server=$!
  for _ in $(seq 1 600); do grep -q '^ready' "$log" && break; kill -0 $server 2>/dev/null || break; sleep 0.5; done
  grep -q '^ready' "$log" || { echo "run=$run server did not start"; tail -20 "$log"; exit 1; }
  # warm the JIT with a few health checks, not with tokens (each token is pressed once)
  wrk -t1 -c4 -d3s "http://127.0.0.1:$port/readyz" >/dev/null
  postgres=$(pgrep -d ' ' -u postgres postgres)
  samples=target/bench/cpu-run$run.txt
  (while :; do echo "$(date +%s.%N) $(busy) $(cpu $server) $(cpu $postgres)"; sleep 0.5; done) >"$samples" &
  sampler=$!
  out=$(TOKENS="$tokens" WRK_THREADS="$THREADS" WRK_CONNECTIONS="$CONNECTIONS" timeout 600 wrk -t"$THREADS" \
    -c"$CONNECTIONS" -d"${DURATION:-120}s" --latency -s bench/confirm.lua "http://127.0.0.1:$port" || true)
  kill $sampler
  echo "$out" > "target/bench/wrk-run$run.txt"
  touch "$stop"; wait $server || true
  errors=$(echo "$out" | awk '/Socket errors/ {print $3 $4 $5 $6 $7 $8 $9 $10}')
  p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $5}')
  recorded=$(grep -o 'recorded=.*' "$log" || echo "recorded=none")
  window=($(grep -o 'first=[0-9.]* last=[0-9.]*' "$log" | tr -c '0-9.\n' ' '))
  cpu_use=$(awk -v first="${window[0]:-0}" -v last="${window[1]:-0}" '
    $1 <= first {b = $2; s = $3; p = $4} $1 >= last && !done {e = $2 - b; es = $3 - s; ep = $4 - p; done = 1}
    END {printf "cpu_s=%.1f server_cpu_s=%.1f postgres_cpu_s=%.1f others_cpu_s=%.1f", e, es, ep, e - es - ep}' "$samples")
  echo "run=$run jdk=\"$jdk\" virtual_threads=$virtual confirmations=$N p50=$p50 p99=$p99 non_2xx=${non2xx:-0} socket_errors=${errors:-none} $recorded $cpu_use"
done
