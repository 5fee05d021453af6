package dev.alphabets.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of our Spring Boot services, started from its jar with settings as command-line
 * arguments, watched through its actuator endpoints.
 */
final class Service implements AutoCloseable {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final ChildProcess process;

	private final int port;

	private double readySeconds = Double.NaN;

	private Service(ChildProcess process, int port) {
		this.process = process;
		this.port = port;
	}

	/**
	 * Starts a service on a free port, as the run's {@link ServiceLaunch} says, and waits
	 * until its readiness group is UP.
	 * @param settings the run's settings
	 * @param module the service's module name
	 * @param log the log file
	 * @param arguments Spring properties as {@code --name=value}
	 * @return the ready service
	 */
	static Service startReady(Settings settings, String module, Path log, List<String> arguments) {
		int port = Ports.freePort();
		List<String> command = new ArrayList<>(settings.launch().command(settings, module));
		command.add("--server.port=" + port);
		command.addAll(arguments);
		Service service = new Service(
				ChildProcess.start(settings.launch().java(), log, settings.serviceHeap(), command), port);
		try {
			Poll.until("readiness of " + module + ", see " + log, Duration.ofMinutes(2), Duration.ofMillis(25), () -> {
				if (!service.process.isAlive()) {
					throw new Poll.Abort("Exited, see " + log);
				}
				return service.get("/actuator/health/readiness").statusCode() == 200;
			});
		}
		catch (RuntimeException ex) {
			service.close();
			throw ex;
		}
		service.readySeconds = (System.nanoTime() - service.process.startNanos()) / 1e9;
		return service;
	}

	/**
	 * Seconds from the process start to the first readiness answer of 200 (UP).
	 */
	double readySeconds() {
		return this.readySeconds;
	}

	/**
	 * Everything the service has logged so far.
	 */
	String output() {
		return this.process.output();
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	double peakRssMiB() {
		return this.process.peakRssMiB();
	}

	/**
	 * Reads one sample from {@code /actuator/prometheus}.
	 * @param name the sample name
	 * @param labels a fragment the labels must contain, or empty
	 * @return the value, or 0 if it is not exposed yet
	 */
	double metric(String name, String labels) {
		String body = get("/actuator/prometheus").body();
		Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{([^}]*)\\})? (\\S+)$").matcher(body);
		while (matcher.find()) {
			if (String.valueOf(matcher.group(1)).contains(labels)) {
				return Double.parseDouble(matcher.group(2));
			}
		}
		return 0;
	}

	private HttpResponse<String> get(String path) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(5))
			.build();
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.process.close();
	}

}
