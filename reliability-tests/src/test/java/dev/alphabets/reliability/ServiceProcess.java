package dev.alphabets.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Spring Boot service jar run as its own JVM with a small heap, its settings passed as
 * command-line arguments.
 */
final class ServiceProcess {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final ManagedProcess process;

	private final int port;

	ServiceProcess(String name, Path jar, Path log, List<String> settings) {
		this.port = FreePorts.any();
		List<String> command = new ArrayList<>(
				List.of(Jars.java(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar.toString(),
						"--server.port=" + this.port, "--server.address=127.0.0.1"));
		command.addAll(settings);
		this.process = new ManagedProcess(name, command, log);
	}

	ManagedProcess process() {
		return this.process;
	}

	String output() {
		return this.process.output();
	}

	ServiceProcess start() {
		this.process.start();
		return this;
	}

	/** Whether {@code /actuator/health/readiness} answers 200 (UP). */
	boolean isReady() {
		return status("/actuator/health/readiness") == 200;
	}

	/**
	 * One value from {@code /actuator/prometheus}, summed over its tags; -1 if the
	 * service does not answer.
	 */
	double metric(String name) {
		try {
			HttpRequest request = HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/prometheus"))
				.timeout(Duration.ofSeconds(5))
				.build();
			return http.send(request, HttpResponse.BodyHandlers.ofString())
				.body()
				.lines()
				.filter((line) -> line.startsWith(name + "{") || line.startsWith(name + " "))
				.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
				.sum();
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	int status(String path) {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
				.timeout(Duration.ofSeconds(5))
				.build();
			return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

}
