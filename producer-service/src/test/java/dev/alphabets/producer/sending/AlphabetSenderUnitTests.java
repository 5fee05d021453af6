package dev.alphabets.producer.sending;

import java.time.Duration;
import java.util.Optional;

import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.alphabets.producer.AlphabetProperties;
import dev.alphabets.producer.failures.FailedMessageRepository;
import dev.alphabets.producer.failures.FailedMessageStatus;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

/**
 * The sender's reaction to a permanent error, with its collaborators replaced: stop, or
 * exit when {@code alphabet.sender.exit-on-permanent-failure} is set.
 */
class AlphabetSenderUnitTests {

	private final LetterPublisher publisher = mock(LetterPublisher.class);

	private final SenderProgressRepository progress = mock(SenderProgressRepository.class);

	private final FailedMessageRepository failures = mock(FailedMessageRepository.class);

	private final PermanentFailureExit exit = mock(PermanentFailureExit.class);

	private AlphabetSender sender;

	@AfterEach
	void stop() {
		if (this.sender != null) {
			this.sender.stop();
		}
	}

	@Test
	void permanentErrorWithExitEnabledShouldExitTheProcess() throws Exception {
		this.sender = sender(true);
		this.sender.start();
		verify(this.exit, timeout(5000)).exit(contains("RecordTooLargeException"));
		verify(this.failures).recordFailure(any(), eq("alphabets"), anyString(), eq(FailedMessageStatus.FAILED),
				contains("RecordTooLargeException"), eq(RecordTooLargeException.class.getName()));
	}

	@Test
	void permanentErrorWithExitDisabledShouldStopTheSenderAndStayAlive() throws Exception {
		this.sender = sender(false);
		this.sender.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.sender.status().state() == SenderStatus.State.STOPPED);
		assertThat(this.sender.status().reason()).contains("RecordTooLargeException");
		verify(this.exit, never()).exit(anyString());
	}

	private AlphabetSender sender(boolean exitOnPermanentFailure) throws SendFailedException {
		given(this.progress.find("alphabet-sender")).willReturn(Optional.empty());
		given(this.publisher.send(any())).willThrow(new SendFailedException(new RecordTooLargeException("too large")));
		AlphabetProperties properties = new AlphabetProperties("alphabets", "alphabets-dlt", 3, (short) 1, 1,
				new AlphabetProperties.Sender(Duration.ofMillis(10), true, exitOnPermanentFailure, "alphabet-sender"),
				new AlphabetProperties.Operator("operator", null));
		return new AlphabetSender(this.publisher, this.progress, this.failures, mock(TransactionTemplate.class),
				JsonMapper.builder().build(), this.exit, properties, mock(MissingTopics.class));
	}

}
