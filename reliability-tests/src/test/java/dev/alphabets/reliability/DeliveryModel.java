package dev.alphabets.reliability;

import java.util.Arrays;
import java.util.Locale;

/**
 * The values of the services' {@code alphabet.delivery} property.
 */
enum DeliveryModel {

	AT_MOST_ONCE("amo"), AT_LEAST_ONCE("alo"), EXACTLY_ONCE("eo");

	private final String abbreviation;

	DeliveryModel(String abbreviation) {
		this.abbreviation = abbreviation;
	}

	/** The property value, such as {@code at-least-once}. */
	String value() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/** A short form for topic, group and schema names. */
	String abbreviation() {
		return this.abbreviation;
	}

	static DeliveryModel parse(String value) {
		return Arrays.stream(values())
			.filter((model) -> model.value().equals(value.strip()))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(
					"Unknown delivery model '" + value + "': use at-most-once, at-least-once or exactly-once"));
	}

}
