package dev.alphabets.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.alphabets.testsupport.ClientSecrets;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * What each principal may do on a secured broker of a benchmark run: the same principal
 * on both sides of a pair, so that both pay the same for authentication and
 * authorization.
 */
final class MeasurementAccess {

	private MeasurementAccess() {
	}

	/**
	 * A secured broker's ACLs for the measurements' names: the producer principal (the
	 * producer-service and every client it is compared with) writes the {@code produce-}
	 * topics and uses their transactional ids; the consumer principal (the
	 * consumer-service and ConsumerPerformance) reads the {@code consume-} topics in
	 * {@code consume-} groups and may write their dead-letter topics. The service's own
	 * transactional ids ({@code alphabets-tx-}) are local-kafka's rule already.
	 */
	static void allow(Admin admin) {
		List<AclBinding> acls = new ArrayList<>();
		allow(acls, ClientSecrets.PRODUCER, ResourceType.TOPIC, "produce-", AclOperation.WRITE, AclOperation.READ,
				AclOperation.DESCRIBE);
		allow(acls, ClientSecrets.PRODUCER, ResourceType.TRANSACTIONAL_ID, "bench-produce-", AclOperation.WRITE,
				AclOperation.DESCRIBE);
		allow(acls, ClientSecrets.CONSUMER, ResourceType.TOPIC, "consume-", AclOperation.READ, AclOperation.WRITE,
				AclOperation.DESCRIBE);
		allow(acls, ClientSecrets.CONSUMER, ResourceType.GROUP, "consume-", AclOperation.READ, AclOperation.DESCRIBE);
		try {
			admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException | ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Could not create the measurements' ACLs", ex);
		}
	}

	private static void allow(List<AclBinding> acls, String principal, ResourceType type, String prefix,
			AclOperation... operations) {
		for (AclOperation operation : operations) {
			acls.add(new AclBinding(new ResourcePattern(type, prefix, PatternType.PREFIXED),
					new AccessControlEntry("User:" + principal, "*", operation, AclPermissionType.ALLOW)));
		}
	}

}
