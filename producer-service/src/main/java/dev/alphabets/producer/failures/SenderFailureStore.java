package dev.alphabets.producer.failures;

import tools.jackson.databind.json.JsonMapper;

import dev.alphabets.producer.sending.Delivery;
import dev.alphabets.producer.sending.FailureStore;
import dev.alphabets.producer.sending.Letter;
import org.springframework.stereotype.Component;

/**
 * The failed-message store as the sender sees it.
 */
@Component
class SenderFailureStore implements FailureStore {

	private final FailedMessageRepository repository;

	private final JsonMapper json;

	SenderFailureStore(FailedMessageRepository repository, JsonMapper json) {
		this.repository = repository;
		this.json = json;
	}

	@Override
	public void recordFailure(Letter letter, String topic, boolean permanent, String reason, String exceptionClass) {
		this.repository.recordFailure(letter, topic, this.json.writeValueAsString(letter),
				permanent ? FailedMessageStatus.FAILED : FailedMessageStatus.PENDING, reason, exceptionClass);
	}

	@Override
	public void closeDelivered(String messageId, Delivery delivery) {
		this.repository.markDelivered(messageId, delivery, "sender", "DELIVERED");
	}

	@Override
	public boolean isClosed(String messageId) {
		return this.repository.findByMessageId(messageId)
			.map((entry) -> entry.status() == FailedMessageStatus.DELIVERED
					|| entry.status() == FailedMessageStatus.DISCARDED)
			.orElse(false);
	}

}
