package dev.alphabets.consumer.receiving;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class StaticMembershipTests {

	@Test
	void aConfiguredInstanceIdIsUsedAsItIs() {
		assertThat(StaticMembership.instanceId("consumer-1", new MockEnvironment())).isEqualTo("consumer-1");
	}

	@Test
	void noneTurnsStaticMembershipOff() {
		assertThat(StaticMembership.instanceId("none", new MockEnvironment().withProperty("server.port", "8081")))
			.isNull();
	}

	@Test
	void byDefaultTheInstanceIdIsTheHostNameAndTheHttpPortSoTwoInstancesOnOneHostDiffer() {
		String first = StaticMembership.instanceId("", new MockEnvironment().withProperty("server.port", "8081"));
		String second = StaticMembership.instanceId(null, new MockEnvironment().withProperty("server.port", "8082"));
		assertThat(first).endsWith("-8081").matches("[A-Za-z0-9._-]+");
		assertThat(second).endsWith("-8082");
		assertThat(first.substring(0, first.length() - 5)).isEqualTo(second.substring(0, second.length() - 5));
	}

	@Test
	void aRandomPortMeansDynamicMembershipSinceARestartWouldNotKeepTheId() {
		assertThat(StaticMembership.instanceId(null, new MockEnvironment().withProperty("server.port", "0"))).isNull();
	}

}
