package dev.alphabets.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The producer's acknowledgements, read from the log that every producer process of a
 * scenario appends to. At interval 0 the log grows fast: each read parses only the
 * complete lines added since the last one, in chunks, up to the log's end.
 */
final class Acknowledgements {

	private static final Pattern DELIVERED = Pattern
		.compile("Delivered ([A-Z]) to topic=(\\S+) partition=(\\d+) offset=(\\d+) messageId=(\\S+) sequenceId=(\\S+)");

	private final Path log;

	private final int chunkBytes;

	private final List<Acknowledgement> acknowledgements = new ArrayList<>();

	private long parsedBytes;

	Acknowledgements(Path log) {
		this(log, 64 << 20);
	}

	Acknowledgements(Path log, int chunkBytes) {
		this.log = log;
		this.chunkBytes = chunkBytes;
	}

	/** Every acknowledgement logged so far, in the order they were logged. */
	synchronized List<Acknowledgement> all() {
		try (SeekableByteChannel channel = Files.newByteChannel(this.log)) {
			long size = channel.size();
			// A read may come after hundreds of megabytes were logged: all of it, chunk
			// by
			// chunk (a single chunk once left the rest of a 218 MB log unread).
			while (size > this.parsedBytes) {
				ByteBuffer added = ByteBuffer.allocate((int) Math.min(size - this.parsedBytes, this.chunkBytes));
				channel.position(this.parsedBytes);
				while (added.hasRemaining() && channel.read(added) > 0) {
					// read what is there
				}
				String text = new String(added.array(), 0, added.position(), StandardCharsets.UTF_8);
				int complete = text.lastIndexOf('\n') + 1;
				if (complete == 0) {
					// A line longer than a chunk, or one still being written.
					break;
				}
				Matcher matcher = DELIVERED.matcher(text.substring(0, complete));
				while (matcher.find()) {
					this.acknowledgements.add(new Acknowledgement(matcher.group(1), Integer.parseInt(matcher.group(3)),
							Long.parseLong(matcher.group(4)), matcher.group(5), matcher.group(6)));
				}
				this.parsedBytes += text.substring(0, complete).getBytes(StandardCharsets.UTF_8).length;
			}
		}
		catch (NoSuchFileException ex) {
			// Not started yet.
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new ArrayList<>(this.acknowledgements);
	}

	/**
	 * One acknowledgement as the producer logged it.
	 *
	 * @param letter the letter
	 * @param partition the partition
	 * @param offset the offset
	 * @param messageId the message id
	 * @param sequenceId the sequence id, also the record key
	 */
	record Acknowledgement(String letter, int partition, long offset, String messageId, String sequenceId) {
	}

}
