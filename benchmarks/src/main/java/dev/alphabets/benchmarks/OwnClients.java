package dev.alphabets.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the runner hands to the clients of our own that it starts as child processes.
 */
final class OwnClients {

	private OwnClients() {
	}

	/**
	 * Client settings passed as {@code name=value} arguments from {@code first} on.
	 */
	static Map<String, Object> settings(String[] args, int first) {
		Map<String, Object> settings = new LinkedHashMap<>();
		for (int i = first; i < args.length; i++) {
			settings.put(args[i].substring(0, args[i].indexOf('=')), args[i].substring(args[i].indexOf('=') + 1));
		}
		return settings;
	}

}
