package dev.alphabets.producer.failures;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's password may be configured as a {@code {bcrypt}} hash, so that the plain
 * password is written nowhere.
 */
class OperatorPasswordTests {

	private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

	@Test
	void bcryptHashShouldBeKeptAsItIsAndAcceptThePlainPasswordOnly() {
		String hash = "{bcrypt}" + new BCryptPasswordEncoder().encode("s3cret");
		String stored = SecurityConfiguration.storedPassword(hash);
		assertThat(stored).isEqualTo(hash);
		assertThat(this.encoder.matches("s3cret", stored)).isTrue();
		assertThat(this.encoder.matches(hash, stored)).isFalse();
	}

	@Test
	void plainPasswordShouldBeStoredHashed() {
		String stored = SecurityConfiguration.storedPassword("s3cret");
		assertThat(stored).startsWith("{bcrypt}").doesNotContain("s3cret");
		assertThat(this.encoder.matches("s3cret", stored)).isTrue();
	}

}
