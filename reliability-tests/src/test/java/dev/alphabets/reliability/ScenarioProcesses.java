package dev.alphabets.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.alphabets.testsupport.ClientSecrets;
import dev.alphabets.testsupport.KafkaCluster;
import dev.alphabets.testsupport.ServiceProcess;

/**
 * The service processes of one scenario: each producer and consumer it starts, on the
 * scenario's topics, group and databases, in its delivery models; on a secured cluster
 * each as its own principal, once the admin has declared the scenario's topics and ACLs.
 */
final class ScenarioProcesses implements AutoCloseable {

	private final ScenarioSettings settings;

	private final KafkaCluster cluster;

	private final Stores stores;

	private final List<ServiceProcess> services = new ArrayList<>();

	private ServiceProcess producer;

	private ServiceProcess consumer;

	private boolean declared;

	ScenarioProcesses(ScenarioSettings settings, KafkaCluster cluster, Stores stores) {
		this.settings = settings;
		this.cluster = cluster;
		this.stores = stores;
	}

	ServiceProcess producer() {
		return this.producer;
	}

	ServiceProcess consumer() {
		return this.consumer;
	}

	List<ServiceProcess> all() {
		return this.services;
	}

	/** Replaces the producer by a new process on the same database, and starts it. */
	void startProducer() {
		this.producer = newProducer().start();
	}

	/** Replaces the consumer by a new process on the same database, and starts it. */
	void startConsumer() {
		this.consumer = newConsumer("consumer").start();
	}

	ServiceProcess newProducer() {
		List<String> settings = new ArrayList<>(common(ClientSecrets.PRODUCER));
		settings.add("--alphabet.min-insync-replicas=2");
		// As fast as Kafka takes them; the suite reads each acknowledgement from the
		// per-letter log line, which is DEBUG at that speed.
		settings.add("--alphabet.sender.interval=0");
		settings.add("--alphabet.sender.position-topic=" + this.settings.positionTopic());
		settings.add("--logging.level.dev.alphabets.producer.sending.LetterPublisher=DEBUG");
		settings.addAll(this.settings.models().producerArguments());
		settings.addAll(this.stores.producerArguments());
		settings.addAll(this.settings.producerSettings());
		return track(new ServiceProcess("producer-" + this.settings.id(), Jars.producer(),
				this.settings.directory().resolve("producer.log"), settings));
	}

	ServiceProcess newConsumer(String instance) {
		List<String> settings = new ArrayList<>(common(ClientSecrets.CONSUMER));
		settings.add("--alphabet.min-brokers=2");
		settings.add("--alphabet.min-insync-replicas=2");
		settings.add("--spring.kafka.consumer.group-id=" + this.settings.group());
		// Static membership as a deployment would have it: a consumer started again in
		// the same place keeps its name, so it takes its partitions back at once instead
		// of waiting for the dead member's session to time out and a rebalance.
		settings.add("--alphabet.instance-id=" + instance + "-" + this.settings.id());
		settings.addAll(this.settings.models().consumerArguments());
		settings.addAll(this.stores.consumerArguments());
		return track(new ServiceProcess(instance + "-" + this.settings.id(), Jars.consumer(),
				this.settings.directory().resolve(instance + ".log"), settings));
	}

	private List<String> common(String principal) {
		declareOnce();
		List<String> common = new ArrayList<>(
				List.of("--spring.kafka.bootstrap-servers=" + this.cluster.bootstrapServers(),
						"--alphabet.topic=" + this.settings.topic(),
						"--alphabet.dead-letter-topic=" + this.settings.deadLetterTopic(), "--alphabet.partitions=3",
						"--alphabet.replication-factor=3"));
		common.addAll(this.cluster.serviceArguments(principal));
		return common;
	}

	/**
	 * On a secured cluster the services may not declare topics: the admin declares them
	 * and the ACLs before the first service of the scenario starts.
	 */
	private void declareOnce() {
		if (this.declared || !this.cluster.isSecured()) {
			return;
		}
		try {
			new ScenarioAccess(this.settings, this.cluster.admin()).declare();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException(this.settings.name() + ": could not declare its topics and ACLs", ex);
		}
		this.declared = true;
	}

	private ServiceProcess track(ServiceProcess service) {
		this.services.add(service);
		return service;
	}

	/** Stops every service still running, cleanly. */
	void terminateAll() {
		for (ServiceProcess service : this.services) {
			if (service.process().isAlive()) {
				service.process().terminate(Duration.ofSeconds(30));
			}
		}
	}

	@Override
	public void close() {
		this.services.forEach((service) -> service.process().destroy());
		if (this.settings.consumerDatabase() != null) {
			this.settings.consumerDatabase().process().destroy();
		}
	}

}
