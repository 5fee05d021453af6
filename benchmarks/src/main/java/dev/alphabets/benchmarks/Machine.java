package dev.alphabets.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machine a run measured on, from {@code /proc}: the numbers mean little without it.
 */
final class Machine {

	private static final Logger logger = LoggerFactory.getLogger(Machine.class);

	private Machine() {
	}

	static String describe() {
		String cpu = "unknown CPU";
		long memoryKiB = 0;
		String load = "";
		try {
			cpu = Files.readAllLines(Path.of("/proc/cpuinfo"))
				.stream()
				.filter((line) -> line.startsWith("model name"))
				.map((line) -> line.substring(line.indexOf(':') + 1).strip())
				.findFirst()
				.orElse(cpu);
			memoryKiB = Files.readAllLines(Path.of("/proc/meminfo"))
				.stream()
				.filter((line) -> line.startsWith("MemTotal:"))
				.mapToLong((line) -> Long.parseLong(line.replaceAll("[^0-9]", "")))
				.findFirst()
				.orElse(0);
			load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
		}
		catch (IOException ex) {
			logger.debug("No /proc", ex);
		}
		return String.format(Locale.ROOT, "%s, %d cores, %.0f GiB RAM, %s %s, Java %s, load average %s at start", cpu,
				Runtime.getRuntime().availableProcessors(), memoryKiB / 1024.0 / 1024.0, System.getProperty("os.name"),
				System.getProperty("os.version"), System.getProperty("java.version"), load);
	}

	static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

}
