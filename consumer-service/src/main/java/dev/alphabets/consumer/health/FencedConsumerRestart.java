package dev.alphabets.consumer.health;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.event.ConsumerStoppedEvent;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Starts a listener container again after one of its consumers was fenced as a static
 * member. The coordinator answers FENCED_INSTANCE_ID when a newer join with the same
 * {@code group.instance.id} replaced the member, which a consumer can do to itself by
 * joining again while the coordinator moves or is frozen; Spring Kafka then stops that
 * consumer for good and its partitions stand still. A restart joins with the same id, and
 * each partition resumes where its position is kept (the database, or Kafka's committed
 * offset), so nothing is skipped or applied twice.
 */
@Component
class FencedConsumerRestart implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(FencedConsumerRestart.class);

	private static final long DELAY_MILLIS = 1000;

	private final Counter fenced;

	private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "listener-restart");
		thread.setDaemon(true);
		return thread;
	});

	FencedConsumerRestart(MeterRegistry meters) {
		this.fenced = Counter.builder("alphabet.consumer.fenced")
			.description("Consumers fenced as static members and started again")
			.register(meters);
	}

	@EventListener
	void stopped(ConsumerStoppedEvent event) {
		if (event.getReason() != ConsumerStoppedEvent.Reason.FENCED) {
			return;
		}
		// The event comes from the consumer's own thread, inside its stop: restart from
		// another thread, the whole container (a child cannot be started on its own).
		MessageListenerContainer container = event.getContainer(MessageListenerContainer.class);
		this.fenced.increment();
		logger.warn(
				"Consumer {} of listener {} was fenced as static member (group.instance.id); "
						+ "starting the listener again in {} ms",
				event.getSource(), container.getListenerId(), DELAY_MILLIS);
		this.restarts.schedule(() -> restart(container), DELAY_MILLIS, TimeUnit.MILLISECONDS);
	}

	private void restart(MessageListenerContainer container) {
		try {
			if (container.isRunning()) {
				container.stop();
			}
			container.start();
			logger.info("Listener {} started again after its consumer was fenced", container.getListenerId());
		}
		catch (RuntimeException ex) {
			logger.error("Listener {} could not be started again: {}", container.getListenerId(), ex.getMessage(), ex);
		}
	}

	@Override
	public void destroy() {
		this.restarts.shutdownNow();
	}

}
