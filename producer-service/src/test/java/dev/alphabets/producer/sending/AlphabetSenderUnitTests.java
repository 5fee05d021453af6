package dev.alphabets.producer.sending;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import tools.jackson.databind.json.JsonMapper;

import dev.alphabets.producer.AlphabetProperties;
import dev.alphabets.producer.failures.FailedMessageRepository;
import dev.alphabets.producer.failures.FailedMessageStatus;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * The sender's pacing and its reaction to errors, with its collaborators replaced: stop,
 * or exit when {@code alphabet.sender.exit-on-permanent-failure} is set; a pause after a
 * failed step even with a zero interval.
 */
class AlphabetSenderUnitTests {

	private final LetterPublisher publisher = mock(LetterPublisher.class);

	private final SenderProgressRepository progress = mock(SenderProgressRepository.class);

	private final FailedMessageRepository failures = mock(FailedMessageRepository.class);

	private final PermanentFailureExit exit = mock(PermanentFailureExit.class);

	private final TransactionTemplate transactions = mock(TransactionTemplate.class);

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

	@Test
	void zeroIntervalShouldSendLetterAfterLetterAndCloseStoredFailuresOnlyForTheFirstLetter() throws Exception {
		given(this.publisher.send(any())).willReturn(new Delivery("alphabets", 0, 0));
		runTransactions();
		this.sender = sender(Duration.ZERO, false);
		this.sender.start();
		verify(this.progress, timeout(10_000).atLeast(100)).save(eq("alphabet-sender"), any());
		// An entry from before the start can only belong to the first letter.
		verify(this.failures, times(1)).markDelivered(anyString(), any(), eq("sender"), eq("DELIVERED"));
	}

	@Test
	void deliveryAfterAStoredFailureShouldCloseTheEntry() throws Exception {
		SendFailedException timeout = new SendFailedException(
				new org.apache.kafka.common.errors.TimeoutException("no acknowledgement"));
		given(this.publisher.send(any())).willReturn(new Delivery("alphabets", 0, 0))
			.willThrow(timeout)
			.willReturn(new Delivery("alphabets", 0, 1));
		runTransactions();
		this.sender = sender(Duration.ZERO, false);
		this.sender.start();
		verify(this.progress, timeout(10_000).atLeast(3)).save(eq("alphabet-sender"), any());
		ArgumentCaptor<Letter> failed = ArgumentCaptor.forClass(Letter.class);
		verify(this.failures).recordFailure(failed.capture(), eq("alphabets"), anyString(),
				eq(FailedMessageStatus.PENDING), contains("TimeoutException"), anyString());
		assertThat(failed.getValue().index()).isEqualTo(1);
		verify(this.failures).markDelivered(eq(failed.getValue().messageId()), any(), eq("sender"), eq("DELIVERED"));
		verify(this.failures, times(2)).markDelivered(anyString(), any(), anyString(), anyString());
	}

	@Test
	void databaseErrorAfterTheAcknowledgementShouldPauseBeforeTheSameLetterGoesAgain() throws Exception {
		List<Long> sends = new CopyOnWriteArrayList<>();
		willAnswer((invocation) -> {
			sends.add(System.nanoTime());
			return new Delivery("alphabets", 0, sends.size());
		}).given(this.publisher).send(any());
		willThrow(new DataAccessResourceFailureException("database down")).given(this.transactions)
			.executeWithoutResult(any());
		this.sender = sender(Duration.ZERO, false);
		this.sender.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> sends.size() >= 3);
		for (int i = 1; i < 3; i++) {
			assertThat(Duration.ofNanos(sends.get(i) - sends.get(i - 1)))
				.isGreaterThanOrEqualTo(AlphabetSender.PAUSE_AFTER_FAILURE.minusMillis(50));
		}
		verify(this.progress, never()).save(anyString(), any());
	}

	@SuppressWarnings("unchecked")
	private void runTransactions() {
		willAnswer((invocation) -> {
			((Consumer<TransactionStatus>) invocation.getArgument(0)).accept(null);
			return null;
		}).given(this.transactions).executeWithoutResult(any());
	}

	private AlphabetSender sender(boolean exitOnPermanentFailure) throws SendFailedException {
		given(this.publisher.send(any())).willThrow(new SendFailedException(new RecordTooLargeException("too large")));
		return sender(Duration.ofMillis(10), exitOnPermanentFailure);
	}

	private AlphabetSender sender(Duration interval, boolean exitOnPermanentFailure) {
		given(this.progress.find("alphabet-sender")).willReturn(Optional.empty());
		AlphabetProperties properties = new AlphabetProperties("alphabets", "alphabets-dlt", 3, (short) 1, 1,
				new AlphabetProperties.Sender(interval, true, exitOnPermanentFailure, "alphabet-sender"),
				new AlphabetProperties.Operator("operator", null));
		return new AlphabetSender(this.publisher, this.progress, this.failures, this.transactions,
				JsonMapper.builder().build(), this.exit, properties, mock(MissingTopics.class));
	}

}
