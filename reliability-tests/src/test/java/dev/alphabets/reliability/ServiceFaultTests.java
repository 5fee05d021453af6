package dev.alphabets.reliability;

import java.time.Duration;
import java.util.List;

import dev.alphabets.testsupport.ServiceProcess;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.awaitility.Awaitility.await;

/**
 * Faults of the services themselves and of what they are sent, under a live flow of
 * letters: each must heal with nothing lost and nothing applied twice.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServiceFaultTests extends ClusterTestSupport {

	private static final Duration FLOW = Duration.ofSeconds(90);

	/** The producer's window in the scenarios that fault it while the window is full. */
	static final int WINDOW = 200;

	static List<DeliveryModels> modelsOf8() {
		return DeliveryModels.forScenario(8);
	}

	static List<DeliveryModels> modelsOf9() {
		return DeliveryModels.forScenario(9);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("modelsOf8")
	@Order(8)
	void killOfTheProducerMidRoundShouldKeepTheModelsPromiseAfterItsRestart(DeliveryModels models) throws Exception {
		run(8, "kill -9 the producer mid-round, restart it", models, (scenario) -> {
			scenario.start();
			scenario.awaitAcknowledged(30, FLOW);
			scenario.producer().process().kill();
			Scenario.Heal heal = scenario.healStarts();
			scenario.restartProducer();
			scenario.awaitHealed(heal);
		});
	}

	@Test
	@Order(15)
	void killOfTheProducerWithAFullWindowInFlightThreeTimesInARowShouldLoseNothing() throws Exception {
		Scenario scenario = new Scenario(15, "kill -9 the producer with a full window in flight, 3 times in a row",
				cluster, database, directory)
			.withProducerSettings("--alphabet.sender.max-in-flight=" + WINDOW);
		run(scenario, (s) -> {
			s.start();
			Scenario.Heal heal = null;
			for (int kill = 0; kill < 3; kill++) {
				s.awaitMoreAcknowledged(Scenario.ROUND, FLOW);
				s.awaitInFlight(WINDOW / 2, FLOW);
				s.producer().process().kill();
				heal = s.healStarts();
				s.restartProducer();
			}
			s.awaitHealed(heal);
		});
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("modelsOf9")
	@Order(9)
	@Tag("ci")
	void killOfTheConsumerMidRoundShouldKeepTheModelsPromiseAfterItsRestart(DeliveryModels models) throws Exception {
		// The positions committed with the letters send the new consumer past whatever
		// the killed one applied: nothing even reaches the duplicate check (exactly-once
		// consumer only; an at-least-once one applies the redelivered letters again).
		Scenario scenario = scenario(9, "kill -9 the consumer mid-round, restart it", models).expectingNoDuplicates();
		run(scenario, (s) -> {
			s.start();
			s.awaitAcknowledged(30, FLOW);
			s.consumer().process().kill();
			// The producer goes on: the consumer has a backlog to work through.
			s.awaitMoreAcknowledged(Scenario.ROUND, FLOW);
			Scenario.Heal heal = s.healStarts();
			s.restartConsumer();
			s.awaitHealed(heal);
		});
	}

	@Test
	@Order(10)
	void cleanStopOfTheConsumerShouldRedeliverNothing() throws Exception {
		Scenario scenario = new Scenario(10, "clean consumer stop and restart", cluster, database, directory)
			.expectingNoDuplicates();
		run(scenario, (s) -> {
			s.start();
			s.awaitAcknowledged(30, FLOW);
			s.consumer().process().terminate(Duration.ofSeconds(60));
			s.awaitMoreAcknowledged(Scenario.ROUND, FLOW);
			Scenario.Heal heal = s.healStarts();
			s.restartConsumer();
			s.awaitHealed(heal);
		});
	}

	@Test
	@Order(11)
	void secondConsumerJoiningAndLeavingShouldApplyNothingTwice() throws Exception {
		run(11, "a second consumer joins, then leaves", (scenario) -> {
			scenario.start();
			scenario.awaitAcknowledged(30, FLOW);
			ServiceProcess second = scenario.newConsumer("consumer-2").start();
			await("second consumer ready").atMost(Duration.ofSeconds(120))
				.pollInterval(Duration.ofMillis(500))
				.until(second::isReady);
			scenario.awaitMoreAcknowledged(Scenario.ROUND, FLOW);
			second.process().terminate(Duration.ofSeconds(60));
			Scenario.Heal heal = scenario.healStarts();
			scenario.awaitHealed(heal);
		});
	}

	@Test
	@Order(12)
	@Tag("ci")
	void poisonPillsBetweenValidLettersShouldBeDeadLetteredAndNothingElse() throws Exception {
		run(12, "poison pills between valid letters", (scenario) -> {
			scenario.start();
			scenario.awaitAcknowledged(30, FLOW);
			scenario.pills()
				.addAll(PoisonPill.inject(cluster.clientConfig(), scenario.topic(),
						scenario.lastAcknowledged().sequenceId()));
			Scenario.Heal heal = scenario.healStarts();
			scenario.awaitHealed(heal);
		});
	}

	@Test
	@Order(13)
	void databaseStoppedUnderTheConsumerForTwentySecondsShouldLoseNothing() throws Exception {
		// An H2 server process of its own: PostgreSQL on this machine may be serving
		// others.
		H2Server store = new H2Server(directory.resolve("s13")).start();
		Scenario scenario = new Scenario(13, "the consumer's database stops for 20 s", cluster, database, directory)
			.withConsumerDatabase(store);
		run(scenario, (s) -> {
			s.start();
			s.awaitAcknowledged(30, FLOW);
			store.process().terminate(Duration.ofSeconds(30));
			await("consumer not ready without its database").atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> !s.consumer().isReady());
			// The outage itself is the fault: 20 s of retries with a pausing back-off.
			await("database down for 20 s").during(Duration.ofSeconds(20))
				.atMost(Duration.ofSeconds(30))
				.until(() -> !store.process().isAlive());
			Scenario.Heal heal = s.healStarts();
			store.start();
			s.awaitHealed(heal);
		});
	}

	@Test
	@Order(17)
	void killOfTheConsumerWhileItsDatabaseIsStoppedShouldApplyNothingTwice() throws Exception {
		H2Server store = new H2Server(directory.resolve("s17")).start();
		Scenario scenario = new Scenario(17, "kill -9 the consumer while its database is stopped, then both come back",
				cluster, database, directory)
			.withConsumerDatabase(store)
			.expectingNoDuplicates();
		run(scenario, (s) -> {
			s.start();
			s.awaitAcknowledged(30, FLOW);
			store.process().terminate(Duration.ofSeconds(30));
			await("consumer not ready without its database").atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> !s.consumer().isReady());
			// Letters pile up while the consumer retries its poll against no database.
			s.awaitMoreAcknowledged(Scenario.ROUND, FLOW);
			s.consumer().process().kill();
			Scenario.Heal heal = s.healStarts();
			// The database first: a consumer starts only once its migrations have run.
			store.start();
			s.restartConsumer();
			s.awaitHealed(heal);
		});
	}

}
