package dev.alphabets.testsupport;

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
 * One OS process started by a test or a benchmark (a broker, a service, a tool), with its
 * output appended to a file, so that the processes that replace one another in a scenario
 * (a restarted producer) share one log. Every process still running when the JVM ends is
 * killed by a shutdown hook, whatever made the run stop.
 */
public final class ManagedProcess implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ManagedProcess.class);

	private static final Set<ManagedProcess> started = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(ManagedProcess::killAll, "managed-process-cleanup"));
	}

	private final String name;

	private final List<String> command;

	private final Path log;

	private final Path directory;

	private volatile Process process;

	private volatile long startNanos;

	private volatile boolean paused;

	private boolean replaceLog;

	/**
	 * A process that runs in the directory of its log.
	 * @param name the name its log lines use
	 * @param command the command and its arguments
	 * @param log the file its output goes to
	 */
	public ManagedProcess(String name, List<String> command, Path log) {
		this(name, command, log, log.getParent());
	}

	/**
	 * A process that runs in the given directory.
	 * @param name the name its log lines use
	 * @param command the command and its arguments
	 * @param log the file its output goes to
	 * @param directory its working directory, or null for this JVM's
	 */
	public ManagedProcess(String name, List<String> command, Path log, Path directory) {
		this(name, command, log, directory, false);
	}

	/**
	 * A process whose first start replaces whatever its log file holds: a tool's output
	 * is read back whole, and must not show an earlier run's.
	 */
	ManagedProcess(String name, List<String> command, Path log, Path directory, boolean replaceLog) {
		this.name = name;
		this.command = List.copyOf(command);
		this.log = log;
		this.directory = directory;
		this.replaceLog = replaceLog;
	}

	public String name() {
		return this.name;
	}

	public Path log() {
		return this.log;
	}

	public String output() {
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
	 * @return this process
	 */
	public synchronized ManagedProcess start() {
		if (isAlive()) {
			throw new IllegalStateException(this.name + " is already running");
		}
		try {
			Files.createDirectories(this.log.getParent());
			ProcessBuilder builder = new ProcessBuilder(this.command).redirectErrorStream(true)
				.redirectOutput(this.replaceLog ? ProcessBuilder.Redirect.to(this.log.toFile())
						: ProcessBuilder.Redirect.appendTo(this.log.toFile()));
			if (this.directory != null) {
				builder.directory(this.directory.toFile());
			}
			this.startNanos = System.nanoTime();
			this.process = builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + this.name, ex);
		}
		this.replaceLog = false;
		this.paused = false;
		started.add(this);
		logger.info("Started {} (pid {}), output in {}", this.name, this.process.pid(), this.log);
		return this;
	}

	public boolean isAlive() {
		Process current = this.process;
		return current != null && current.isAlive();
	}

	public boolean isPaused() {
		return this.paused && isAlive();
	}

	public long pid() {
		return this.process.pid();
	}

	/**
	 * The process as the operating system sees it, for its children.
	 * @return its handle
	 */
	public ProcessHandle handle() {
		return this.process.toHandle();
	}

	/**
	 * The exit code of a process that has ended.
	 * @return the code
	 */
	public int exitValue() {
		return this.process.exitValue();
	}

	/**
	 * When the last start began.
	 * @return {@link System#nanoTime()} then
	 */
	public long startNanos() {
		return this.startNanos;
	}

	/**
	 * Waits for the process to end.
	 * @param timeoutSeconds the longest wait
	 * @return its output
	 * @throws IllegalStateException if it timed out or ended with a non-zero exit code
	 */
	public String awaitOutput(long timeoutSeconds) {
		if (!awaitExit(Duration.ofSeconds(timeoutSeconds))) {
			throw new IllegalStateException("Timed out after " + timeoutSeconds + " s, see " + this.log);
		}
		if (this.process.exitValue() != 0) {
			throw new IllegalStateException("Exit code " + this.process.exitValue() + ", see " + this.log);
		}
		return output();
	}

	/**
	 * The process's peak resident set size so far, from {@code /proc/<pid>/status}.
	 * @return VmHWM in MiB, or NaN where /proc is not available
	 */
	public double peakRssMiB() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
				if (line.startsWith("VmHWM:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
				}
			}
		}
		catch (IOException ex) {
			// Not Linux, or the process is gone.
		}
		return Double.NaN;
	}

	/** {@code kill -9}: no shutdown hook, no flush, no goodbye to the cluster. */
	public void kill() {
		logger.info("kill -9 {} (pid {})", this.name, pid());
		this.process.destroyForcibly();
		if (!awaitExit(Duration.ofSeconds(30))) {
			throw new IllegalStateException(this.name + " (pid " + pid() + ") still runs 30 s after SIGKILL");
		}
		this.paused = false;
	}

	/**
	 * SIGTERM, then {@code kill -9} if the process has not exited within the timeout.
	 * @param timeout how long a clean stop may take
	 */
	public void terminate(Duration timeout) {
		logger.info("SIGTERM {} (pid {})", this.name, pid());
		this.process.destroy();
		if (!awaitExit(timeout)) {
			logger.warn("{} did not stop within {}: killing it", this.name, timeout);
			kill();
		}
	}

	/** SIGSTOP: the process freezes as in a long GC pause, its sockets stay open. */
	public void pause() {
		signal("STOP");
		this.paused = true;
	}

	/** SIGCONT. */
	public void resume() {
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
	public void destroy() {
		Process current = this.process;
		if (current != null && current.isAlive()) {
			current.destroyForcibly();
			awaitExit(Duration.ofSeconds(30));
		}
		started.remove(this);
	}

	/**
	 * SIGTERM, and {@code kill -9} after 60 s: what a tool or a benchmark's service gets.
	 */
	@Override
	public void close() {
		if (isAlive()) {
			if (this.paused) {
				resume();
			}
			this.process.destroy();
			if (!awaitExit(Duration.ofSeconds(60))) {
				destroy();
			}
		}
		started.remove(this);
	}

	static void killAll() {
		started.forEach(ManagedProcess::destroy);
	}

}
