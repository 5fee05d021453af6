package dev.alphabets.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.alphabets.testsupport.ClientSecrets;
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
 * On a secured cluster ({@code -Dreliability.secure=true}), what the admin declares for
 * one scenario before its services start, because they may not: the scenario's topics and
 * the ACLs that let its producer and consumer do their own work on them, as local-kafka's
 * own rules do for the pair's default names.
 */
final class ScenarioAccess {

	/** The exactly-once producer's transactional ids: this prefix and its sender id. */
	static final String TRANSACTIONAL_ID_PREFIX = "alphabets-tx-";

	private static final Logger logger = LoggerFactory.getLogger(ScenarioAccess.class);

	private static final int PARTITIONS = 3;

	private static final short REPLICAS = 3;

	private final ScenarioSettings settings;

	private final Admin admin;

	ScenarioAccess(ScenarioSettings settings, Admin admin) {
		this.settings = settings;
		this.admin = admin;
	}

	/** Whether this run's cluster is secured. */
	static boolean secured() {
		return Boolean.getBoolean("reliability.secure");
	}

	/** Creates the scenario's topics (those that exist already stay) and its ACLs. */
	void declare() throws Exception {
		Map<String, String> durable = Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2",
				TopicConfig.UNCLEAN_LEADER_ELECTION_ENABLE_CONFIG, "false");
		List<NewTopic> topics = new ArrayList<>(
				List.of(new NewTopic(this.settings.topic(), PARTITIONS, REPLICAS).configs(durable),
						new NewTopic(this.settings.deadLetterTopic(), PARTITIONS, REPLICAS).configs(durable)));
		if (exactlyOnceProducer()) {
			// As the producer declares it: one compacted partition in small segments.
			topics.add(new NewTopic(this.settings.positionTopic(), 1, REPLICAS).configs(Map.of(
					TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2", TopicConfig.UNCLEAN_LEADER_ELECTION_ENABLE_CONFIG,
					"false", TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
					TopicConfig.SEGMENT_BYTES_CONFIG, String.valueOf(1024 * 1024))));
		}
		for (var created : this.admin.createTopics(topics).values().entrySet()) {
			try {
				created.getValue().get(30, TimeUnit.SECONDS);
			}
			catch (ExecutionException ex) {
				if (!(ex.getCause() instanceof TopicExistsException)) {
					throw ex;
				}
			}
		}
		List<AclBinding> acls = acls();
		this.admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
		logger.info("{}: declared topics {} and {} ACLs for User:{} and User:{}", this.settings.name(),
				topics.stream().map(NewTopic::name).toList(), acls.size(), ClientSecrets.PRODUCER,
				ClientSecrets.CONSUMER);
	}

	List<AclBinding> acls() {
		List<AclBinding> acls = new ArrayList<>();
		// The producer writes letters, and reads the partitions' tails (a plain assigned
		// consumer, no group) to learn what a failed window really wrote.
		allow(acls, ClientSecrets.PRODUCER, ResourceType.TOPIC, this.settings.topic(), PatternType.LITERAL,
				AclOperation.WRITE, AclOperation.READ, AclOperation.DESCRIBE);
		if (exactlyOnceProducer()) {
			allow(acls, ClientSecrets.PRODUCER, ResourceType.TRANSACTIONAL_ID, TRANSACTIONAL_ID_PREFIX,
					PatternType.PREFIXED, AclOperation.WRITE, AclOperation.DESCRIBE);
			allow(acls, ClientSecrets.PRODUCER, ResourceType.TOPIC, this.settings.positionTopic(), PatternType.LITERAL,
					AclOperation.WRITE, AclOperation.READ, AclOperation.DESCRIBE);
		}
		allow(acls, ClientSecrets.CONSUMER, ResourceType.TOPIC, this.settings.topic(), PatternType.LITERAL,
				AclOperation.READ, AclOperation.DESCRIBE);
		allow(acls, ClientSecrets.CONSUMER, ResourceType.GROUP, this.settings.group(), PatternType.LITERAL,
				AclOperation.READ, AclOperation.DESCRIBE);
		allow(acls, ClientSecrets.CONSUMER, ResourceType.TOPIC, this.settings.deadLetterTopic(), PatternType.LITERAL,
				AclOperation.WRITE, AclOperation.DESCRIBE);
		return acls;
	}

	private boolean exactlyOnceProducer() {
		return this.settings.models().producer() == DeliveryModel.EXACTLY_ONCE;
	}

	private static void allow(List<AclBinding> acls, String principal, ResourceType type, String name,
			PatternType pattern, AclOperation... operations) {
		for (AclOperation operation : operations) {
			acls.add(new AclBinding(new ResourcePattern(type, name, pattern),
					new AccessControlEntry("User:" + principal, "*", operation, AclPermissionType.ALLOW)));
		}
	}

}
