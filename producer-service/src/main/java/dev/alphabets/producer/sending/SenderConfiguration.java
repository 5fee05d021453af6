package dev.alphabets.producer.sending;

import java.time.Duration;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import dev.alphabets.producer.AlphabetProperties;
import dev.alphabets.producer.DeliveryModel;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Assembles the sender from its parts.
 */
@Configuration(proxyBeanMethods = false)
class SenderConfiguration {

	/** How long reading the partitions' tails after a failure may take. */
	private static final Duration TAIL_READ_TIMEOUT = Duration.ofSeconds(10);

	@Bean
	@ConditionalOnDelivery(DeliveryModel.AT_LEAST_ONCE)
	SendGate sendGate() {
		return new SendGate();
	}

	@Bean
	@ConditionalOnDelivery(DeliveryModel.AT_LEAST_ONCE)
	DefaultKafkaProducerFactoryCustomizer gatedProducers(SendGate gate) {
		return (factory) -> gate(factory, gate);
	}

	private static <K, V> void gate(DefaultKafkaProducerFactory<K, V> factory, SendGate gate) {
		factory.addPostProcessor(gate::wrap);
	}

	@Bean
	@ConditionalOnDelivery(DeliveryModel.AT_LEAST_ONCE)
	AlphabetSender alphabetSender(AlphabetProperties properties, KafkaTemplate<String, Letter> template,
			KafkaProperties kafka, LetterPublisher publisher, SenderProgressRepository progress, FailureStore failures,
			TransactionTemplate transactions, PermanentFailureExit exit, MissingTopics missingTopics,
			MeterRegistry meters, JdbcClient jdbc, SendGate gate) {
		AlphabetProperties.Sender sender = properties.sender();
		InFlightWindow window = new InFlightWindow(sender.maxInFlight());
		gate.follow(window::isFailing);
		SenderLease lease = new SenderLease(jdbc, sender.id(), sender.leaseTtl());
		WatermarkCommitter committer = new WatermarkCommitter(window, progress, failures, transactions, lease,
				sender.id(), sender.commitEvery(), sender.commitInterval(), sender.interval().isZero(), meters);
		// Every letter in flight lies within the last max-in-flight records of its
		// partition written by this sender; the margin covers records of others.
		PartitionTails tails = new PartitionTails(kafka.buildConsumerProperties(), properties.topic(),
				sender.maxInFlight() + 1000, TAIL_READ_TIMEOUT);
		FailurePolicy policy = new FailurePolicy(window, template.getProducerFactory(), tails, failures, missingTopics,
				properties.topic(), () -> template.partitionsFor(properties.topic()).size());
		Gauge.builder("alphabet.sender.in.flight", window, InFlightWindow::inFlight)
			.description("Letters sent and not yet acknowledged or failed")
			.register(meters);
		Gauge.builder("alphabet.sender.watermark.behind", window, (w) -> w.watermark().behind())
			.description("Letters acknowledged past the watermark (the first letter not known acknowledged)")
			.register(meters);
		Gauge.builder("alphabet.sender.position.behind", committer, WatermarkCommitter::storedBehind)
			.description("Letters acknowledged past the stored position (what a crash now would send again)")
			.register(meters);
		return new AlphabetSender(
				new SenderParts(sender, window, committer, policy, publisher, progress, failures, exit, lease));
	}

}
