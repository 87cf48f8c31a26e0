package dev.gatehouse.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

import dev.gatehouse.system.InvalidRequestException;
import dev.gatehouse.system.PayloadTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An upload copied to a temporary file as it arrives, counted and hashed on the way, so
 * that the database transaction that stores it is short and a slow client holds no
 * connection. The upload stops at the size limit. Closing it deletes the file.
 */
public final class SnapshotSpool implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(SnapshotSpool.class);

	private static final int BUFFER = 64 * 1024;

	private final Path file;

	private final long size;

	private final String sha256;

	private SnapshotSpool(Path file, long size, String sha256) {
		this.file = file;
		this.size = size;
		this.sha256 = sha256;
	}

	/**
	 * Copies an upload to a new spool file.
	 * @param directory where spool files go
	 * @param content the upload, read to its end
	 * @param limit the most bytes allowed
	 * @return the spooled upload
	 * @throws PayloadTooLargeException past the limit (nothing is kept)
	 * @throws InvalidRequestException for an empty upload
	 * @throws IOException if reading the upload or writing the file fails (nothing is
	 * kept)
	 */
	static SnapshotSpool of(Path directory, InputStream content, long limit) throws IOException {
		Files.createDirectories(directory);
		Path file = Files.createTempFile(directory, "gatehouse-snapshot-", ".part");
		try {
			MessageDigest digest = newDigest();
			long size = 0;
			byte[] buffer = new byte[BUFFER];
			try (OutputStream output = Files.newOutputStream(file)) {
				int read;
				while ((read = read(content, buffer)) != -1) {
					size += read;
					if (size > limit) {
						throw new PayloadTooLargeException(
								"The snapshot is larger than the limit of " + limit + " bytes; nothing was stored");
					}
					digest.update(buffer, 0, read);
					output.write(buffer, 0, read);
				}
			}
			if (size == 0) {
				throw new InvalidRequestException("The snapshot file is empty; nothing was stored");
			}
			return new SnapshotSpool(file, size, HexFormat.of().formatHex(digest.digest()));
		}
		catch (IOException | RuntimeException ex) {
			Files.deleteIfExists(file);
			throw ex;
		}
	}

	private static int read(InputStream content, byte[] buffer) throws ReadFailure {
		try {
			return content.read(buffer);
		}
		catch (IOException ex) {
			throw new ReadFailure(ex);
		}
	}

	InputStream open() throws IOException {
		return Files.newInputStream(this.file);
	}

	long size() {
		return this.size;
	}

	String sha256() {
		return this.sha256;
	}

	/**
	 * Deletes the spool file. A failure is logged, not thrown, so that it never hides the
	 * outcome of the upload; the next start sweeps the file.
	 */
	@Override
	public void close() {
		try {
			Files.deleteIfExists(this.file);
		}
		catch (IOException ex) {
			logger.warn("Could not delete the spool file {}: {}", this.file, ex.getMessage());
		}
	}

	/**
	 * Deletes the spool files in a directory last written before a moment.
	 * @param directory the spool directory
	 * @param before the moment
	 */
	static void sweep(Path directory, Instant before) {
		if (!Files.isDirectory(directory)) {
			return;
		}
		try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "gatehouse-snapshot-*.part")) {
			for (Path file : files) {
				if (Files.getLastModifiedTime(file).toInstant().isBefore(before)) {
					Files.deleteIfExists(file);
					logger.info("Deleted the stale spool file {}", file);
				}
			}
		}
		catch (IOException ex) {
			logger.warn("Could not sweep the spool directory {}: {}", directory, ex.getMessage());
		}
	}

	/**
	 * Reading the upload failed: the client went away, or its body broke off. Writing the
	 * spool file failing is not one of these: that is the server's fault.
	 */
	public static final class ReadFailure extends IOException {

		private static final long serialVersionUID = 1L;

		ReadFailure(IOException cause) {
			super(cause.getMessage(), cause);
		}

	}

	private static MessageDigest newDigest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

}
