package dev.alphabets.localkafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The secrets of a secured cluster, made once in their own directory with the JDK's
 * {@code keytool}: a local certificate authority, the brokers' key and certificate signed
 * by it, a trust store holding the authority, and a random password for each principal
 * and for the stores. Nothing here is meant for production, which brings its own CA.
 */
public final class Secrets {

	/** The SCRAM principals of the pair: the admin declares topics and ACLs. */
	public static final List<String> PRINCIPALS = List.of("admin", "producer", "consumer");

	/** The SASL mechanism of every client and of the brokers between themselves. */
	public static final String MECHANISM = "SCRAM-SHA-512";

	private static final String STORE_PASSWORD = "store";

	private static final int VALIDITY_DAYS = 825;

	private final Path directory;

	private Secrets(Path directory) {
		this.directory = directory.toAbsolutePath().normalize();
	}

	/**
	 * Opens the secrets of a directory, making any that are missing. Several node
	 * processes may start at once: the first one makes them under a file lock.
	 * @param directory where the secrets live
	 * @param hostNames the names and addresses the brokers' certificate is valid for
	 * @return the secrets
	 */
	public static Secrets ensure(Path directory, List<String> hostNames) {
		Secrets secrets = new Secrets(directory);
		try {
			Files.createDirectories(secrets.directory);
			try (FileChannel channel = FileChannel.open(secrets.directory.resolve(".lock"), StandardOpenOption.CREATE,
					StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
				secrets.makeMissing(hostNames);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not make the secrets in " + directory, ex);
		}
		return secrets;
	}

	/**
	 * Opens secrets made earlier.
	 * @param directory where the secrets live
	 * @return the secrets
	 */
	public static Secrets of(Path directory) {
		return new Secrets(directory);
	}

	public Path directory() {
		return this.directory;
	}

	public Path keyStore() {
		return this.directory.resolve("broker.p12");
	}

	public Path trustStore() {
		return this.directory.resolve("truststore.p12");
	}

	public String storePassword() {
		return password(STORE_PASSWORD);
	}

	/**
	 * The password of a principal or of the stores.
	 * @param name a principal, or {@code store}
	 * @return the password read from {@code NAME.password}
	 */
	public String password(String name) {
		try {
			return Files.readString(this.directory.resolve(name + ".password"), StandardCharsets.UTF_8).strip();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No password for " + name + " in " + this.directory, ex);
		}
	}

	/**
	 * The Kafka client settings that authenticate as a principal over SASL_SSL.
	 * @param principal the SCRAM user
	 * @param password its password
	 * @return the settings, without {@code bootstrap.servers}
	 */
	public Map<String, String> clientConfig(String principal, String password) {
		Map<String, String> config = new LinkedHashMap<>();
		config.put("security.protocol", "SASL_SSL");
		config.put("sasl.mechanism", MECHANISM);
		config.put("sasl.jaas.config", scramJaas(principal, password));
		config.put("ssl.truststore.type", "PKCS12");
		config.put("ssl.truststore.location", trustStore().toString());
		config.put("ssl.truststore.password", storePassword());
		return config;
	}

	/**
	 * The Kafka client settings of one of the {@link #PRINCIPALS}.
	 * @param principal the SCRAM user
	 * @return the settings, without {@code bootstrap.servers}
	 */
	public Map<String, String> clientConfig(String principal) {
		return clientConfig(principal, password(principal));
	}

	static String scramJaas(String principal, String password) {
		return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + principal
				+ "\" password=\"" + password + "\";";
	}

	private void makeMissing(List<String> hostNames) throws IOException {
		for (String name : PRINCIPALS) {
			writeOnce(name + ".password", randomPassword());
		}
		writeOnce(STORE_PASSWORD + ".password", randomPassword());
		if (!Files.exists(trustStore()) || !Files.exists(keyStore())) {
			makeCertificates(hostNames);
		}
		for (String name : PRINCIPALS) {
			Path file = this.directory.resolve(name + ".properties");
			if (!Files.exists(file)) {
				Properties client = new Properties();
				client.putAll(clientConfig(name));
				try (Writer writer = Files.newBufferedWriter(file)) {
					client.store(writer, "Kafka client settings of " + name + " (--command-config of Kafka's tools)");
				}
				restrict(file);
			}
		}
	}

	private void makeCertificates(List<String> hostNames) throws IOException {
		String pass = storePassword();
		Path ca = this.directory.resolve("ca.p12");
		Path caCert = this.directory.resolve("ca.crt");
		Path request = this.directory.resolve("broker.csr");
		Path brokerCert = this.directory.resolve("broker.crt");
		for (Path stale : List.of(ca, caCert, request, brokerCert, keyStore(), trustStore())) {
			Files.deleteIfExists(stale);
		}
		keytool("-genkeypair", "-alias", "ca", "-dname", "CN=alphabets local CA", "-ext", "bc:c", "-keyalg", "EC",
				"-groupname", "secp256r1", "-validity", String.valueOf(VALIDITY_DAYS), "-storetype", "PKCS12",
				"-keystore", ca.toString(), "-storepass", pass);
		keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass", pass, "-file",
				caCert.toString());
		keytool("-genkeypair", "-alias", "broker", "-dname", "CN=" + hostNames.get(0), "-keyalg", "EC", "-groupname",
				"secp256r1", "-validity", String.valueOf(VALIDITY_DAYS), "-storetype", "PKCS12", "-keystore",
				keyStore().toString(), "-storepass", pass);
		keytool("-certreq", "-alias", "broker", "-keystore", keyStore().toString(), "-storepass", pass, "-file",
				request.toString());
		keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass", pass, "-infile",
				request.toString(), "-outfile", brokerCert.toString(), "-validity", String.valueOf(VALIDITY_DAYS),
				"-ext", "SAN=" + subjectAlternativeNames(hostNames), "-ext", "EKU=serverAuth,clientAuth");
		keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caCert.toString(), "-keystore",
				keyStore().toString(), "-storepass", pass);
		keytool("-importcert", "-noprompt", "-alias", "broker", "-file", brokerCert.toString(), "-keystore",
				keyStore().toString(), "-storepass", pass);
		keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caCert.toString(), "-storetype", "PKCS12",
				"-keystore", trustStore().toString(), "-storepass", pass);
		Files.delete(request);
		for (Path file : List.of(ca, keyStore(), trustStore())) {
			restrict(file);
		}
	}

	private static String subjectAlternativeNames(List<String> hostNames) {
		List<String> names = new ArrayList<>();
		for (String name : hostNames) {
			names.add((name.matches("[0-9.]+|.*:.*") ? "ip:" : "dns:") + name);
		}
		return String.join(",", names);
	}

	private void keytool(String... args) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).directory(this.directory.toFile())
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		try {
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IOException("keytool " + args[0] + " failed: " + output.strip());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while running keytool " + args[0], ex);
		}
	}

	private void writeOnce(String name, String content) throws IOException {
		Path file = this.directory.resolve(name);
		if (!Files.exists(file)) {
			Files.writeString(file, content + "\n", StandardCharsets.UTF_8);
			restrict(file);
		}
	}

	private static void restrict(Path file) throws IOException {
		try {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException ex) {
			// Not a POSIX file system: the directory's own permissions protect it.
		}
	}

	// URL-safe Base64 has no quote, comma or bracket: it fits in a JAAS line and in the
	// storage tool's --add-scram argument unescaped.
	private static String randomPassword() {
		byte[] bytes = new byte[24];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
