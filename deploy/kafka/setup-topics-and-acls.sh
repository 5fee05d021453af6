#!/usr/bin/env bash
# Run by the one-shot service kafka-setup once the three brokers are healthy, as the super user admin: declares the
# pair's topics (the services do not: they may not create topics) and the ACLs that let each principal do its own
# work and nothing else (the broker's StandardAuthorizer refuses whatever no ACL allows). The same rules as
# local-kafka --secure (AccessRules). Safe to run again: existing topics and ACLs are kept.
set -euo pipefail

config=/etc/kafka/secrets/admin.properties
servers=kafka-1:19092,kafka-2:19092,kafka-3:19092
bin=/opt/kafka/bin
say() { echo "kafka-setup: $*"; }

topic() { # topic NAME PARTITIONS CONFIG...
  local name=$1 partitions=$2 configs=()
  shift 2
  for config_entry in "$@"; do configs+=(--config "$config_entry"); done
  "$bin/kafka-topics.sh" --bootstrap-server "$servers" --command-config "$config" --create --if-not-exists \
    --topic "$name" --partitions "$partitions" --replication-factor 3 "${configs[@]}"
}
allow() { # allow PRINCIPAL OPERATIONS RESOURCE-OPTIONS...
  local principal=$1 names=$2 operations=()
  for operation in $names; do operations+=(--operation "$operation"); done
  shift 2
  "$bin/kafka-acls.sh" --bootstrap-server "$servers" --command-config "$config" --add \
    --allow-principal "User:$principal" "${operations[@]}" "$@" > /dev/null
  say "User:$principal may $names: $*"
}

durable=(min.insync.replicas=2 unclean.leader.election.enable=false)
topic alphabets 3 "${durable[@]}"
topic alphabets-dlt 3 "${durable[@]}"
topic alphabets-sender-positions 1 min.insync.replicas=2 cleanup.policy=compact

# The producer writes letters (WRITE on the topic is all an idempotent producer needs since Kafka 3.0, KIP-679: no
# cluster-wide IdempotentWrite) and reads the partitions' tails (a group-less consumer) after a failed window;
# exactly-once adds its transactions (transactional ids alphabets-tx-<sender id>) and the compacted position topic.
allow producer "Write Read Describe" --topic alphabets --topic alphabets-sender-positions
allow producer "Write Describe" --transactional-id alphabets-tx- --resource-pattern-type prefixed
# The consumer reads letters in its group and writes poison pills to the dead-letter topic; it may not write
# alphabets.
allow consumer "Read Describe" --topic alphabets --group alphabet-consumer
allow consumer "Write Describe" --topic alphabets-dlt
# Kafka UI (read-only): looks at the pair's topics, their messages and configs, the groups and the brokers.
allow kafka-ui "Read Describe DescribeConfigs" --topic alphabets --resource-pattern-type prefixed
allow kafka-ui "Describe" --group '*'
allow kafka-ui "Describe DescribeConfigs" --cluster
say "topics and ACLs in place"
