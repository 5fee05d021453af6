package dev.alphabets.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Free TCP ports on 127.0.0.1 for the brokers and services a run starts.
 */
final class Ports {

	private Ports() {
	}

	/**
	 * A broker port for node 1 such that the broker ports of all nodes (one apart) and
	 * their controller ports (100 above) are free.
	 */
	static int freeBasePort(int nodes) {
		for (int attempt = 0; attempt < 50; attempt++) {
			int port;
			try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
				port = socket.getLocalPort();
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			if (port + 100 + nodes <= 65535 && allFree(port, nodes)) {
				return port;
			}
		}
		throw new IllegalStateException("No free broker and controller ports on 127.0.0.1");
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static boolean allFree(int port, int nodes) {
		for (int node = 0; node < nodes; node++) {
			if ((node > 0 && !isFree(port + node)) || !isFree(port + 100 + node)) {
				return false;
			}
		}
		return true;
	}

	private static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
