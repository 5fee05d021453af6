package dev.alphabets.consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The read-only API, health status, info and metrics are open; health details need HTTP
 * basic credentials of the configured operator; nothing else is reachable.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(SecurityConfiguration.class);

	private static final String BCRYPT_PREFIX = "{bcrypt}";

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus")
			.permitAll()
			.requestMatchers(HttpMethod.GET, "/api/**")
			.permitAll()
			.requestMatchers("/error")
			.permitAll()
			.anyRequest()
			.denyAll());
		http.httpBasic(Customizer.withDefaults());
		http.csrf((csrf) -> csrf.disable());
		http.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

	@Bean
	InMemoryUserDetailsManager operators(AlphabetProperties properties) {
		AlphabetProperties.Operator operator = properties.operator();
		if (!operator.enabled()) {
			logger.info("No operator password is configured: health details are shown to nobody."
					+ " Set ALPHABET_OPERATOR_PASSWORD (alphabet.operator.password) to read them.");
			return new InMemoryUserDetailsManager();
		}
		return new InMemoryUserDetailsManager(User.withUsername(operator.username())
			.password(storedPassword(operator.password()))
			.roles("OPERATOR")
			.build());
	}

	/**
	 * The operator's password as the user store keeps it: a {@code {bcrypt}...} value is
	 * a hash already (the plain password then appears in no setting or environment);
	 * anything else is a plain password, hashed here.
	 * @param configured the configured password
	 * @return the encoded password, with its encoder's prefix
	 */
	static String storedPassword(String configured) {
		if (configured.startsWith(BCRYPT_PREFIX)) {
			return configured;
		}
		PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		return encoder.encode(configured);
	}

}
