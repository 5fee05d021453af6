#!/usr/bin/env bash
# CI smoke test of ./run-local.sh: start it clean with a fast sender, wait until the consumer has stored a complete
# A-Z sequence, send SIGTERM, and fail if any process it started is still there.
#
#   scripts/smoke-run-local.sh     (SMOKE_TIMEOUT=seconds to wait for a complete sequence, default 420)
set -euo pipefail
cd "$(dirname "$0")/.."

timeout=${SMOKE_TIMEOUT:-420}
consumer_port=${CONSUMER_PORT:-8081}
export ALPHABET_SENDER_INTERVAL=${ALPHABET_SENDER_INTERVAL:-100ms}
log=$(mktemp -t smoke-run-local.XXXXXX)

say() { printf '[smoke] %s\n' "$*"; }

# Every process below run-local.sh, found through parent pids (not by name: other Java processes may be running).
tree() {
  local child
  for child in $(pgrep -P "$1" || true); do
    printf '%s\n' "$child"
    tree "$child"
  done
}

fail() {
  say "FAILED: $*"
  say "last lines of the run-local.sh output ($log):"
  tail -n 60 "$log" | sed 's/^/    /'
  if [[ -n ${run_pid:-} ]] && kill -0 "$run_pid" 2> /dev/null; then
    kill -TERM "$run_pid" 2> /dev/null || true
    wait "$run_pid" 2> /dev/null || true
  fi
  exit 1
}

say "starting ./run-local.sh --fresh with ALPHABET_SENDER_INTERVAL=$ALPHABET_SENDER_INTERVAL (output in $log)"
start=$SECONDS
./run-local.sh --fresh > "$log" 2>&1 < /dev/null &
run_pid=$!

until curl -fsS --max-time 5 http://127.0.0.1:$consumer_port/api/sequences 2> /dev/null | grep -q '"complete":true'; do
  kill -0 "$run_pid" 2> /dev/null || fail "run-local.sh exited before a complete sequence was stored"
  ((SECONDS - start < timeout)) || fail "no complete sequence within ${timeout} s"
  sleep 1
done
complete_after=$((SECONDS - start))
say "a complete sequence was stored after ${complete_after} s"
grep -q '^\[consumer\]' "$log" || fail "no [consumer] lines in the output"
grep -q '^\[producer\]' "$log" || fail "no [producer] lines in the output"
grep -q '^\[kafka\]' "$log" || fail "no [kafka] lines in the output"

started=$(tree "$run_pid")
say "sending SIGTERM to run-local.sh (pid $run_pid; its processes: $(echo $started))"
stop_start=$SECONDS
kill -TERM "$run_pid"
code=0
wait "$run_pid" || code=$?
say "run-local.sh exited with $code after $((SECONDS - stop_start)) s"
[[ $code == 0 || $code == 143 ]] || fail "run-local.sh exited with $code on SIGTERM"

left=()
for p in $started; do
  if kill -0 "$p" 2> /dev/null; then
    left+=("$p")
  fi
done
if ((${#left[@]})); then
  ps -o pid,ppid,args -p "$(IFS=,; echo "${left[*]}")" | sed 's/^/    /' || true
  kill -KILL "${left[@]}" 2> /dev/null || true
  fail "processes left behind: ${left[*]}"
fi
kafka_port=${LOCAL_KAFKA_PORT:-9092}
for port in "${PRODUCER_PORT:-8080}" "$consumer_port" "$kafka_port" $((kafka_port + 100)); do
  if (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null; then
    fail "port $port still answers after the stop"
  fi
done
rm -f "$log"
say "PASSED: complete sequence after ${complete_after} s, clean stop, no process left"
