package dev.gatehouse.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import dev.gatehouse.audit.AuditAction;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.identity.Caller;
import dev.gatehouse.project.Project;
import dev.gatehouse.project.ProjectService;
import dev.gatehouse.query.CollectionPage;
import dev.gatehouse.query.CollectionParameters;
import dev.gatehouse.settings.SettingsService;
import dev.gatehouse.system.AccessRefusedException;
import dev.gatehouse.system.NotFoundException;
import dev.gatehouse.system.PayloadTooLargeException;
import dev.gatehouse.system.TextRules;
import dev.gatehouse.token.ProjectAccessToken;
import dev.gatehouse.trustedci.CiJob;
import dev.gatehouse.trustedci.CiTokenVerifier;
import dev.gatehouse.trustedci.TrustedCiIdentity;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Snapshots of a project: uploaded by the project's administrators or by one of its
 * project access tokens, listed and downloaded by everyone who sees the project. An
 * upload is checked before its body is read, spooled to a temporary file within the size
 * limit, then stored in one short transaction: a failed upload leaves nothing.
 */
@Service
public class SnapshotService {

	static final int MAX_VERSION = 200;

	private static final int MAX_FILE_NAME = 255;

	private final JdbcSnapshotRepository snapshots;

	private final ProjectService projects;

	private final SettingsService settings;

	private final AuditLog audit;

	private final Clock clock;

	private final TransactionTemplate transaction;

	private final Path spoolDirectory;

	private final CiTokenVerifier ciTokens;

	SnapshotService(JdbcSnapshotRepository snapshots, ProjectService projects, SettingsService settings, AuditLog audit,
			Clock clock, TransactionTemplate transaction,
			@Value("${gatehouse.snapshots.spool-directory:${java.io.tmpdir}}") Path spoolDirectory,
			CiTokenVerifier ciTokens) {
		this.snapshots = snapshots;
		this.ciTokens = ciTokens;
		this.projects = projects;
		this.settings = settings;
		this.audit = audit;
		this.clock = clock;
		this.transaction = transaction;
		this.spoolDirectory = spoolDirectory;
	}

	/**
	 * The project an upload goes to, checked before its body is read. A project token
	 * reaches its own project only, and learns nothing of any other: 403 whether it
	 * exists or not.
	 * @param uploader who uploads
	 * @param keyOrId the project named in the path
	 * @return the project
	 */
	public UploadTarget uploadTarget(Uploader uploader, String keyOrId) {
		if (uploader.job() != null) {
			// The same answer whether the project exists, trusts another job, or none:
			// no hint at which project does trust this one.
			TrustedCiIdentity identity = uploader.job().trustedBy(keyOrId).orElseThrow(() -> {
				this.ciTokens.refusedProject(uploader.job(), keyOrId);
				return new AccessRefusedException("This CI token is not trusted by project " + keyOrId);
			});
			return new UploadTarget(identity.projectId(), identity.projectKey());
		}
		if (uploader.token() != null) {
			ProjectAccessToken token = uploader.token();
			boolean own = keyOrId.equalsIgnoreCase(token.projectKey())
					|| keyOrId.equals(String.valueOf(token.projectId()));
			if (!own) {
				throw new AccessRefusedException("This project access token may only upload to its own project");
			}
			return new UploadTarget(token.projectId(), token.projectKey());
		}
		Project project = this.projects.administered(uploader.user(), keyOrId,
				"and its project access tokens upload snapshots");
		return new UploadTarget(project.id(), project.key());
	}

	/**
	 * The largest upload allowed now.
	 * @return the limit in bytes
	 */
	public long sizeLimit() {
		return this.settings.current().snapshotMaxBytes();
	}

	/**
	 * Refuses an upload whose announced length is already over the limit, before any of
	 * it is read.
	 * @param contentLength the request's {@code Content-Length}, or -1
	 * @param overhead how much of it is not the file (multipart headers)
	 */
	public void checkAnnouncedLength(long contentLength, long overhead) {
		long limit = sizeLimit();
		if (contentLength > limit + overhead) {
			throw new PayloadTooLargeException(
					"The snapshot is larger than the limit of " + limit + " bytes; nothing was stored");
		}
	}

	/**
	 * Copies an upload's content to a spool file within the size limit.
	 * @param content the content
	 * @return the spooled content, to be stored and closed
	 * @throws IOException if reading the upload fails
	 */
	public SnapshotSpool spool(InputStream content) throws IOException {
		return SnapshotSpool.of(this.spoolDirectory, content, sizeLimit());
	}

	/**
	 * Stores a spooled upload.
	 * @param uploader who uploads
	 * @param target where, from {@link #uploadTarget}
	 * @param version the version or commit label (required)
	 * @param fileName the file's name, or {@code null}
	 * @param content the spooled content
	 * @return the stored snapshot
	 */
	public Snapshot store(Uploader uploader, UploadTarget target, String version, String fileName,
			SnapshotSpool content) {
		String checkedVersion = TextRules.singleLine("version", version, MAX_VERSION);
		String checkedName = fileName(fileName);
		long id = this.transaction.execute((status) -> {
			long inserted = this.snapshots.insert(target.projectId(), checkedVersion, checkedName, content.size(),
					content.sha256(), this.clock.instant(), uploader);
			try (InputStream input = content.open()) {
				int number = 0;
				byte[] chunk;
				while ((chunk = input.readNBytes(JdbcSnapshotRepository.CHUNK_SIZE)).length > 0) {
					this.snapshots.insertChunk(inserted, number++, chunk);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			// In the same transaction: no snapshot without its audit event.
			String what = "project " + target.projectKey() + " snapshot #" + inserted + " version '" + checkedVersion
					+ "', " + content.size() + " bytes";
			if (uploader.job() != null) {
				CiJob job = uploader.job();
				TrustedCiIdentity identity = job.trustedBy(target.projectKey()).orElseThrow();
				this.ciTokens.recordUpload(identity);
				this.audit.recordTechnical(AuditAction.SNAPSHOT_UPLOADED, job.label(), what + " through "
						+ identity.label() + " (issuer " + job.issuer() + ", subject " + job.subject() + ")");
			}
			else if (uploader.token() != null) {
				this.audit.recordTechnical(AuditAction.SNAPSHOT_UPLOADED, uploader.technicalLabel(), what);
			}
			else {
				this.audit.record(AuditAction.SNAPSHOT_UPLOADED, uploader.user(), null, null, what);
			}
			return inserted;
		});
		return this.snapshots.findById(target.projectId(), id).orElseThrow();
	}

	/**
	 * A page of a project's snapshots, newest first unless sorted otherwise.
	 */
	public CollectionPage<Snapshot> list(Caller caller, String keyOrId, CollectionParameters parameters) {
		Project project = this.projects.get(caller, keyOrId);
		return this.snapshots.find(project.id(), parameters);
	}

	public Snapshot get(Caller caller, String keyOrId, long id) {
		Project project = this.projects.get(caller, keyOrId);
		return this.snapshots.findById(project.id(), id).orElseThrow(() -> NotFoundException.of("Snapshot", id));
	}

	/**
	 * Writes a snapshot's content, one chunk at a time.
	 * @param snapshot a snapshot from {@link #get}
	 * @param output where to write
	 * @throws IOException if writing fails
	 */
	public void copyContent(Snapshot snapshot, OutputStream output) throws IOException {
		this.snapshots.copyContent(snapshot, output);
	}

	/**
	 * Answers a download of a snapshot: an attachment under its name, its length, the
	 * SHA-256 as {@code ETag}, and the content streamed one chunk at a time. The API and
	 * the project page both download this way.
	 * @param snapshot a snapshot from {@link #get}
	 * @param response the answer
	 * @throws IOException if writing fails
	 */
	public void download(Snapshot snapshot, HttpServletResponse response) throws IOException {
		response.setContentType(MediaType.APPLICATION_OCTET_STREAM_VALUE);
		response.setContentLengthLong(snapshot.size());
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				ContentDisposition.attachment()
					.filename(snapshot.downloadName(), StandardCharsets.UTF_8)
					.build()
					.toString());
		response.setHeader(HttpHeaders.ETAG, "\"" + snapshot.sha256() + "\"");
		copyContent(snapshot, response.getOutputStream());
	}

	/**
	 * Deletes spool files a crash left behind; those of uploads in flight on another node
	 * sharing the directory are younger than a day.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void sweepSpoolDirectory() {
		SnapshotSpool.sweep(this.spoolDirectory, this.clock.instant().minus(Duration.ofDays(1)));
	}

	/** Keeps the file's own name only, never a client's path. */
	private static String fileName(String fileName) {
		if (fileName == null) {
			return null;
		}
		String name = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
		name = TextRules.printable(name).strip();
		if (name.isEmpty()) {
			return null;
		}
		return (name.length() > MAX_FILE_NAME) ? name.substring(name.length() - MAX_FILE_NAME) : name;
	}

	/**
	 * The project an upload goes to.
	 *
	 * @param projectId its id
	 * @param projectKey its key
	 */
	public record UploadTarget(long projectId, String projectKey) {
	}

}
