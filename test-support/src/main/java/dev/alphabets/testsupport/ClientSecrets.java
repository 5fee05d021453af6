package dev.alphabets.testsupport;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.awaitility.Awaitility.await;

/**
 * What a client of a {@code local-kafka --secure} cluster needs, read from the secrets
 * directory its nodes make on first use: each SCRAM principal's SASL_SSL settings, as
 * Kafka client settings, as the {@code PRINCIPAL.properties} file for Kafka's tools, and
 * as a service's Spring Boot arguments. Read from files, so that this module need not
 * depend on local-kafka.
 */
public final class ClientSecrets {

	/** The super user, which declares topics and ACLs. */
	public static final String ADMIN = "admin";

	/** The producer-service's principal. */
	public static final String PRODUCER = "producer";

	/** The consumer-service's principal. */
	public static final String CONSUMER = "consumer";

	private static final List<String> PRINCIPALS = List.of(ADMIN, PRODUCER, CONSUMER);

	private final Path directory;

	private ClientSecrets(Path directory) {
		this.directory = directory;
	}

	/**
	 * Waits until a node has made the secrets (under its lock, which this takes too, so
	 * that nothing is read half-written).
	 * @param directory the cluster's secrets directory
	 * @param timeout how long making them may take
	 * @return the secrets
	 */
	public static ClientSecrets awaitMade(Path directory, Duration timeout) {
		ClientSecrets secrets = new ClientSecrets(directory.toAbsolutePath().normalize());
		await("the secrets of the cluster in " + directory).atMost(timeout)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> PRINCIPALS.stream().allMatch((principal) -> Files.exists(secrets.propertiesFile(principal))));
		try (FileChannel channel = FileChannel.open(secrets.directory.resolve(".lock"), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
			PRINCIPALS.forEach(secrets::clientConfig);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the secrets in " + directory, ex);
		}
		return secrets;
	}

	public Path directory() {
		return this.directory;
	}

	/**
	 * The client settings file local-kafka writes for a principal (Kafka's tools take it
	 * as {@code --command-config}, {@code --producer.config} or
	 * {@code --consumer.config}).
	 * @param principal admin, producer or consumer
	 * @return the file, without {@code bootstrap.servers}
	 */
	public Path propertiesFile(String principal) {
		return this.directory.resolve(principal + ".properties");
	}

	/**
	 * A principal's Kafka client settings over SASL_SSL.
	 * @param principal admin, producer or consumer
	 * @return security protocol, SASL mechanism and JAAS line, trust store; no
	 * {@code bootstrap.servers}
	 */
	public Map<String, Object> clientConfig(String principal) {
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(propertiesFile(principal))) {
			properties.load(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No client settings for " + principal + " in " + this.directory, ex);
		}
		Map<String, Object> config = new LinkedHashMap<>();
		properties.stringPropertyNames().forEach((name) -> config.put(name, properties.getProperty(name)));
		return config;
	}

	/**
	 * The Spring Boot arguments that make a service connect as a principal, as
	 * {@code ./run-local.sh --secure} sets them. The service declares no topic: it may
	 * not create one.
	 * @param principal producer or consumer
	 * @return the arguments, as {@code --name=value}
	 */
	public List<String> serviceArguments(String principal) {
		Map<String, Object> config = clientConfig(principal);
		List<String> arguments = new ArrayList<>();
		arguments.add("--spring.kafka.security.protocol=" + config.get("security.protocol"));
		arguments.add("--spring.kafka.properties.sasl.mechanism=" + config.get("sasl.mechanism"));
		arguments.add("--spring.kafka.properties.sasl.jaas.config=" + config.get("sasl.jaas.config"));
		arguments.add("--spring.kafka.ssl.trust-store-type=" + config.get("ssl.truststore.type"));
		arguments.add("--spring.kafka.ssl.trust-store-location="
				+ Path.of(String.valueOf(config.get("ssl.truststore.location"))).toUri());
		arguments.add("--spring.kafka.ssl.trust-store-password=" + config.get("ssl.truststore.password"));
		arguments.add("--spring.kafka.admin.auto-create=false");
		return arguments;
	}

}
