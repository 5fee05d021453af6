package dev.alphabets.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One OS process of the suite (a broker or a service), with its output appended to a
 * file. Every process still running when the test JVM ends is killed by a shutdown hook,
 * whatever made the tests stop.
 */
final class ManagedProcess {

	private static final Logger logger = LoggerFactory.getLogger(ManagedProcess.class);

	private static final Set<ManagedProcess> started = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(ManagedProcess::killAll, "reliability-cleanup"));
	}

	private final String name;

	private final List<String> command;

	private final Path log;

	private volatile Process process;

	private volatile boolean paused;

	ManagedProcess(String name, List<String> command, Path log) {
		this.name = name;
		this.command = List.copyOf(command);
		this.log = log;
	}

	String name() {
		return this.name;
	}

	Path log() {
		return this.log;
	}

	String output() {
		try {
			return Files.exists(this.log) ? Files.readString(this.log) : "";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Starts the process. Its standard input stays an open pipe: broker nodes started
	 * with {@code --stop-on-stdin-eof} exit when this JVM dies, even by {@code kill -9}.
	 */
	ManagedProcess start() {
		if (isAlive()) {
			throw new IllegalStateException(this.name + " is already running");
		}
		try {
			Files.createDirectories(this.log.getParent());
			this.process = new ProcessBuilder(this.command).directory(this.log.getParent().toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + this.name, ex);
		}
		this.paused = false;
		started.add(this);
		logger.info("Started {} (pid {}), output in {}", this.name, this.process.pid(), this.log);
		return this;
	}

	boolean isAlive() {
		Process current = this.process;
		return current != null && current.isAlive();
	}

	boolean isPaused() {
		return this.paused && isAlive();
	}

	long pid() {
		return this.process.pid();
	}

	/** {@code kill -9}: no shutdown hook, no flush, no goodbye to the cluster. */
	void kill() {
		logger.info("kill -9 {} (pid {})", this.name, pid());
		this.process.destroyForcibly();
		awaitExit(Duration.ofSeconds(30));
		this.paused = false;
	}

	/** SIGTERM, then {@code kill -9} if the process has not exited within the timeout. */
	void terminate(Duration timeout) {
		logger.info("SIGTERM {} (pid {})", this.name, pid());
		this.process.destroy();
		if (!awaitExit(timeout)) {
			logger.warn("{} did not stop within {}: killing it", this.name, timeout);
			kill();
		}
	}

	/** SIGSTOP: the process freezes as in a long GC pause, its sockets stay open. */
	void pause() {
		signal("STOP");
		this.paused = true;
	}

	/** SIGCONT. */
	void resume() {
		signal("CONT");
		this.paused = false;
	}

	private void signal(String signal) {
		logger.info("kill -{} {} (pid {})", signal, this.name, pid());
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid())).inheritIO().start();
			if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
				throw new IllegalStateException("kill -" + signal + " " + pid() + " failed");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private boolean awaitExit(Duration timeout) {
		try {
			return this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** Kills the process if it is still running, a paused one included. */
	void destroy() {
		Process current = this.process;
		if (current != null && current.isAlive()) {
			current.destroyForcibly();
			awaitExit(Duration.ofSeconds(30));
		}
		started.remove(this);
	}

	static void killAll() {
		started.forEach(ManagedProcess::destroy);
	}

}
