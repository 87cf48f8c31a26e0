package dev.gatehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.util.FileSystemUtils;

/**
 * A PostgreSQL server of a test's own, which the test may stop and start again on the
 * same port and data: a real outage, as an operator's restart or a crash makes it, for
 * the nodes that use it.
 */
public final class OutagePostgres implements AutoCloseable {

	private final Path data;

	private final int port;

	private EmbeddedPostgres running;

	private OutagePostgres(Path data, int port) {
		this.data = data;
		this.port = port;
	}

	/**
	 * Starts a new server on a free port, with an empty data directory.
	 * @return the server
	 */
	public static OutagePostgres start() {
		try {
			OutagePostgres postgres = new OutagePostgres(Files.createTempDirectory("gatehouse-outage-pg"), freePort());
			postgres.startAgain();
			return postgres;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket free = new ServerSocket(0)) {
			return free.getLocalPort();
		}
	}

	/** Stops the server as {@code pg_ctl stop -m fast} does: open connections are cut. */
	public void stop() {
		try {
			this.running.close();
			this.running = null;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Starts the server again, on its port and data. */
	public void startAgain() {
		try {
			this.running = EmbeddedPostgres.builder()
				.setDataDirectory(this.data)
				.setCleanDataDirectory(false)
				.setPort(this.port)
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public String jdbcUrl() {
		return "jdbc:postgresql://localhost:" + this.port + "/postgres";
	}

	/**
	 * A connection pool-free data source for the test's own checks, while running.
	 */
	public DataSource dataSource() {
		return this.running.getPostgresDatabase();
	}

	@Override
	public void close() {
		if (this.running != null) {
			stop();
		}
		FileSystemUtils.deleteRecursively(this.data.toFile());
	}

}
