package dev.alphabets.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Java process started by the runner, with its output in a log file under
 * {@code target/}, stopped by SIGTERM (then SIGKILL) when closed.
 */
class ChildProcess implements AutoCloseable {

	private final Process process;

	private final Path log;

	private final long startNanos;

	ChildProcess(Process process, Path log, long startNanos) {
		this.process = process;
		this.log = log;
		this.startNanos = startNanos;
	}

	static ChildProcess start(Path log, String heap, List<String> arguments) {
		return start(Path.of(System.getProperty("java.home"), "bin", "java"), log, heap, arguments);
	}

	/**
	 * Starts a process with another {@code java} than the runner's.
	 */
	static ChildProcess start(Path java, Path log, String heap, List<String> arguments) {
		List<String> command = new ArrayList<>();
		command.add(java.toString());
		command.add("-Xmx" + heap);
		command.addAll(arguments);
		try {
			Files.createDirectories(log.getParent());
			long start = System.nanoTime();
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
				.start();
			return new ChildProcess(process, log, start);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Runs a tool to its end.
	 * @return its output
	 */
	static String run(Path log, String heap, List<String> arguments, long timeoutSeconds) {
		return run(Path.of(System.getProperty("java.home"), "bin", "java"), log, heap, arguments, timeoutSeconds);
	}

	static String run(Path java, Path log, String heap, List<String> arguments, long timeoutSeconds) {
		try (ChildProcess child = start(java, log, heap, arguments)) {
			return child.awaitOutput(timeoutSeconds);
		}
	}

	/**
	 * Waits for the process to end.
	 * @return its output
	 * @throws IllegalStateException if it timed out or ended with a non-zero exit code
	 */
	String awaitOutput(long timeoutSeconds) {
		try {
			if (!this.process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
				throw new IllegalStateException("Timed out after " + timeoutSeconds + " s, see " + this.log);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		if (this.process.exitValue() != 0) {
			throw new IllegalStateException("Exit code " + this.process.exitValue() + ", see " + this.log);
		}
		return output();
	}

	String output() {
		try {
			return Files.readString(this.log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	long pid() {
		return this.process.pid();
	}

	long startNanos() {
		return this.startNanos;
	}

	Path log() {
		return this.log;
	}

	/**
	 * The process's peak resident set size so far, from {@code /proc/<pid>/status}.
	 * @return VmHWM in MiB, or NaN where /proc is not available
	 */
	double peakRssMiB() {
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

	/**
	 * {@code kill -9}: no shutdown hook, no flush, no goodbye to the cluster.
	 */
	void kill() {
		try {
			if (!this.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("pid " + pid() + " still runs 30 s after SIGKILL");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

}
