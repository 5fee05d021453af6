package dev.alphabets.reliability;

import java.nio.file.Path;
import java.time.Duration;

import dev.alphabets.testsupport.KafkaCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One three-broker cluster per test class, healed before each scenario; the services of a
 * scenario are stopped after it, whatever happened.
 */
abstract class ClusterTestSupport {

	private static final Logger logger = LoggerFactory.getLogger(ClusterTestSupport.class);

	static KafkaCluster cluster;

	static Database database;

	static Path directory;

	private Scenario scenario;

	@BeforeAll
	static void startCluster(TestInfo info) {
		String runId = Long.toString(System.currentTimeMillis(), 36);
		directory = Jars.workDirectory().resolve(info.getTestClass().orElseThrow().getSimpleName() + "-" + runId);
		database = Database.detect(runId, directory.resolve("h2"));
		ReliabilityReport.database(database.kind());
		// Assigned before it starts: @AfterAll stops the nodes even if the cluster never
		// forms.
		boolean secured = ScenarioAccess.secured();
		ReliabilityReport.protocol(secured ? "SASL_SSL (SCRAM-SHA-512, ACLs)" : "PLAINTEXT");
		// One set of certificates and passwords for every cluster of the run.
		cluster = new KafkaCluster(Jars.localKafka(), directory.resolve("kafka"), "384m",
				secured ? Jars.workDirectory().resolve("secrets") : null);
		cluster.start();
		logger.info("Cluster ready on {}{}", cluster.bootstrapServers(), secured ? " (SASL_SSL)" : "");
	}

	@AfterAll
	static void stopCluster() {
		if (cluster != null) {
			cluster.close();
		}
		if (database != null) {
			database.dropAll();
		}
		logger.info("\n{}", ReliabilityReport.write());
	}

	@BeforeEach
	void healCluster() {
		cluster.heal(Duration.ofMinutes(2));
	}

	@AfterEach
	void stopServices() {
		if (this.scenario != null) {
			this.scenario.close();
		}
	}

	/**
	 * Runs a scenario: the fault, the heal, then the invariants. A scenario that fails
	 * before its invariants are checked still gets its row in the report.
	 */
	void run(int number, String title, Fault fault) throws Exception {
		run(new Scenario(number, title, cluster, database, directory), fault);
	}

	/** Runs a scenario in the given delivery models. */
	void run(int number, String title, DeliveryModels models, Fault fault) throws Exception {
		run(new Scenario(number, title, models, cluster, database, directory), fault);
	}

	/** A scenario in the given delivery models, to configure before it runs. */
	Scenario scenario(int number, String title, DeliveryModels models) {
		return new Scenario(number, title, models, cluster, database, directory);
	}

	void run(Scenario scenario, Fault fault) throws Exception {
		this.scenario = scenario;
		logger.info("Scenario {} [{}]", scenario.name(), scenario.settings().models());
		try {
			fault.inject(scenario);
			scenario.finish();
		}
		catch (Exception | AssertionError ex) {
			if (!scenario.isReported()) {
				ReliabilityReport
					.add(new ReliabilityReport.Row(scenario.settings(), Invariants.Counts.NONE, scenario.timeToHeal(),
							"FAIL: " + String.valueOf(ex.getMessage()).lines().findFirst().orElse("")));
			}
			throw ex;
		}
	}

	/**
	 * The live flow, the fault and its end.
	 */
	@FunctionalInterface
	interface Fault {

		void inject(Scenario scenario) throws Exception;

	}

}
