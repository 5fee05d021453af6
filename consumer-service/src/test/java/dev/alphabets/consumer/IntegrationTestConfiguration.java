package dev.alphabets.consumer;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Puts a {@link SwitchableDataSource} in front of the application's data source.
 */
@TestConfiguration(proxyBeanMethods = false)
class IntegrationTestConfiguration {

	@Bean
	static BeanPostProcessor switchableDataSource() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return (bean instanceof DataSource dataSource && !(bean instanceof SwitchableDataSource))
						? new SwitchableDataSource(dataSource) : bean;
			}

		};
	}

}
