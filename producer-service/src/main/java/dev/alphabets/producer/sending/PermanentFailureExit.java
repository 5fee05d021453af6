package dev.alphabets.producer.sending;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Ends the process with a non-zero code after a permanent error, for deployments that
 * prefer a restart by their orchestrator to a stopped sender
 * ({@code alphabet.sender.exit-on-permanent-failure=true}).
 */
@Component
class PermanentFailureExit {

	/** The process exit code after a permanent send error. */
	static final int EXIT_CODE = 3;

	private static final Logger logger = LoggerFactory.getLogger(PermanentFailureExit.class);

	private final ConfigurableApplicationContext context;

	PermanentFailureExit(ConfigurableApplicationContext context) {
		this.context = context;
	}

	void exit(String reason) {
		logger.error("Exiting with code {} after a permanent error: {}", EXIT_CODE, reason);
		// Closing the context stops the sender, which waits for this very thread: exit
		// elsewhere.
		Thread exiting = new Thread(() -> System.exit(SpringApplication.exit(this.context, () -> EXIT_CODE)),
				"permanent-failure-exit");
		exiting.start();
	}

}
