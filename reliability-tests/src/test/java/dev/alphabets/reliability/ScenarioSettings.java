package dev.alphabets.reliability;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What sets one scenario apart on the shared cluster: its number and title, its delivery
 * models, its own topics, consumer group and databases, and the settings it changes.
 */
final class ScenarioSettings {

	private final int number;

	private final String title;

	private final DeliveryModels models;

	private final String id;

	private final Path directory;

	private final List<String> producerSettings = new ArrayList<>();

	private H2Server consumerDatabase;

	private boolean expectNoDuplicates;

	ScenarioSettings(int number, String title, DeliveryModels models, Path root) {
		this.number = number;
		this.title = title;
		this.models = models;
		this.id = String.format("s%02d", number) + models.suffix();
		this.directory = root.resolve(this.id);
	}

	int number() {
		return this.number;
	}

	/** Number and title, as the report shows them. */
	String name() {
		return this.number + ". " + this.title;
	}

	DeliveryModels models() {
		return this.models;
	}

	/**
	 * {@code s02}, or {@code s02_eo} in a selected model: names the scenario's resources.
	 */
	String id() {
		return this.id;
	}

	Path directory() {
		return this.directory;
	}

	String topic() {
		return "alphabets-" + this.id;
	}

	String deadLetterTopic() {
		return topic() + "-dlt";
	}

	/**
	 * The exactly-once producer's position topic: one per scenario, or a later scenario's
	 * producer, on a fresh database, would read back where an earlier one stopped.
	 */
	String positionTopic() {
		return topic() + "-positions";
	}

	String group() {
		return "alphabet-consumer-" + this.id;
	}

	List<String> producerSettings() {
		return this.producerSettings;
	}

	void addProducerSettings(List<String> settings) {
		this.producerSettings.addAll(settings);
	}

	H2Server consumerDatabase() {
		return this.consumerDatabase;
	}

	void consumerDatabase(H2Server server) {
		this.consumerDatabase = server;
	}

	/**
	 * Whether any duplicate delivery fails the scenario. Only a consumer that keeps its
	 * positions with its letters can keep that promise, so it holds for an exactly-once
	 * consumer alone.
	 */
	boolean expectsNoDuplicates() {
		return this.expectNoDuplicates && this.models.consumer() == DeliveryModel.EXACTLY_ONCE;
	}

	void expectNoDuplicates() {
		this.expectNoDuplicates = true;
	}

}
