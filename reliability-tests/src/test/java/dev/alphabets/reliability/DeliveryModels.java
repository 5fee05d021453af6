package dev.alphabets.reliability;

import java.util.Arrays;
import java.util.List;

/**
 * The delivery models a scenario runs the two services in, chosen by system properties:
 * <ul>
 * <li>{@code reliability.delivery=MODEL} (or {@code PRODUCER/CONSUMER}): every scenario
 * in that model;</li>
 * <li>{@code reliability.models=MODEL,MODEL,...}: the matrix scenarios once per model
 * (only those in {@code reliability.models.scenarios=2,9,...} when it is set).</li>
 * </ul>
 * Without either, nothing is passed and each service runs in its own default. Only a
 * selected model is passed as {@code --alphabet.delivery}: a service without the property
 * ignores it silently (Boot binds unknown fields leniently), and its runs would then be
 * reported under a model they did not run.
 *
 * @param producer the producer's model
 * @param consumer the consumer's model
 * @param passed whether the models are passed to the services, or are their defaults
 */
record DeliveryModels(DeliveryModel producer, DeliveryModel consumer, boolean passed) {

	/**
	 * The services' defaults: idempotent at-least-once sending, exactly-once applying.
	 */
	static final DeliveryModels DEFAULT = new DeliveryModels(DeliveryModel.AT_LEAST_ONCE, DeliveryModel.EXACTLY_ONCE,
			false);

	/** The models of every scenario that is not run per model. */
	static DeliveryModels selected() {
		String value = System.getProperty("reliability.delivery", "");
		return value.isBlank() ? DEFAULT : parse(value);
	}

	/** The models a matrix scenario runs in, once each. */
	static List<DeliveryModels> forScenario(int number) {
		String models = System.getProperty("reliability.models", "");
		String scenarios = System.getProperty("reliability.models.scenarios", "");
		boolean chosen = scenarios.isBlank()
				|| Arrays.stream(scenarios.split(",")).map(String::strip).anyMatch(String.valueOf(number)::equals);
		if (models.isBlank() || !chosen) {
			return List.of(selected());
		}
		return Arrays.stream(models.split(",")).filter((model) -> !model.isBlank()).map(DeliveryModels::parse).toList();
	}

	static DeliveryModels parse(String value) {
		String[] sides = value.split("/");
		DeliveryModel producer = DeliveryModel.parse(sides[0]);
		return new DeliveryModels(producer, (sides.length > 1) ? DeliveryModel.parse(sides[1]) : producer, true);
	}

	/** What the services promise together. */
	Promise promise() {
		return Promise.of(this.producer, this.consumer);
	}

	/** The {@code --alphabet.delivery} argument of the producer, if passed. */
	List<String> producerArguments() {
		return this.passed ? List.of("--alphabet.delivery=" + this.producer.value()) : List.of();
	}

	/** The {@code --alphabet.delivery} argument of the consumer, if passed. */
	List<String> consumerArguments() {
		return this.passed ? List.of("--alphabet.delivery=" + this.consumer.value()) : List.of();
	}

	/**
	 * Appended to the scenario's topic, group and schema names; empty for the defaults.
	 */
	String suffix() {
		if (!this.passed) {
			return "";
		}
		return "_" + this.producer.abbreviation()
				+ ((this.producer != this.consumer) ? "_" + this.consumer.abbreviation() : "");
	}

	/** The column heading of the matrix. */
	String label() {
		String pair = (this.producer == this.consumer) ? this.producer.value()
				: this.producer.value() + " → " + this.consumer.value();
		return this.passed ? pair : "default (" + pair + ")";
	}

	@Override
	public String toString() {
		return label();
	}

}
