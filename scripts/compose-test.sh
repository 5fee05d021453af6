#!/usr/bin/env bash
# Runs docker-compose.yml for real and breaks it: three brokers (SASL_SSL, SCRAM users and ACLs made by kafka-init
# and kafka-setup), PostgreSQL and both services come up and get ready; the consumer's principal is refused when it
# writes the letters topic;
# the broker that leads a partition of the letters topic is killed (docker kill) and started again; the consumer is
# restarted; then no letter may be lost or applied twice, checked in the consumer's database the way the reliability
# suite checks (each sequence applied as 0..n-1, each index once; every sequence complete but the one the producer is
# in, which holds exactly the letters before the producer's stored position). Kafka UI,
# Prometheus and Grafana are left out (no images here).
#
#   scripts/compose-test.sh        (needs a Docker engine and docker-compose 1.29 or docker compose v2)
#
# Everything runs under its own project name on free host ports, and is removed (containers, network, volumes) on
# exit, whatever happens. Without a Docker engine it says so and exits 0.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[compose-test %(%H:%M:%S)T] %s\n' -1 "$*"; }
fail() {
  say "FAILED: $*"
  exit 1
}

if ! docker info > /dev/null 2>&1; then
  say "SKIPPED: no Docker engine answers (docker info failed); the compose test needs one"
  exit 0
fi
if docker-compose version > /dev/null 2>&1; then
  compose_cmd=(docker-compose)
elif docker compose version > /dev/null 2>&1; then
  compose_cmd=(docker compose)
else
  say "SKIPPED: neither docker-compose nor docker compose is installed"
  exit 0
fi

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

project=alphabets-test-$$
env_file=$(mktemp)
{
  echo "POSTGRES_PASSWORD=test-$RANDOM$RANDOM"
  echo "PRODUCER_DB_PASSWORD=test-$RANDOM$RANDOM"
  echo "CONSUMER_DB_PASSWORD=test-$RANDOM$RANDOM"
  echo "ALPHABET_OPERATOR_PASSWORD=test-$RANDOM$RANDOM"
  echo "GRAFANA_ADMIN_PASSWORD=test-$RANDOM$RANDOM"
  for name in KAFKA_ADMIN_PASSWORD KAFKA_PRODUCER_PASSWORD KAFKA_CONSUMER_PASSWORD KAFKA_UI_PASSWORD; do
    echo "$name=test-$(head -c 18 /dev/urandom | base64)"
  done
  echo "ALPHABET_SENDER_INTERVAL=${ALPHABET_SENDER_INTERVAL:-50ms}"
  for name in KAFKA_1_PORT KAFKA_2_PORT KAFKA_3_PORT PRODUCER_PORT CONSUMER_PORT KAFKA_UI_PORT; do
    echo "$name=$(free_port)"
  done
} > "$env_file"
# shellcheck disable=SC1090
source "$env_file"
compose=("${compose_cmd[@]}" -p "$project" --env-file "$env_file" -f docker-compose.yml)
services=(kafka-1 kafka-2 kafka-3 postgres producer-service consumer-service)
one_shots=(kafka-init kafka-setup)

cleanup() {
  local status=$?
  if ((status != 0)); then
    say "logs of the last 40 lines per service:"
    "${compose[@]}" logs --no-color --tail 40 "${one_shots[@]}" "${services[@]}" 2> /dev/null || true
  fi
  say "down: removing containers, network and volumes of $project"
  "${compose[@]}" down --volumes --remove-orphans --timeout 10 > /dev/null 2>&1 || true
  rm -f "$env_file"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start=$SECONDS
say "build (${compose_cmd[*]} build producer-service consumer-service)"
"${compose[@]}" build -q producer-service consumer-service
say "built in $((SECONDS - start)) s; up: ${services[*]} (and their one-shots ${one_shots[*]})"
up_start=$SECONDS
"${compose[@]}" up -d "${services[@]}"

container() { "${compose[@]}" ps -q "$1"; }
health() { docker inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}' "$(container "$1")"; }
await_healthy() {
  local deadline=$((SECONDS + $2)) service
  for service in $1; do
    until [[ $(health "$service") == healthy ]]; do
      ((SECONDS < deadline)) || fail "$service not healthy within $2 s (now: $(health "$service"))"
      sleep 1
    done
  done
}
psql_in() { "${compose[@]}" exec -T postgres psql -U postgres -d "$1" -AtX -c "$2"; }
applied() { psql_in consumer "SELECT count(*) FROM received_messages"; }
await_more_applied() {
  local before deadline=$((SECONDS + $1))
  before=$(applied)
  until (($(applied) > before + 20)); do
    ((SECONDS < deadline)) || fail "letters stopped: $(applied) applied, $before ${1} s ago"
    sleep 1
  done
}

await_healthy "producer-service consumer-service" 300
say "both services ready $((SECONDS - up_start)) s after up"
await_more_applied 60
say "letters flow: $(applied) applied"

# Kafka's tools inside a broker container, over SASL_SSL: as admin (kafka-init's admin.properties), or as the
# consumer (its password from the test's .env, its settings written in the container's /tmp).
kafka_tool() { "${compose[@]}" exec -T -e KAFKA_HEAP_OPTS=-Xmx128m -e KAFKA_OPTS= kafka-1 "$@"; }
admin_config=/etc/kafka/secrets/admin.properties
say "the consumer's principal may not write alphabets"
kafka_tool bash -c "cat > /tmp/consumer.properties" << EOF
security.protocol=SASL_SSL
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="consumer" password="$KAFKA_CONSUMER_PASSWORD";
ssl.truststore.type=PEM
ssl.truststore.location=/etc/kafka/secrets/ca.crt
EOF
refusal=$(echo 'forged' | kafka_tool /opt/kafka/bin/kafka-console-producer.sh --bootstrap-server kafka-1:19092 \
  --producer.config /tmp/consumer.properties --topic alphabets --producer-property max.block.ms=20000 2>&1 || true)
[[ $refusal == *TopicAuthorizationException* || $refusal == *"Not authorized to access topics"* ]] ||
  fail "the consumer wrote alphabets, or failed otherwise: $refusal"
say "refused: $(grep -o -m 1 '[A-Za-z]*AuthorizationException[^.]*' <<< "$refusal" || tail -n 1 <<< "$refusal")"

leader=$(kafka_tool /opt/kafka/bin/kafka-topics.sh --bootstrap-server kafka-1:19092 --command-config "$admin_config" \
  --describe --topic alphabets | awk '/Partition: 0/ { for (i = 1; i < NF; i++) if ($i == "Leader:") print $(i + 1) }')
[[ $leader =~ ^[1-3]$ ]] || fail "no leader found for alphabets-0 (got '$leader')"
say "docker kill kafka-$leader (leader of alphabets-0)"
killed_at=$SECONDS
docker kill "$(container "kafka-$leader")" > /dev/null
await_more_applied 90
say "letters flow again without kafka-$leader ($((SECONDS - killed_at)) s after the kill; $(applied) applied)"
"${compose[@]}" start "kafka-$leader" > /dev/null
await_healthy "kafka-$leader" 120
say "kafka-$leader is back and healthy"

say "${compose_cmd[*]} restart consumer-service"
"${compose[@]}" restart consumer-service > /dev/null
await_healthy consumer-service 120
await_more_applied 60
say "consumer back: $(applied) applied"

say "stop the producer, then let the consumer catch up"
"${compose[@]}" stop producer-service > /dev/null
IFS='|' read -r current next_index < <(psql_in producer "SELECT sequence_id, next_index FROM sender_progress")
[[ -n $current ]] || fail "the producer stored no progress"
previous=-1
until [[ $(applied) == "$previous" ]]; do
  previous=$(applied)
  sleep 5
done

# The reliability suite's checks, on what the consumer stored.
twice=$(psql_in consumer "SELECT count(*) - count(DISTINCT message_id) FROM received_messages")
((twice == 0)) || fail "$twice letter(s) applied twice"
gaps=$(psql_in consumer "SELECT sequence_id || ' ' || count(*) || ' ' || count(DISTINCT letter_index) || ' '
  || min(letter_index) || ' ' || max(letter_index) FROM received_messages GROUP BY sequence_id
  HAVING count(DISTINCT letter_index) <> count(*) OR min(letter_index) <> 0 OR max(letter_index) <> count(*) - 1")
[[ -z $gaps ]] || fail "sequences with missing or repeated indexes (id rows distinct min max): $gaps"
incomplete=$(psql_in consumer "SELECT sequence_id || ':' || count(*) FROM received_messages
  WHERE sequence_id <> '$current' GROUP BY sequence_id HAVING count(*) <> 26")
[[ -z $incomplete ]] || fail "incomplete sequences (letters lost): $incomplete"
in_current=$(psql_in consumer "SELECT count(*) FROM received_messages WHERE sequence_id = '$current'")
((in_current == next_index)) || fail "the producer's current sequence holds $in_current letters, its position is $next_index"
sequences=$(psql_in consumer "SELECT count(DISTINCT sequence_id) FROM received_messages")
duplicates=$(psql_in consumer "SELECT count(*) FROM duplicate_deliveries")
api=$(curl -fsS "http://127.0.0.1:$CONSUMER_PORT/api/sequences?incomplete=true")
say "PASSED: $(applied) letters in $sequences sequences, none lost, none applied twice ($duplicates redelivery(ies)" \
  "recognised as duplicates); /api/sequences?incomplete=true: $api; $((SECONDS - start)) s in all"
