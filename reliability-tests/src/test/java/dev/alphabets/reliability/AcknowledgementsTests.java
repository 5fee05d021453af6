package dev.alphabets.reliability;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The producer's log is read up to its end however much was logged since the last read,
 * and a line still being written is left for the next read.
 */
class AcknowledgementsTests {

	@Test
	void allShouldReadEveryCompleteLineEvenWhenMuchMoreThanOneChunkWasLogged(@TempDir Path directory) throws Exception {
		Path log = directory.resolve("producer.log");
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < 500; i++) {
			text.append(line(i));
		}
		Files.writeString(log, text);
		Acknowledgements acknowledgements = new Acknowledgements(log, 1024);
		assertThat(acknowledgements.all()).hasSize(500);
		String next = line(500);
		Files.writeString(log, next.substring(0, 40), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
		assertThat(acknowledgements.all()).hasSize(500);
		Files.writeString(log, next.substring(40), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
		assertThat(acknowledgements.all()).hasSize(501)
			.last()
			.extracting(Acknowledgements.Acknowledgement::offset)
			.isEqualTo(500L);
	}

	private static String line(int offset) {
		return "2026-12-02T01:14:00.000Z DEBUG LetterPublisher : Delivered A to topic=alphabets partition=0 offset="
				+ offset + " messageId=m-" + offset + " sequenceId=s\n";
	}

}
