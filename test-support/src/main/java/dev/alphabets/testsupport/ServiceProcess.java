package dev.alphabets.testsupport;

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
 * A Spring Boot service run as its own JVM on a free loopback port, its settings passed
 * as command-line arguments, watched through its actuator endpoints.
 */
public final class ServiceProcess implements AutoCloseable {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final ManagedProcess process;

	private final int port;

	/**
	 * A service jar with a small heap and a quick-starting JIT, run in the directory of
	 * its log.
	 * @param name the process's name
	 * @param jar the Boot jar
	 * @param log the output file
	 * @param settings Spring properties as {@code --name=value}
	 */
	public ServiceProcess(String name, Path jar, Path log, List<String> settings) {
		this(name, List.of(Jvm.java().toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar",
				jar.toString()), log, log.getParent(), settings);
	}

	/**
	 * A service started by a launch command of its own.
	 * @param name the process's name
	 * @param launch the command up to the application's arguments ({@code java}, JVM
	 * options, {@code -jar} and the jar)
	 * @param log the output file
	 * @param directory the working directory, or null for this JVM's
	 * @param settings Spring properties as {@code --name=value}
	 */
	public ServiceProcess(String name, List<String> launch, Path log, Path directory, List<String> settings) {
		this.port = FreePorts.any();
		List<String> command = new ArrayList<>(launch);
		command.add("--server.port=" + this.port);
		command.add("--server.address=127.0.0.1");
		command.addAll(settings);
		this.process = new ManagedProcess(name, command, log, directory);
	}

	public ManagedProcess process() {
		return this.process;
	}

	public String output() {
		return this.process.output();
	}

	public ServiceProcess start() {
		this.process.start();
		return this;
	}

	/**
	 * Whether {@code /actuator/health/readiness} answers 200 (UP).
	 * @return true when ready
	 */
	public boolean isReady() {
		return status("/actuator/health/readiness") == 200;
	}

	/**
	 * One value from {@code /actuator/prometheus}, summed over its tags.
	 * @param name the sample name
	 * @return the sum, or -1 if the service does not answer
	 */
	public double metric(String name) {
		try {
			return get("/actuator/prometheus").body()
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

	/**
	 * The first sample from {@code /actuator/prometheus} whose labels contain a fragment.
	 * @param name the sample name
	 * @param labels a fragment the labels must contain, or empty
	 * @return the value, or 0 if it is not exposed yet
	 * @throws IllegalStateException if the service does not answer
	 */
	public double metric(String name, String labels) {
		String body;
		try {
			body = get("/actuator/prometheus").body();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{([^}]*)\\})? (\\S+)$").matcher(body);
		while (matcher.find()) {
			if (String.valueOf(matcher.group(1)).contains(labels)) {
				return Double.parseDouble(matcher.group(2));
			}
		}
		return 0;
	}

	/**
	 * The HTTP status of a GET.
	 * @param path the path
	 * @return the status, or -1 if the service does not answer
	 */
	public int status(String path) {
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

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(5))
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/** SIGTERM, and {@code kill -9} after 60 s. */
	@Override
	public void close() {
		this.process.close();
	}

}
