package dev.alphabets.localkafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads the services' Dockerfiles and {@code docker-compose.yml}, which CI cannot build
 * or start without a Docker engine.
 */
class DeploymentFilesTests {

	private static final Path ROOT = Path.of("..");

	private static final Pattern FROM = Pattern.compile("^FROM\\s+(\\S+)(?:\\s+AS\\s+(\\S+))?",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern IMAGE = Pattern.compile("^\\s*image:\\s*(\\S+)\\s*$");

	@ParameterizedTest
	@ValueSource(strings = { "producer-service", "consumer-service" })
	void dockerfileShouldPinEveryBaseImage(String module) throws IOException {
		List<List<String>> stages = stages(module);
		assertThat(stages).hasSizeGreaterThanOrEqualTo(2);
		for (List<String> stage : stages) {
			assertPinned(baseImage(stage));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "producer-service", "consumer-service" })
	void dockerfileShouldRunTheLayeredJarOnAJreAsANonRootUser(String module) throws IOException {
		List<String> last = stages(module).get(stages(module).size() - 1);
		assertThat(baseImage(last)).contains("jre");
		List<String> users = last.stream().filter((line) -> line.toUpperCase(Locale.ROOT).startsWith("USER ")).toList();
		assertThat(users).isNotEmpty();
		String user = users.get(users.size() - 1).substring(5).trim();
		assertThat(user).isNotIn("root", "0", "0:0", "root:root");
		assertThat(last).anyMatch((line) -> line.contains("extracted/application/"))
			.anyMatch((line) -> line.startsWith("ENTRYPOINT") && line.contains("\"-jar\", \"application.jar\"")
					&& line.contains("-XX:AOTCache="))
			.anyMatch((line) -> line.startsWith("VOLUME /app/data"))
			.anyMatch((line) -> line.contains("chown alphabets:alphabets /app/data"))
			.anyMatch((line) -> line.startsWith("HEALTHCHECK") && line.contains("/actuator/health/readiness"));
		// Neither curl nor wget is in the Temurin runtime images.
		assertThat(last).noneMatch((line) -> line.startsWith("HEALTHCHECK") && line.matches(".*\\b(curl|wget)\\b.*"));
	}

	@Test
	void dockerfilesShouldDifferOnlyInTheModuleNameAndPort() throws IOException {
		assertThat(generic("consumer", "8081")).isEqualTo(generic("producer", "8080"));
	}

	// The Dockerfile with its module's name and port replaced; lines naming both modules
	// and the poms copied for the reactor stay as they are.
	private static List<String> generic(String service, String port) throws IOException {
		return Files.readAllLines(ROOT.resolve(service + "-service/Dockerfile"))
			.stream()
			.map((line) -> ((line.contains("producer") && line.contains("consumer")) || line.contains("/pom.xml"))
					? line : line.replace(service, "SERVICE").replace(port, "PORT"))
			.toList();
	}

	@ParameterizedTest
	@ValueSource(strings = { "producer-service", "consumer-service" })
	void dockerfileShouldLeaveBuildToolsOutOfTheFinalStage(String module) throws IOException {
		List<List<String>> stages = stages(module);
		List<String> last = stages.get(stages.size() - 1);
		assertThat(String.join("\n", last)).doesNotContainPattern("(?i)\\b(mvnw?|maven|gradlew?|javac)\\b")
			.doesNotContain("/root/.m2");
		assertThat(String.join("\n", stages.get(0))).contains("-pl " + module + " -am package -DskipTests");
	}

	@Test
	void composeFileShouldPinEveryImageAndKeepToWhatDockerCompose129Accepts() throws IOException {
		List<String> lines = Files.readAllLines(ROOT.resolve("docker-compose.yml"));
		List<String> images = new ArrayList<>();
		for (String line : lines) {
			Matcher matcher = IMAGE.matcher(line);
			if (matcher.matches()) {
				images.add(matcher.group(1));
			}
		}
		assertThat(images).anyMatch((image) -> image.startsWith("apache/kafka:4.1."))
			.anyMatch((image) -> image.startsWith("postgres:"))
			.anyMatch((image) -> image.contains("kafka-ui:"));
		images.forEach(DeploymentFilesTests::assertPinned);
		assertThat(lines).noneMatch((line) -> line.startsWith("version:"))
			.noneMatch((line) -> line.startsWith("name:"))
			.noneMatch((line) -> line.startsWith("develop:"))
			.noneMatch((line) -> line.contains("KAFKA_CFG_"));
		assertThat(String.join("\n", lines)).contains("KAFKA_MIN_INSYNC_REPLICAS: \"2\"")
			.contains("KAFKA_DEFAULT_REPLICATION_FACTOR: \"3\"")
			.contains("KAFKA_UNCLEAN_LEADER_ELECTION_ENABLE: \"false\"")
			.contains("condition: service_healthy")
			.contains("/actuator/health/readiness");
	}

	@Test
	void composeFileShouldRunKafkaOverSaslSslOnly() throws IOException {
		String compose = Files.readString(ROOT.resolve("docker-compose.yml"));
		assertThat(compose).doesNotContain("PLAINTEXT")
			.contains("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: "
					+ "INTERNAL_SASL_SSL:SASL_SSL,EXTERNAL_SASL_SSL:SASL_SSL,CONTROLLER:SASL_SSL")
			.contains("KAFKA_AUTHORIZER_CLASS_NAME: org.apache.kafka.metadata.authorizer.StandardAuthorizer")
			.contains("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND: \"false\"")
			.contains("SPRING_KAFKA_SECURITY_PROTOCOL: SASL_SSL")
			.contains("SPRING_KAFKA_ADMIN_AUTO_CREATE: \"false\"")
			.contains("condition: service_completed_successfully");
	}

	// The compose cluster's ACLs (kafka-setup's script) and local-kafka --secure's must
	// not drift apart: the same bindings for the producer and the consumer.
	@Test
	void composeAclsShouldBeLocalKafkasAccessRules() throws IOException {
		Set<String> compose = new HashSet<>();
		for (String line : Files.readAllLines(ROOT.resolve("deploy/kafka/setup-topics-and-acls.sh"))) {
			Matcher matcher = Pattern.compile("^allow (producer|consumer) \"([^\"]+)\" (.*)$").matcher(line);
			if (matcher.matches()) {
				compose.addAll(bindings(matcher.group(1), matcher.group(2), matcher.group(3)));
			}
		}
		Set<String> local = AccessRules.acls().stream().map(DeploymentFilesTests::binding).collect(Collectors.toSet());
		assertThat(compose).isNotEmpty().isEqualTo(local);
	}

	private static List<String> bindings(String principal, String operations, String options) {
		List<String> words = List.of(options.split("\\s+"));
		PatternType pattern = words.contains("prefixed") ? PatternType.PREFIXED : PatternType.LITERAL;
		List<String> bindings = new ArrayList<>();
		for (int i = 0; i < words.size() - 1; i++) {
			ResourceType type = switch (words.get(i)) {
				case "--topic" -> ResourceType.TOPIC;
				case "--group" -> ResourceType.GROUP;
				case "--transactional-id" -> ResourceType.TRANSACTIONAL_ID;
				default -> null;
			};
			if (type != null) {
				for (String operation : operations.split(" ")) {
					AclOperation op = AclOperation.fromString(operation.replaceAll("([a-z])([A-Z])", "$1_$2"));
					bindings.add(String.join(" ", "User:" + principal, type.name(), words.get(i + 1), pattern.name(),
							op.name()));
				}
			}
		}
		return bindings;
	}

	private static String binding(AclBinding acl) {
		return String.join(" ", acl.entry().principal(), acl.pattern().resourceType().name(), acl.pattern().name(),
				acl.pattern().patternType().name(), acl.entry().operation().name());
	}

	private static void assertPinned(String image) {
		String nameAndTag = image.substring(image.lastIndexOf('/') + 1);
		assertThat(nameAndTag).as("image %s has a tag", image).contains(":");
		String tag = nameAndTag.substring(nameAndTag.indexOf(':') + 1);
		assertThat(tag).as("tag of %s", image).isNotEqualTo("latest").containsPattern("[0-9]");
	}

	private static String baseImage(List<String> stage) {
		Matcher matcher = FROM.matcher(stage.get(0));
		assertThat(matcher.find()).isTrue();
		return matcher.group(1);
	}

	/**
	 * The Dockerfile's build stages, each from its {@code FROM} line, without comments
	 * and with continued lines joined.
	 */
	private static List<List<String>> stages(String module) throws IOException {
		String text = Files.readString(ROOT.resolve(module).resolve("Dockerfile")).replaceAll("\\\\\\n\\s*", " ");
		List<List<String>> stages = new ArrayList<>();
		for (String line : text.split("\n")) {
			String trimmed = line.trim();
			if (trimmed.isEmpty() || trimmed.startsWith("#")) {
				continue;
			}
			if (FROM.matcher(trimmed).find()) {
				stages.add(new ArrayList<>());
			}
			assertThat(stages).as("instruction before FROM: %s", trimmed).isNotEmpty();
			stages.get(stages.size() - 1).add(trimmed);
		}
		return stages;
	}

}
