#!/usr/bin/env bash
# Checks the Prometheus alert rules and the Grafana dashboard against the real services:
#   1. promtool check rules deploy/prometheus/alerts.yml, and check config deploy/prometheus/prometheus.yml
#      (installs Debian's prometheus package for promtool when it is missing and we are root; skips with a
#      message when it cannot);
#   2. starts a one-node local-kafka, the consumer and the producer (H2 in a temporary directory, free ports),
#      waits for readiness, scrapes /actuator/prometheus of both, and fails if an alert rule or a dashboard panel
#      names a metric (or a label value) that is not in the scrapes (scripts/check-observability-names.py).
# Everything it started is stopped on exit, whatever happens.
#
#   scripts/check-observability.sh                  (needs the three jars; builds them when missing)
#   scripts/check-observability.sh --scrapes DIR    (step 2 against DIR/producer.prom and DIR/consumer.prom,
#                                                    starting nothing)
#   OBS_KEEP_SCRAPES=DIR scripts/check-observability.sh   (keeps the scrapes in DIR)
set -euo pipefail
cd "$(dirname "$0")/.."

rules=deploy/prometheus/alerts.yml
dashboards=deploy/grafana/dashboards
say() { printf '[check-observability %(%H:%M:%S)T] %s\n' -1 "$*"; }
fail() {
  say "FAILED: $*"
  exit 1
}

# 1. promtool
if ! command -v promtool > /dev/null 2>&1 && [[ $(id -u) -eq 0 ]] && command -v apt-get > /dev/null 2>&1; then
  say "installing promtool (Debian's prometheus package)"
  apt-get update -qq > /dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus > /dev/null 2>&1 ||
    say "could not install the prometheus package"
fi
if command -v promtool > /dev/null 2>&1; then
  promtool check rules "$rules" || fail "promtool check rules $rules"
  config=deploy/prometheus/prometheus.yml
  promtool check config "$config" || fail "promtool check config $config"
else
  say "SKIPPED promtool checks: promtool is not installed and cannot be (apt-get install prometheus needs root)"
fi

check_names() { python3 scripts/check-observability-names.py "$rules" "$dashboards" "$@"; }

if [[ ${1:-} == --scrapes ]]; then
  check_names "$2/producer.prom" "$2/consumer.prom" || fail "metrics named by rules or panels are missing"
  say "PASSED against the scrapes in $2"
  exit 0
fi

# 2. The services, for real
jar_of() { compgen -G "$1/target/$1-*.jar" | grep -v -e '-plain\.jar$' -e '-sources\.jar$' | head -n 1 || true; }
if [[ -z $(jar_of local-kafka) || -z $(jar_of producer-service) || -z $(jar_of consumer-service) ]]; then
  say "building the jars (./mvnw -q -pl local-kafka,producer-service,consumer-service -am package -DskipTests)"
  ./mvnw -q -pl local-kafka,producer-service,consumer-service -am package -DskipTests
fi

work=$(mktemp -d -t check-observability.XXXXXX)
pids=()
cleanup() {
  local status=$? pid deadline
  trap - EXIT INT TERM
  if ((status != 0)) && [[ -d $work ]]; then
    for log in "$work"/*.log; do
      [[ -f $log ]] || continue
      say "last lines of $(basename "$log"):"
      tail -n 25 "$log" | sed 's/^/    /'
    done
  fi
  # Producer, consumer, then Kafka: the reverse of the start order.
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    pid=${pids[i]}
    kill -TERM "$pid" 2> /dev/null || continue
    deadline=$((SECONDS + 20))
    while kill -0 "$pid" 2> /dev/null && ((SECONDS < deadline)); do sleep 0.2; done
    kill -KILL "$pid" 2> /dev/null || true
    wait "$pid" 2> /dev/null || true
  done
  if [[ -n ${OBS_KEEP_SCRAPES:-} ]]; then
    mkdir -p "$OBS_KEEP_SCRAPES" && cp "$work"/*.prom "$OBS_KEEP_SCRAPES"/ 2> /dev/null || true
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port_free() { ! (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null; }
# The broker's port and its controller's, 100 above it, both free.
kafka_port=$(free_port)
until ((kafka_port < 65400)) && port_free $((kafka_port + 100)); do kafka_port=$(free_port); done
producer_port=$(free_port)
consumer_port=$(free_port)

http_status() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$1$2" || true; }
await() {
  local what=$1 pid=$2 limit=$3 started=$SECONDS
  shift 3
  until "$@"; do
    kill -0 "$pid" 2> /dev/null || fail "$what stopped during start-up"
    ((SECONDS - started < limit)) || fail "$what not ready within $limit s"
    sleep 0.5
  done
}

start=$SECONDS
# A small, quick JVM for each process: this only needs them to start and export their metrics. The services start
# without Kafka (readiness DOWN until it answers), so all three start at once.
jvm=(-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k)
h2=';MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE'
export SPRING_KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$kafka_port SPRING_MAIN_BANNER_MODE=off
java -Xmx64m -jar "$(jar_of local-kafka)" --nodes 1 --port "$kafka_port" --data-dir "$work/kafka" --heap 256m \
  > "$work/kafka.log" 2>&1 < /dev/null &
pids+=($!)
SERVER_PORT=$consumer_port SPRING_DATASOURCE_URL="jdbc:h2:file:$work/consumer$h2" \
  java "${jvm[@]}" -jar "$(jar_of consumer-service)" > "$work/consumer.log" 2>&1 < /dev/null &
pids+=($!)
SERVER_PORT=$producer_port SPRING_DATASOURCE_URL="jdbc:h2:file:$work/producer$h2" ALPHABET_SENDER_INTERVAL=100ms \
  java "${jvm[@]}" -jar "$(jar_of producer-service)" > "$work/producer.log" 2>&1 < /dev/null &
pids+=($!)
await "local-kafka" "${pids[0]}" 90 grep -qs 'Kafka is ready on' "$work/kafka.log"
say "local-kafka ready on 127.0.0.1:$kafka_port after $((SECONDS - start)) s"
ready() { [[ $(http_status "$1" /actuator/health/readiness) == 200 ]]; }
await "producer-service" "${pids[2]}" 120 ready "$producer_port"
await "consumer-service" "${pids[1]}" 120 ready "$consumer_port"
say "both services ready after $((SECONDS - start)) s (producer :$producer_port, consumer :$consumer_port)"

# Some metrics appear later: the consumer's per-partition lag exists after its first fetch, and Micrometer's
# KafkaClientMetrics looks for new client metrics once a minute. Scrape until every name is there, for up to 90 s,
# then report what is still missing.
scrape() {
  curl -fsS --max-time 10 "http://127.0.0.1:$producer_port/actuator/prometheus" > "$work/producer.prom" &&
    curl -fsS --max-time 10 "http://127.0.0.1:$consumer_port/actuator/prometheus" > "$work/consumer.prom"
}
deadline=$((SECONDS + 90))
until scrape && check_names "$work/producer.prom" "$work/consumer.prom" --quiet; do
  ((SECONDS < deadline)) || break
  sleep 2
done
scrape || fail "could not scrape /actuator/prometheus"
say "scraped both after $((SECONDS - start)) s"
check_names "$work/producer.prom" "$work/consumer.prom" || fail "metrics named by rules or panels are missing"
say "PASSED: every metric named by $rules and $dashboards is exported ($((SECONDS - start)) s)"
