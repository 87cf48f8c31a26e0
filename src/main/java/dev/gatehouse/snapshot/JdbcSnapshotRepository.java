package dev.gatehouse.snapshot;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import dev.gatehouse.query.CollectionPage;
import dev.gatehouse.query.CollectionParameters;
import dev.gatehouse.query.CollectionQuery;
import dev.gatehouse.query.FieldType;
import dev.gatehouse.query.QueryFields;
import dev.gatehouse.trustedci.CiJob;
import dev.gatehouse.trustedci.TrustedCiIdentity;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The {@code snapshots} and {@code snapshot_chunks} tables. Content is written and read
 * one chunk at a time, so no file is ever held whole in memory.
 */
@Repository
class JdbcSnapshotRepository {

	/** The size of a stored chunk: 1 MiB. */
	static final int CHUNK_SIZE = 1024 * 1024;

	private static final QueryFields FIELDS = QueryFields.of()
		.field("Id", "s.id", FieldType.INTEGER)
		.field("Version", "s.version", FieldType.TEXT)
		.field("FileName", "s.file_name", FieldType.TEXT)
		.field("Size", "s.size_bytes", FieldType.INTEGER)
		.field("Sha256", "s.sha256", FieldType.TEXT)
		.field("UploadDate", "s.upload_date", FieldType.INSTANT)
		.field("UploadedBy.Name", "s.uploaded_by_name", FieldType.TEXT);

	private static final String SELECT = """
			select s.id, s.project_id, p.project_key, s.version, s.file_name, s.size_bytes, s.sha256, s.upload_date,
			       s.uploaded_by_user_id, s.uploaded_by_token_id, s.uploaded_by_name, s.uploaded_by_ci_identity_id,
			       s.source_repository, s.source_ref, s.source_run
			from snapshots s join projects p on p.id = s.project_id
			""";

	private final JdbcClient jdbc;

	JdbcSnapshotRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long insert(long projectId, String version, String fileName, long size, String sha256, Instant uploadDate,
			Uploader uploader) {
		CiJob job = uploader.job();
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into snapshots (project_id, version, file_name, size_bytes, sha256, upload_date,
				                       uploaded_by_user_id, uploaded_by_token_id, uploaded_by_name,
				                       uploaded_by_ci_identity_id, source_repository, source_ref, source_run)
				values (:projectId, :version, :fileName, :size, :sha256, :uploadDate, :userId, :tokenId, :name,
				        :ciIdentityId, :repository, :ref, :run)
				""")
			.param("projectId", projectId)
			.param("version", version)
			.param("fileName", fileName)
			.param("size", size)
			.param("sha256", sha256)
			.param("uploadDate", uploadDate.atOffset(ZoneOffset.UTC))
			.param("userId", (uploader.user() != null) ? uploader.user().userId() : null)
			.param("tokenId", (uploader.token() != null) ? uploader.token().id() : null)
			.param("name", uploader.name())
			.param("ciIdentityId",
					(job != null) ? job.trustedBy(String.valueOf(projectId)).map(TrustedCiIdentity::id).orElse(null)
							: null)
			.param("repository", (job != null) ? cut(job.repository()) : null)
			.param("ref", (job != null) ? cut(job.ref()) : null)
			.param("run", (job != null) ? cut(job.run()) : null)
			.update(keys, "id");
		return keys.getKeyAs(Long.class);
	}

	void insertChunk(long snapshotId, int number, byte[] content) {
		this.jdbc
			.sql("insert into snapshot_chunks (snapshot_id, chunk_number, content) values (:id, :number, :content)")
			.param("id", snapshotId)
			.param("number", number)
			.param("content", content)
			.update();
	}

	Optional<Snapshot> findById(long projectId, long id) {
		return this.jdbc.sql(SELECT + " where s.project_id = :projectId and s.id = :id")
			.param("projectId", projectId)
			.param("id", id)
			.query(JdbcSnapshotRepository::map)
			.optional();
	}

	CollectionPage<Snapshot> find(long projectId, CollectionParameters parameters) {
		CollectionQuery query = CollectionQuery.of(parameters, FIELDS, "s.id desc");
		return query
			.page(this.jdbc.sql(SELECT + " where s.project_id = :projectId" + query.condition() + query.orderAndPage())
				.params(query.bindings())
				.param("projectId", projectId)
				.query(JdbcSnapshotRepository::map)
				.list());
	}

	/**
	 * Writes a snapshot's content, reading one chunk at a time.
	 * @throws IOException if the output fails, or a chunk is missing
	 */
	void copyContent(Snapshot snapshot, OutputStream output) throws IOException {
		int chunks = (int) ((snapshot.size() + CHUNK_SIZE - 1) / CHUNK_SIZE);
		for (int number = 0; number < chunks; number++) {
			Optional<byte[]> chunk = this.jdbc
				.sql("select content from snapshot_chunks where snapshot_id = :id and chunk_number = :number")
				.param("id", snapshot.id())
				.param("number", number)
				.query((rs, row) -> rs.getBytes(1))
				.optional();
			if (chunk.isEmpty()) {
				throw new IOException("Snapshot " + snapshot.id() + " lost chunk " + number);
			}
			output.write(chunk.get());
		}
	}

	private static Snapshot map(ResultSet rs, int row) throws SQLException {
		return new Snapshot(rs.getLong("id"), rs.getLong("project_id"), rs.getString("project_key"),
				rs.getString("version"), rs.getString("file_name"), rs.getLong("size_bytes"), rs.getString("sha256"),
				rs.getObject("upload_date", OffsetDateTime.class).toInstant(),
				rs.getObject("uploaded_by_user_id", Long.class), rs.getObject("uploaded_by_token_id", Long.class),
				rs.getString("uploaded_by_name"), rs.getObject("uploaded_by_ci_identity_id", Long.class),
				(rs.getString("source_repository") != null) ? new SnapshotSource(rs.getString("source_repository"),
						rs.getString("source_ref"), rs.getString("source_run")) : null);
	}

	/** A claim longer than its column: the start of it, marked. */
	private static String cut(String value) {
		return (value == null || value.length() <= 200) ? value : value.substring(0, 199) + "…";
	}

}
