package dev.alphabets.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.alphabets.testsupport.ServiceProcess;

/**
 * One of our Spring Boot services, started from its jar as the run's
 * {@link ServiceLaunch} says, with the time it took to become ready.
 */
final class Service implements AutoCloseable {

	private final ServiceProcess service;

	private double readySeconds = Double.NaN;

	private Service(ServiceProcess service) {
		this.service = service;
	}

	/**
	 * Starts a service on a free port, as the run's {@link ServiceLaunch} says, and waits
	 * until its readiness group is UP.
	 * @param settings the run's settings
	 * @param module the service's module name
	 * @param log the log file
	 * @param arguments Spring properties as {@code --name=value}
	 * @return the ready service
	 */
	static Service startReady(Settings settings, String module, Path log, List<String> arguments) {
		List<String> launch = settings.launch().command(settings, module);
		Service service = new Service(new ServiceProcess(module, launch, log, null, arguments).start());
		try {
			Poll.until("readiness of " + module + ", see " + log, Duration.ofMinutes(2), Duration.ofMillis(25), () -> {
				if (!service.isAlive()) {
					throw new Poll.Abort("Exited, see " + log);
				}
				return service.service.isReady();
			});
		}
		catch (RuntimeException ex) {
			service.close();
			throw ex;
		}
		service.readySeconds = (System.nanoTime() - service.service.process().startNanos()) / 1e9;
		return service;
	}

	/**
	 * Seconds from the process start to the first readiness answer of 200 (UP).
	 */
	double readySeconds() {
		return this.readySeconds;
	}

	/**
	 * Everything the service has logged so far.
	 */
	String output() {
		return this.service.output();
	}

	boolean isAlive() {
		return this.service.process().isAlive();
	}

	double peakRssMiB() {
		return this.service.process().peakRssMiB();
	}

	/**
	 * Reads one sample from {@code /actuator/prometheus}.
	 * @param name the sample name
	 * @param labels a fragment the labels must contain, or empty
	 * @return the value, or 0 if it is not exposed yet
	 */
	double metric(String name, String labels) {
		return this.service.metric(name, labels);
	}

	@Override
	public void close() {
		this.service.close();
	}

}
