package dev.alphabets.localkafka;

import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Options} and {@link NodeConfig}.
 */
class OptionsTests {

	@Test
	void parseWithoutArgumentsShouldRunOneNodeOnTheDefaultPort() {
		Options options = Options.parse();
		assertThat(options.nodes()).isEqualTo(1);
		assertThat(options.bootstrapServers()).isEqualTo("127.0.0.1:9092");
		assertThat(options.controllerPort(1)).isEqualTo(9192);
		assertThat(options.dataDirectory()).isEqualTo(Path.of("data", "kafka").toAbsolutePath());
		assertThat(options.heap()).isEqualTo("512m");
		assertThat(options.nodeId()).isZero();
	}

	@Test
	void parseWithThreeNodesShouldPlaceBrokersSideBySideAndControllersOneHundredAbove() {
		Options options = Options.parse("--nodes", "3", "--port", "19092", "--data-dir", "/tmp/k", "--heap", "1g");
		assertThat(options.bootstrapServers()).isEqualTo("127.0.0.1:19092,127.0.0.1:19093,127.0.0.1:19094");
		assertThat(options.controllerPort(3)).isEqualTo(19194);
		assertThat(options.nodeDirectory(2)).isEqualTo(Path.of("/tmp/k/node-2"));
		assertThat(Options.parse(options.nodeArguments(2).toArray(String[]::new)))
			.isEqualTo(new Options(3, 19092, Path.of("/tmp/k"), "1g", 2, true));
	}

	@Test
	void parseWithSecureShouldKeepSecretsBesideTheDataAndPassThemToEachNode() {
		Options options = Options.parse("--secure", "--data-dir", "/tmp/k/kafka");
		assertThat(options.secure()).isTrue();
		assertThat(options.secretsDirectory()).isEqualTo(Path.of("/tmp/k/secrets"));
		assertThat(Options.parse(options.nodeArguments(1).toArray(String[]::new)))
			.isEqualTo(new Options(1, 9092, Path.of("/tmp/k/kafka"), "512m", 1, true, true, Path.of("/tmp/k/secrets")));
		assertThat(Options.parse("--secure", "--secrets-dir", "/run/kafka-secrets").secretsDirectory())
			.isEqualTo(Path.of("/run/kafka-secrets"));
		assertThat(Options.parse().secure()).isFalse();
	}

	@Test
	void parseWhenAValueIsWrongShouldNameTheOption() {
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse("--nodes", "2"))
			.withMessageContaining("--nodes");
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse("--port", "x"))
			.withMessageContaining("--port");
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse("--heap", "lots"))
			.withMessageContaining("--heap");
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse("--node-id", "2"))
			.withMessageContaining("--node-id");
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse("--data-dir"))
			.withMessageContaining("--data-dir needs a value");
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse("--brokers", "3"))
			.withMessageContaining("Unknown option '--brokers'");
	}

	@Test
	void nodeConfigForThreeNodesShouldUseStaticVotersAndTolerateOneNodeDown() {
		Properties config = NodeConfig.of(Options.parse("--nodes", "3", "--data-dir", "/tmp/k"), 2);
		assertThat(config).containsEntry("node.id", "2")
			.containsEntry("process.roles", "broker,controller")
			.containsEntry("listeners", "PLAINTEXT://127.0.0.1:9093,CONTROLLER://127.0.0.1:9193")
			.containsEntry("controller.quorum.voters", "1@127.0.0.1:9192,2@127.0.0.1:9193,3@127.0.0.1:9194")
			.containsEntry("default.replication.factor", "3")
			.containsEntry("min.insync.replicas", "2")
			.containsEntry("offsets.topic.replication.factor", "3")
			.containsEntry("transaction.state.log.min.isr", "2")
			.containsEntry("unclean.leader.election.enable", "false")
			.containsEntry("log.dirs", "/tmp/k/node-2/logs")
			.doesNotContainKey("controller.quorum.bootstrap.servers");
	}

	@Test
	void nodeConfigForOneNodeShouldUseAStandaloneQuorumAndReplicationFactorOne() {
		Properties config = NodeConfig.of(Options.parse(), 1);
		assertThat(config).containsEntry("controller.quorum.bootstrap.servers", "127.0.0.1:9192")
			.containsEntry("default.replication.factor", "1")
			.containsEntry("min.insync.replicas", "1")
			.containsEntry("offsets.topic.replication.factor", "1")
			.doesNotContainKey("controller.quorum.voters");
	}

}
