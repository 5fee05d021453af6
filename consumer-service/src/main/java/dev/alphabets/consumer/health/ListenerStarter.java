package dev.alphabets.consumer.health;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ListenerContainerRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Lets the service start while no bootstrap server name resolves (brokers not up yet, or
 * a container started without them): a Kafka consumer cannot even be created then, and
 * the listener containers would fail start-up. Just before the containers start, this
 * holds them back when no name resolves, and starts them once one does. Meanwhile the
 * listeners' health is DOWN with the reason. When a name resolves at start-up it does
 * nothing.
 */
@Component
class ListenerStarter implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ListenerStarter.class);

	private static final long RETRY_MILLIS = 1000;

	private final ObjectProvider<ListenerContainerRegistry> registry;

	private final List<String> bootstrapServers;

	private final List<MessageListenerContainer> held = new ArrayList<>();

	private volatile String waitingFor;

	private ScheduledExecutorService retries;

	// The registry is looked up when starting, not injected: an injected dependency would
	// be started (with its containers) before this.
	ListenerStarter(ListableBeanFactory beans, ConsumerFactory<?, ?> consumerFactory) {
		this.registry = beans.getBeanProvider(ListenerContainerRegistry.class);
		Object servers = consumerFactory.getConfigurationProperties().get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG);
		this.bootstrapServers = (servers instanceof List<?> list) ? list.stream().map(String::valueOf).toList()
				: List.of(StringUtils.commaDelimitedListToStringArray(String.valueOf(servers)));
	}

	@Override
	public synchronized void start() {
		String unresolved = unresolvedReason();
		if (unresolved == null) {
			return;
		}
		for (MessageListenerContainer container : this.registry.getObject().getAllListenerContainers()) {
			if (container.isAutoStartup() && !container.isRunning()) {
				container.setAutoStartup(false);
				this.held.add(container);
			}
		}
		this.waitingFor = unresolved;
		logger.warn("Listeners wait for Kafka: {}; trying again every {} ms", unresolved, RETRY_MILLIS);
		this.retries = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "listener-starter");
			thread.setDaemon(true);
			return thread;
		});
		this.retries.scheduleWithFixedDelay(this::startWhenResolvable, RETRY_MILLIS, RETRY_MILLIS,
				TimeUnit.MILLISECONDS);
	}

	private synchronized void startWhenResolvable() {
		String unresolved = unresolvedReason();
		if (unresolved != null || this.retries == null) {
			this.waitingFor = unresolved;
			return;
		}
		try {
			for (MessageListenerContainer container : List.copyOf(this.held)) {
				container.setAutoStartup(true);
				container.start();
				this.held.remove(container);
			}
			this.waitingFor = null;
			this.retries.shutdown();
			logger.info("Kafka's bootstrap servers resolve: listeners started");
		}
		catch (RuntimeException ex) {
			// A name that resolved a moment ago may not any more: reset the half-started
			// container and try again.
			this.waitingFor = ex.getMessage();
			this.held.stream().filter(MessageListenerContainer::isRunning).forEach(MessageListenerContainer::stop);
			logger.warn("Listeners could not start yet: {}", ex.getMessage());
		}
	}

	private String unresolvedReason() {
		for (String server : this.bootstrapServers) {
			String host = Utils.getHost(server.trim());
			if (host == null) {
				continue;
			}
			try {
				InetAddress.getAllByName(host);
				return null;
			}
			catch (UnknownHostException ex) {
				// try the next one
			}
		}
		return "No resolvable bootstrap urls given in bootstrap.servers " + this.bootstrapServers;
	}

	/**
	 * Why the listeners have not started yet.
	 * @return the reason, or {@code null} when they are not held back
	 */
	String waitingFor() {
		return this.waitingFor;
	}

	@Override
	public synchronized void stop() {
		if (this.retries != null) {
			this.retries.shutdownNow();
			this.retries = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.retries != null && !this.retries.isShutdown();
	}

	@Override
	public int getPhase() {
		// Just before the listener endpoint registry starts the containers.
		return AbstractMessageListenerContainer.DEFAULT_PHASE - 1;
	}

}
