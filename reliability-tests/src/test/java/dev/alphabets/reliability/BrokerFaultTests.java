package dev.alphabets.reliability;

import java.time.Duration;
import java.util.List;

import dev.alphabets.testsupport.KafkaCluster;
import dev.alphabets.testsupport.ManagedProcess;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Broker faults under a live flow of letters: each must heal with nothing lost and
 * nothing applied twice.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrokerFaultTests extends ClusterTestSupport {

	private static final Duration FAILOVER = Duration.ofSeconds(90);

	private static final String[] SHORT_TIMEOUTS = { "--spring.kafka.producer.properties[delivery.timeout.ms]=10000",
			"--spring.kafka.producer.properties[request.timeout.ms]=3000",
			"--spring.kafka.producer.properties[max.block.ms]=5000" };

	@Test
	@Order(1)
	void sigtermOfThePartitionLeaderShouldLoseNothing() throws Exception {
		run(1, "SIGTERM the partition leader", (scenario) -> {
			scenario.start();
			scenario.awaitAcknowledged(30, FAILOVER);
			int leader = cluster.leaderOf(scenario.topic(), scenario.lastAcknowledged().partition());
			cluster.node(leader).terminate(Duration.ofSeconds(60));
			scenario.awaitMoreAcknowledged(Scenario.ROUND, FAILOVER);
			Scenario.Heal heal = scenario.healStarts();
			cluster.node(leader).start();
			cluster.awaitHealthy(Scenario.HEAL_BOUND);
			scenario.awaitHealed(heal);
		});
	}

	static List<DeliveryModels> modelsOf2() {
		return DeliveryModels.forScenario(2);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("modelsOf2")
	@Order(2)
	@Tag("ci")
	void killOfThePartitionLeaderShouldKeepTheModelsPromise(DeliveryModels models) throws Exception {
		run(2, "kill -9 the partition leader", models, (scenario) -> {
			scenario.start();
			scenario.awaitAcknowledged(30, FAILOVER);
			int partition = scenario.lastAcknowledged().partition();
			int leader = cluster.leaderOf(scenario.topic(), partition);
			cluster.node(leader).kill();
			scenario.awaitMoreAcknowledged(Scenario.ROUND, FAILOVER);
			// Letters of other partitions can be acknowledged before the controller has
			// noticed the dead node: wait for the partition's new leader.
			await(scenario.name() + ": a new leader of partition " + partition).atMost(FAILOVER)
				.pollInterval(Duration.ofMillis(200))
				.ignoreExceptions()
				.until(() -> cluster.leaderOf(scenario.topic(), partition), (now) -> now >= 0 && now != leader);
			Scenario.Heal heal = scenario.healStarts();
			cluster.node(leader).start();
			cluster.awaitHealthy(Scenario.HEAL_BOUND);
			scenario.awaitHealed(heal);
		});
	}

	@Test
	@Order(3)
	void threeHardBouncesOfTheLeaderInARowShouldLoseNothing() throws Exception {
		run(3, "hard-bounce the leader 3 times in a row", (scenario) -> {
			scenario.start();
			scenario.awaitAcknowledged(30, FAILOVER);
			Scenario.Heal heal = null;
			for (int bounce = 0; bounce < 3; bounce++) {
				int leader = cluster.leaderOf(scenario.topic(), scenario.lastAcknowledged().partition());
				cluster.node(leader).kill();
				heal = scenario.healStarts();
				cluster.node(leader).start();
				cluster.awaitHealthy(FAILOVER);
			}
			scenario.awaitHealed(heal);
		});
	}

	@Test
	@Order(4)
	void killOfTheActiveControllerShouldLoseNothing() throws Exception {
		run(4, "kill -9 the active controller", (scenario) -> {
			scenario.start();
			scenario.awaitAcknowledged(30, FAILOVER);
			int controller = cluster.activeController();
			cluster.node(controller).kill();
			scenario.awaitMoreAcknowledged(Scenario.ROUND, FAILOVER);
			assertThat(cluster.activeController()).as("new active controller").isNotEqualTo(controller);
			Scenario.Heal heal = scenario.healStarts();
			cluster.node(controller).start();
			cluster.awaitHealthy(Scenario.HEAL_BOUND);
			scenario.awaitHealed(heal);
		});
	}

	@Test
	@Order(5)
	void brokerFrozenForTwentySecondsShouldLoseNothing() throws Exception {
		run(5, "SIGSTOP the partition leader 20 s, then SIGCONT", (scenario) -> {
			scenario.start();
			scenario.awaitAcknowledged(30, FAILOVER);
			ManagedProcess leader = cluster
				.node(cluster.leaderOf(scenario.topic(), scenario.lastAcknowledged().partition()));
			leader.pause();
			// The pause itself is the fault: 20 s, longer than the 9 s broker session.
			await("node frozen for 20 s").during(Duration.ofSeconds(20))
				.atMost(Duration.ofSeconds(30))
				.until(leader::isPaused);
			Scenario.Heal heal = scenario.healStarts();
			leader.resume();
			cluster.awaitHealthy(Scenario.HEAL_BOUND);
			scenario.awaitHealed(heal);
		});
	}

	@Test
	@Order(6)
	void twoOfThreeBrokersDownShouldStallWritesWithoutLosingOrAcknowledgingThem() throws Exception {
		Scenario scenario = new Scenario(6, "two of three brokers down", cluster, database, directory)
			.withProducerSettings(SHORT_TIMEOUTS);
		run(scenario, (s) -> {
			s.start();
			s.awaitAcknowledged(30, FAILOVER);
			int leader = cluster.leaderOf(s.topic(), s.lastAcknowledged().partition());
			int other = (leader % KafkaCluster.NODES) + 1;
			cluster.node(leader).kill();
			cluster.node(other).kill();
			await("a letter stored as PENDING").atMost(Duration.ofSeconds(60))
				.ignoreExceptions()
				.until(() -> s.pendingMessages() > 0);
			int acknowledged = s.acknowledged().size();
			await("no acknowledgement while two brokers are down").during(Duration.ofSeconds(10))
				.atMost(Duration.ofSeconds(15))
				.until(() -> s.acknowledged().size() == acknowledged);
			Scenario.Heal heal = s.healStarts();
			cluster.node(leader).start();
			cluster.node(other).start();
			cluster.awaitHealthy(Scenario.HEAL_BOUND);
			s.awaitHealed(heal);
		});
	}

	static List<DeliveryModels> modelsOf7() {
		return DeliveryModels.forScenario(7);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("modelsOf7")
	@Order(7)
	@Tag("ci")
	void allBrokersDownLongerThanTheDeliveryTimeoutShouldKeepTheModelsPromise(DeliveryModels models) throws Exception {
		Scenario scenario = scenario(7, "all brokers down longer than the delivery timeout", models)
			.withProducerSettings(SHORT_TIMEOUTS);
		run(scenario, (s) -> {
			s.start();
			s.awaitAcknowledged(30, FAILOVER);
			cluster.nodes().forEach(ManagedProcess::kill);
			// Stored as PENDING: the 10 s delivery timeout ran out with no broker at all.
			// A producer that sends at most once stores nothing: it drops the letter.
			if (models.producer() != DeliveryModel.AT_MOST_ONCE) {
				await("a letter stored as PENDING").atMost(Duration.ofSeconds(60))
					.ignoreExceptions()
					.until(() -> s.pendingMessages() > 0);
			}
			await("producer not ready without brokers").atMost(Duration.ofSeconds(30))
				.until(() -> !s.producer().isReady());
			Scenario.Heal heal = s.healStarts();
			cluster.nodes().forEach(ManagedProcess::start);
			cluster.awaitHealthy(Duration.ofMinutes(2));
			s.awaitHealed(heal);
		});
	}

	@Test
	@Order(16)
	void allBrokersDownLongerThanTheDeliveryTimeoutWithAFullWindowInFlightShouldLoseNothing() throws Exception {
		Scenario scenario = new Scenario(16,
				"all brokers down longer than the delivery timeout with a full window in flight", cluster, database,
				directory)
			.withProducerSettings(SHORT_TIMEOUTS)
			.withProducerSettings("--alphabet.sender.max-in-flight=" + ServiceFaultTests.WINDOW);
		run(scenario, (s) -> {
			s.start();
			s.awaitAcknowledged(30, FAILOVER);
			s.awaitInFlight(ServiceFaultTests.WINDOW / 2, FAILOVER);
			cluster.nodes().forEach(ManagedProcess::kill);
			await("a letter stored as PENDING").atMost(Duration.ofSeconds(60))
				.ignoreExceptions()
				.until(() -> s.pendingMessages() > 0);
			// Only the first undelivered letter is stored, not the window.
			assertThat(s.pendingMessages()).isEqualTo(1);
			Scenario.Heal heal = s.healStarts();
			cluster.nodes().forEach(ManagedProcess::start);
			cluster.awaitHealthy(Duration.ofMinutes(2));
			s.awaitHealed(heal);
		});
	}

	@Test
	@Order(14)
	void rollingRestartOfAllBrokersShouldLoseNothing() throws Exception {
		run(14, "rolling restart of all three brokers", (scenario) -> {
			scenario.start();
			scenario.awaitAcknowledged(30, FAILOVER);
			Scenario.Heal heal = null;
			for (ManagedProcess node : cluster.nodes()) {
				node.terminate(Duration.ofSeconds(60));
				heal = scenario.healStarts();
				node.start();
				cluster.awaitHealthy(Duration.ofMinutes(2));
				scenario.awaitMoreAcknowledged(10, FAILOVER);
			}
			scenario.awaitHealed(heal);
		});
	}

}
