package dev.alphabets.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A bootstrap address that appears later: a port chosen before a broker exists, which
 * starts forwarding to the broker when asked. Clients bootstrap through it, then talk to
 * the broker at the address it advertises, as they would after the first metadata.
 */
public final class BootstrapForwarder implements AutoCloseable {

	private final int port;

	private ServerSocket server;

	public BootstrapForwarder() throws IOException {
		try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			this.port = probe.getLocalPort();
		}
	}

	public String address() {
		return "127.0.0.1:" + this.port;
	}

	public void forwardTo(int brokerPort) throws IOException {
		this.server = new ServerSocket();
		this.server.setReuseAddress(true);
		this.server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port));
		Thread acceptor = new Thread(() -> {
			while (!this.server.isClosed()) {
				try {
					Socket client = this.server.accept();
					Socket broker = new Socket(InetAddress.getLoopbackAddress(), brokerPort);
					pipe(client.getInputStream(), broker.getOutputStream());
					pipe(broker.getInputStream(), client.getOutputStream());
				}
				catch (IOException ex) {
					// closed
				}
			}
		}, "bootstrap-forwarder");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	private static void pipe(InputStream in, OutputStream out) {
		Thread thread = new Thread(() -> {
			try (in; out) {
				in.transferTo(out);
			}
			catch (IOException ex) {
				// one side closed
			}
		});
		thread.setDaemon(true);
		thread.start();
	}

	@Override
	public void close() throws IOException {
		if (this.server != null) {
			this.server.close();
		}
	}

}
