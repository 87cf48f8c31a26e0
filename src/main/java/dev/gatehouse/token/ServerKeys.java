package dev.gatehouse.token;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Secret keys the server generates on first use and keeps in the database, so that every
 * node shares them and none is ever in the repository or a log.
 */
@Component
public class ServerKeys {

	private static final int KEY_BYTES = 32;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	private final Map<String, byte[]> keys = new ConcurrentHashMap<>();

	ServerKeys(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * The key of that name, created on first use.
	 * @param name e.g. {@code service-token-mac}
	 * @return 32 random bytes, the same on every node
	 */
	public byte[] get(String name) {
		return this.keys.computeIfAbsent(name, this::loadOrCreate).clone();
	}

	private byte[] loadOrCreate(String name) {
		Optional<String> stored = read(name);
		if (stored.isEmpty()) {
			byte[] key = new byte[KEY_BYTES];
			this.random.nextBytes(key);
			try {
				this.jdbc.sql("insert into server_keys (name, key_value, create_date) values (:name, :value, :now)")
					.param("name", name)
					.param("value", Base64.getEncoder().encodeToString(key))
					.param("now", this.clock.instant().atOffset(ZoneOffset.UTC))
					.update();
			}
			catch (DuplicateKeyException ex) {
				// Another node created it first; use theirs.
			}
			stored = read(name);
		}
		return Base64.getDecoder().decode(stored.orElseThrow());
	}

	private Optional<String> read(String name) {
		return this.jdbc.sql("select key_value from server_keys where name = :name")
			.param("name", name)
			.query(String.class)
			.optional();
	}

}
