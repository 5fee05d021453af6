#!/usr/bin/env bash
# Run once per `docker-compose up` by the one-shot service kafka-init (as root, in the Kafka image, before any broker):
#   1. a local CA (its key in the volume kafka-init-state, which only this service mounts) and one key store per
#      broker (PKCS12, signed by the CA, valid for kafka-N, localhost and 127.0.0.1), made with the JRE's keytool,
#      with a random store password, into the volume kafka-secrets (/etc/kafka/secrets of the brokers, the image's
#      place for key stores and credential files);
#   2. the brokers' JAAS file (SCRAM between brokers, PLAIN on the controller listener, both as admin) and
#      admin.properties for Kafka's tools;
#   3. each broker's data volume formatted with the cluster id and the SCRAM-SHA-512 users admin, producer, consumer
#      and kafka-ui (kafka-storage format --add-scram), unless it is formatted already;
#   4. each service's Kafka login as a Spring Boot configtree file (its own volume, its /run/secrets) and the CA
#      certificate (the volume kafka-ca) that clients trust.
# The CA, the keys and the store password are made once and kept; the passwords come from .env. A password that
# changed in .env after the brokers were formatted is refused (the cluster still holds the old one): rotate it with
# kafka-configs.sh as admin (README "Security"), or remove the volumes.
set -euo pipefail

secrets=/etc/kafka/secrets
state=/var/lib/kafka-init
ca_dir=/etc/kafka/ca
brokers=(1 2 3)
validity=825
say() { echo "kafka-init: $*"; }
fail() {
  echo "kafka-init: $*" >&2
  exit 1
}

declare -A password=([admin]=${KAFKA_ADMIN_PASSWORD:-} [producer]=${KAFKA_PRODUCER_PASSWORD:-}
  [consumer]=${KAFKA_CONSUMER_PASSWORD:-} [kafka-ui]=${KAFKA_UI_PASSWORD:-})
declare -A variable=([admin]=KAFKA_ADMIN_PASSWORD [producer]=KAFKA_PRODUCER_PASSWORD
  [consumer]=KAFKA_CONSUMER_PASSWORD [kafka-ui]=KAFKA_UI_PASSWORD)
for user in admin producer consumer kafka-ui; do
  value=${password[$user]}
  [[ -n $value ]] || fail "${variable[$user]} is empty"
  # The password goes unescaped into JAAS lines and the storage tool's --add-scram argument.
  [[ $value =~ ^[A-Za-z0-9+/=._~@%^*-]+$ ]] ||
    fail "${variable[$user]} may hold only letters, digits and + / = . _ ~ @ % ^ * - (openssl rand -base64 24 fits)"
done
: "${CLUSTER_ID:?}" "${QUORUM_VOTERS:?}"

mkdir -p "$secrets" "$state" "$ca_dir"
# Each keytool run is a short JVM: C1 only and the serial collector start it faster.
keytool() {
  "${JAVA_HOME:+$JAVA_HOME/bin/}keytool" -J-XX:TieredStopAtLevel=1 -J-XX:+UseSerialGC "$@" 2>&1 |
    sed 's/^/kafka-init: keytool: /'
}

if [[ ! -s $secrets/store.credentials ]]; then
  head -c 24 /dev/urandom | base64 | tr -d '\n/+=' > "$secrets/store.credentials"
fi
store_password=$(< "$secrets/store.credentials")
if [[ ! -s $state/ca.p12 ]]; then
  say "making the local CA"
  rm -f "$secrets"/kafka-*.p12
  keytool -genkeypair -alias ca -dname "CN=alphabets compose CA" -ext bc:c -keyalg EC -groupname secp256r1 \
    -validity "$validity" -storetype PKCS12 -keystore "$state/ca.p12" -storepass "$store_password"
fi
keytool -exportcert -rfc -alias ca -keystore "$state/ca.p12" -storepass "$store_password" -file "$secrets/ca.crt"
for node in "${brokers[@]}"; do
  store=$secrets/kafka-$node.p12
  [[ -s $store ]] && continue
  say "making the key store of kafka-$node"
  keytool -genkeypair -alias broker -dname "CN=kafka-$node" -keyalg EC -groupname secp256r1 -validity "$validity" \
    -storetype PKCS12 -keystore "$store" -storepass "$store_password"
  keytool -certreq -alias broker -keystore "$store" -storepass "$store_password" -file "/tmp/kafka-$node.csr"
  keytool -gencert -rfc -alias ca -keystore "$state/ca.p12" -storepass "$store_password" \
    -infile "/tmp/kafka-$node.csr" -outfile "/tmp/kafka-$node.crt" -validity "$validity" \
    -ext "SAN=dns:kafka-$node,dns:localhost,ip:127.0.0.1" -ext EKU=serverAuth,clientAuth
  keytool -importcert -noprompt -alias ca -file "$secrets/ca.crt" -keystore "$store" -storepass "$store_password"
  keytool -importcert -noprompt -alias broker -file "/tmp/kafka-$node.crt" -keystore "$store" \
    -storepass "$store_password"
done

# Brokers authenticate each other with SCRAM as admin (the KafkaServer section serves every SASL_SSL listener);
# the controller listener uses PLAIN: a controller cannot check SCRAM credentials that live in the metadata it serves.
cat > "$secrets/kafka_server_jaas.conf" << EOF
KafkaServer {
  org.apache.kafka.common.security.scram.ScramLoginModule required
  username="admin" password="${password[admin]}";
};
controller.KafkaServer {
  org.apache.kafka.common.security.plain.PlainLoginModule required
  username="admin" password="${password[admin]}" user_admin="${password[admin]}";
};
EOF
jaas() { echo "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"$1\" password=\"${password[$1]}\";"; }
cat > "$secrets/admin.properties" << EOF
# Kafka's tools as admin: docker-compose exec kafka-1 kafka-topics.sh --command-config $secrets/admin.properties ...
security.protocol=SASL_SSL
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=$(jaas admin)
ssl.truststore.type=PEM
ssl.truststore.location=$secrets/ca.crt
EOF

# Each password's fingerprint at format time, salted, where only this service looks: a later change in .env is
# refused here instead of locking a client (or a broker) out.
[[ -s $state/salt ]] || head -c 16 /dev/urandom | base64 > "$state/salt"
fingerprint() { printf '%s:%s' "$(< "$state/salt")" "${password[$1]}" | sha256sum | cut -d' ' -f1; }
for user in admin producer consumer kafka-ui; do
  if [[ -s $state/$user.sha256 && $(< "$state/$user.sha256") != "$(fingerprint "$user")" ]]; then
    fail "${variable[$user]} differs from the one the brokers were formatted with: rotate it as admin (README \"Security\") or remove the volumes"
  fi
done
scram=()
for user in admin producer consumer kafka-ui; do
  scram+=(--add-scram "SCRAM-SHA-512=[name=$user,password=${password[$user]}]")
done
for node in "${brokers[@]}"; do
  data=/var/lib/kafka/data-$node
  [[ -f $data/meta.properties ]] && continue
  cat > "/tmp/format-$node.properties" << EOF
process.roles=broker,controller
node.id=$node
controller.quorum.voters=$QUORUM_VOTERS
controller.listener.names=CONTROLLER
listeners=INTERNAL_SASL_SSL://:19092,CONTROLLER://:19093
listener.security.protocol.map=INTERNAL_SASL_SSL:SASL_SSL,CONTROLLER:SASL_SSL
inter.broker.listener.name=INTERNAL_SASL_SSL
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.controller.sasl.enabled.mechanisms=PLAIN
sasl.mechanism.controller.protocol=PLAIN
log.dirs=$data
EOF
  say "formatting kafka-$node with the SCRAM users admin, producer, consumer, kafka-ui"
  /opt/kafka/bin/kafka-storage.sh format --config "/tmp/format-$node.properties" --cluster-id "$CLUSTER_ID" \
    "${scram[@]}" | sed 's/^/kafka-init: /'
  for user in admin producer consumer kafka-ui; do fingerprint "$user" > "$state/$user.sha256"; done
  chown -R appuser:appuser "$data"
done

for service in producer consumer; do
  jaas "$service" > "/run/secrets-$service/spring.kafka.properties.sasl.jaas.config"
done
cp "$secrets/ca.crt" "$ca_dir/ca.crt"

# The brokers' files are theirs alone (appuser); each service's login is readable inside its own container only
# (its volume is mounted there and here), whatever its user id; the CA certificate is public.
chmod -R go= "$state"
chown -R appuser:appuser "$secrets"
chmod 0700 "$secrets"
chmod 0400 "$secrets"/*
chmod 0444 "$secrets/ca.crt" "$ca_dir/ca.crt"
chmod 0755 /run/secrets-producer /run/secrets-consumer
chmod 0444 /run/secrets-producer/* /run/secrets-consumer/*
say "secrets ready: CA, key stores of kafka-${brokers[*]}, SCRAM users, the services' logins"
