package dev.alphabets.reliability;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import dev.alphabets.testsupport.FreePorts;
import dev.alphabets.testsupport.Jvm;
import dev.alphabets.testsupport.ManagedProcess;
import org.h2.Driver;

import static org.awaitility.Awaitility.await;

/**
 * An H2 database served over TCP by its own process, so that a test can stop the database
 * under a running service and start it again, without touching a PostgreSQL that others
 * may be using.
 */
final class H2Server {

	private static final String NAME = "consumer";

	private final int port;

	private final ManagedProcess process;

	H2Server(Path directory) throws Exception {
		this.port = FreePorts.any();
		Files.createDirectories(directory.resolve("data"));
		Path jar = Path.of(Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		this.process = new ManagedProcess("h2-server",
				List.of(Jvm.java().toString(), "-Xmx64m", "-Dh2.bindAddress=127.0.0.1", "-cp", jar.toString(),
						"org.h2.tools.Server", "-tcp", "-tcpPort", String.valueOf(this.port), "-ifNotExists",
						"-baseDir", directory.resolve("data").toString()),
				directory.resolve("h2-server.log"));
	}

	ManagedProcess process() {
		return this.process;
	}

	H2Server start() {
		this.process.start();
		await("H2 server on port " + this.port).atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.until(this::accepts);
		return this;
	}

	private boolean accepts() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	List<String> serviceArguments() {
		return List.of("--spring.datasource.url=" + url(), "--spring.datasource.username=sa",
				"--spring.datasource.password=", "--spring.datasource.hikari.maximum-pool-size=4");
	}

	Connection connect() throws SQLException {
		return DriverManager.getConnection(url(), "sa", "");
	}

	private String url() {
		return "jdbc:h2:tcp://127.0.0.1:" + this.port + "/" + NAME
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
	}

}
