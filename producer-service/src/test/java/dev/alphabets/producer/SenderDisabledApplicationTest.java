package dev.alphabets.producer;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * The whole application on an embedded broker, with the scheduler off and an operator
 * password set, so tests drive sends and the store themselves. Test classes with this
 * annotation share one cached context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}", "alphabet.sender.enabled=false",
		"alphabet.operator.password=" + SenderDisabledApplicationTest.PASSWORD,
		"spring.datasource.url=jdbc:h2:mem:sender-disabled;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1" })
@EmbeddedKafka
public @interface SenderDisabledApplicationTest {

	/** The operator's password in these tests. */
	String PASSWORD = "test-secret";

	/** HTTP basic credentials of the operator. */
	String OPERATOR = "operator:" + PASSWORD;

}
