package dev.alphabets.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Ports that are free on the loopback address when a test or a benchmark starts.
 */
public final class FreePorts {

	private FreePorts() {
	}

	/**
	 * One free port.
	 * @return the port
	 */
	public static int any() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A base port such that {@code count} ports from it, and {@code count} ports from
	 * {@code base + offset}, are all free: the layout of {@code local-kafka}'s broker and
	 * controller ports.
	 */
	public static int baseFor(int count, int offset) {
		for (int attempt = 0; attempt < 50; attempt++) {
			int base = any();
			if (base + offset + count <= 65535 && allFree(base, count) && allFree(base + offset, count)) {
				return base;
			}
		}
		throw new IllegalStateException("No free range of " + count + " ports on 127.0.0.1");
	}

	/**
	 * The port of {@code local-kafka}'s first node such that every node's broker port
	 * (one apart) and controller port (100 above) is free.
	 * @param nodes the number of nodes
	 * @return the base port
	 */
	public static int forLocalKafka(int nodes) {
		return baseFor(nodes, 100);
	}

	private static boolean allFree(int first, int count) {
		for (int port = first; port < first + count; port++) {
			try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
				socket.setReuseAddress(true);
			}
			catch (IOException ex) {
				return false;
			}
		}
		return true;
	}

}
