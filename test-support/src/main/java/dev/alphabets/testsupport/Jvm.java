package dev.alphabets.testsupport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Java processes: a tool run to its end, or a JVM left running, each with its output in a
 * file.
 */
public final class Jvm {

	private Jvm() {
	}

	/**
	 * The {@code java} of this JVM.
	 * @return its path
	 */
	public static Path java() {
		return Path.of(System.getProperty("java.home"), "bin", "java");
	}

	/**
	 * Starts {@code java -Xmx<heap> <arguments>} with this JVM's {@code java}, in the
	 * current directory.
	 * @param log the output file
	 * @param heap the maximum heap, such as {@code 256m}
	 * @param arguments JVM options, main class or {@code -jar}, program arguments
	 * @return the started process
	 */
	public static ManagedProcess start(Path log, String heap, List<String> arguments) {
		return start(java(), log, heap, arguments);
	}

	/**
	 * Starts a JVM with another {@code java} than this one's, in the current directory.
	 * @param java the {@code java} executable
	 * @param log the output file
	 * @param heap the maximum heap
	 * @param arguments JVM options, main class or {@code -jar}, program arguments
	 * @return the started process
	 */
	public static ManagedProcess start(Path java, Path log, String heap, List<String> arguments) {
		List<String> command = new ArrayList<>();
		command.add(java.toString());
		command.add("-Xmx" + heap);
		command.addAll(arguments);
		String name = log.getFileName().toString().replaceFirst("\\.log$", "");
		return new ManagedProcess(name, command, log, null, true).start();
	}

	/**
	 * Runs a tool to its end.
	 * @param log the output file
	 * @param heap the maximum heap
	 * @param arguments JVM options, main class, program arguments
	 * @param timeoutSeconds the longest the tool may run
	 * @return its output
	 */
	public static String run(Path log, String heap, List<String> arguments, long timeoutSeconds) {
		return run(java(), log, heap, arguments, timeoutSeconds);
	}

	/**
	 * Runs a tool to its end with another {@code java} than this one's.
	 * @param java the {@code java} executable
	 * @param log the output file
	 * @param heap the maximum heap
	 * @param arguments JVM options, main class, program arguments
	 * @param timeoutSeconds the longest the tool may run
	 * @return its output
	 */
	public static String run(Path java, Path log, String heap, List<String> arguments, long timeoutSeconds) {
		try (ManagedProcess child = start(java, log, heap, arguments)) {
			return child.awaitOutput(timeoutSeconds);
		}
	}

}
