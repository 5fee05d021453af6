package dev.alphabets.localkafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the admin of a secured cluster declares: the pair's topics, and the ACLs that let
 * each service do its own work and nothing else.
 */
final class AccessRules {

	private static final Logger logger = LoggerFactory.getLogger(AccessRules.class);

	static final String TOPIC = "alphabets";

	static final String DEAD_LETTER_TOPIC = "alphabets-dlt";

	static final String POSITION_TOPIC = "alphabets-sender-positions";

	static final String TRANSACTIONAL_ID_PREFIX = "alphabets-tx-";

	static final String CONSUMER_GROUP = "alphabet-consumer";

	private static final int PARTITIONS = 3;

	private final Options options;

	AccessRules(Options options) {
		this.options = options;
	}

	void apply(Admin admin) throws ExecutionException, InterruptedException, TimeoutException {
		createTopics(admin);
		List<AclBinding> acls = acls();
		admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
		logger.info("Declared topics {}, {}, {} and {} ACLs for User:producer and User:consumer", TOPIC,
				DEAD_LETTER_TOPIC, POSITION_TOPIC, acls.size());
	}

	static List<AclBinding> acls() {
		List<AclBinding> acls = new ArrayList<>();
		// The producer writes letters, and reads the partitions' tails (a plain assigned
		// consumer, no group) to learn what a failed window really wrote.
		allow(acls, "producer", ResourceType.TOPIC, TOPIC, PatternType.LITERAL, AclOperation.WRITE, AclOperation.READ,
				AclOperation.DESCRIBE);
		// Exactly-once: its transactions and the compacted topic of its positions.
		allow(acls, "producer", ResourceType.TRANSACTIONAL_ID, TRANSACTIONAL_ID_PREFIX, PatternType.PREFIXED,
				AclOperation.WRITE, AclOperation.DESCRIBE);
		allow(acls, "producer", ResourceType.TOPIC, POSITION_TOPIC, PatternType.LITERAL, AclOperation.WRITE,
				AclOperation.READ, AclOperation.DESCRIBE);
		allow(acls, "consumer", ResourceType.TOPIC, TOPIC, PatternType.LITERAL, AclOperation.READ,
				AclOperation.DESCRIBE);
		allow(acls, "consumer", ResourceType.GROUP, CONSUMER_GROUP, PatternType.LITERAL, AclOperation.READ,
				AclOperation.DESCRIBE);
		allow(acls, "consumer", ResourceType.TOPIC, DEAD_LETTER_TOPIC, PatternType.LITERAL, AclOperation.WRITE,
				AclOperation.DESCRIBE);
		return acls;
	}

	private void createTopics(Admin admin) throws ExecutionException, InterruptedException, TimeoutException {
		short replicas = (short) this.options.nodes();
		String minInsync = String.valueOf((this.options.nodes() == 1) ? 1 : 2);
		Map<String, String> durable = Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minInsync,
				TopicConfig.UNCLEAN_LEADER_ELECTION_ENABLE_CONFIG, "false");
		List<NewTopic> topics = List.of(new NewTopic(TOPIC, PARTITIONS, replicas).configs(durable),
				new NewTopic(DEAD_LETTER_TOPIC, PARTITIONS, replicas).configs(durable),
				new NewTopic(POSITION_TOPIC, 1, replicas).configs(Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
						minInsync, TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
		for (var created : admin.createTopics(topics).values().entrySet()) {
			try {
				created.getValue().get(30, TimeUnit.SECONDS);
			}
			catch (ExecutionException ex) {
				if (!(ex.getCause() instanceof TopicExistsException)) {
					throw ex;
				}
			}
		}
	}

	private static void allow(List<AclBinding> acls, String principal, ResourceType type, String name,
			PatternType pattern, AclOperation... operations) {
		for (AclOperation operation : operations) {
			acls.add(new AclBinding(new ResourcePattern(type, name, pattern),
					new AccessControlEntry("User:" + principal, "*", operation, AclPermissionType.ALLOW)));
		}
	}

}
