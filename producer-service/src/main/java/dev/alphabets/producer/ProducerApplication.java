package dev.alphabets.producer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Sends the letters A to Z to Kafka, round after round, without losing or skipping one.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ProducerApplication {

	public static void main(String[] args) {
		SpringApplication.run(ProducerApplication.class, args);
	}

}
