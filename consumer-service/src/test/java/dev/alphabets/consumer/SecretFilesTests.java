package dev.alphabets.consumer;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * application.yml imports secrets from files, one per property (Spring Boot's
 * configtree), as compose secrets and Kubernetes secret volumes provide them.
 */
class SecretFilesTests {

	@Test
	void secretFilesShouldSetTheirPropertiesWithoutTheTrailingNewLine(@TempDir Path secrets) throws Exception {
		Files.writeString(secrets.resolve("spring.datasource.password"), "database-secret\n");
		Files.writeString(secrets.resolve("spring.kafka.properties.sasl.jaas.config"), "jaas-line;\n");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Empty.class)
			.web(WebApplicationType.NONE)
			.run("--ALPHABET_SECRETS_DIR=" + secrets, "--spring.main.banner-mode=off")) {
			Environment environment = context.getEnvironment();
			assertThat(environment.getProperty("spring.datasource.password")).isEqualTo("database-secret");
			assertThat(environment.getProperty("spring.kafka.properties.sasl.jaas.config")).isEqualTo("jaas-line;");
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class Empty {

	}

}
