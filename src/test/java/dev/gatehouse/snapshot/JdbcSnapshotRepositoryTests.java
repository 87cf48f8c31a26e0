package dev.gatehouse.snapshot;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.gatehouse.RepositorySliceSupport;
import dev.gatehouse.identity.Caller;
import dev.gatehouse.query.CollectionPage;
import dev.gatehouse.query.CollectionParameters;
import dev.gatehouse.token.ProjectAccessToken;
import dev.gatehouse.trustedci.CiJob;
import dev.gatehouse.trustedci.TrustedCiIdentity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * Snapshots of one project: metadata with who uploaded them (a user or a project token),
 * listed newest first, and content stored and read back in 1 MiB chunks.
 */
@Import(JdbcSnapshotRepository.class)
class JdbcSnapshotRepositoryTests extends RepositorySliceSupport {

	private static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");

	private static final String SHA = "0".repeat(64);

	@Autowired
	private JdbcSnapshotRepository snapshots;

	private long project;

	private String key;

	private Caller uploader;

	@BeforeEach
	void project() {
		this.key = unique("SNAP");
		this.project = project(this.key);
		String login = unique("uploader");
		this.uploader = caller(user(login, false), login, false);
	}

	@Test
	void insertWhenUploadedByAUserThenReadBackWithTheUser() {
		long id = this.snapshots.insert(this.project, "1.0", "report.zip", 3, SHA, NOW,
				new Uploader(this.uploader, null));

		assertThat(this.snapshots.findById(this.project, id)).contains(new Snapshot(id, this.project, this.key, "1.0",
				"report.zip", 3, SHA, NOW, this.uploader.userId(), null, this.uploader.login(), null, null));
	}

	@Test
	void insertWhenUploadedByACiJobThenReadBackWithTheIdentityAndWhereItCameFrom() {
		TrustedCiIdentity identity = new TrustedCiIdentity(91, this.project, this.key, "main", "https://ci.example.com",
				"https://ci.example.com/keys", "gatehouse", Map.of("repository", "acme/shop"), NOW, null);
		CiJob job = new CiJob("https://ci.example.com", "repo:acme/shop:ref:refs/heads/main", "acme/shop",
				"refs/heads/main", "42", List.of(identity));

		long id = this.snapshots.insert(this.project, "abc123", null, 0, SHA, NOW, new Uploader(null, null, job));

		assertThat(this.snapshots.findById(this.project, id)).hasValueSatisfying((snapshot) -> {
			assertThat(snapshot.uploadedByUserId()).isNull();
			assertThat(snapshot.uploadedByTokenId()).isNull();
			assertThat(snapshot.uploadedByCiIdentityId()).isEqualTo(91);
			assertThat(snapshot.uploadedByName()).isEqualTo("CI acme/shop@refs/heads/main run 42");
			assertThat(snapshot.source()).isEqualTo(new SnapshotSource("acme/shop", "refs/heads/main", "42"));
		});
	}

	@Test
	void insertWhenUploadedByAProjectTokenThenReadBackWithTheTokenByIdAndName() {
		ProjectAccessToken token = new ProjectAccessToken(77, this.project, this.key, "CI", NOW,
				LocalDate.of(2026, 12, 31), null);

		long id = this.snapshots.insert(this.project, "abc123", null, 0, SHA, NOW, new Uploader(null, token));

		assertThat(this.snapshots.findById(this.project, id)).hasValueSatisfying((snapshot) -> {
			assertThat(snapshot.uploadedByUserId()).isNull();
			assertThat(snapshot.uploadedByTokenId()).isEqualTo(77);
			assertThat(snapshot.uploadedByName()).isEqualTo("CI");
			assertThat(snapshot.downloadName()).isEqualTo(this.key + "-snapshot-" + id + ".bin");
		});
	}

	@Test
	void findByIdWhenAnotherProjectThenEmpty() {
		long id = this.snapshots.insert(this.project, "1.0", null, 0, SHA, NOW, new Uploader(this.uploader, null));

		assertThat(this.snapshots.findById(project(unique("OTHER")), id)).isEmpty();
	}

	@Test
	void findWhenSeveralThenNewestFirstFilteredAndPaged() {
		long first = this.snapshots.insert(this.project, "1.0", null, 0, SHA, NOW, new Uploader(this.uploader, null));
		long second = this.snapshots.insert(this.project, "1.1", null, 0, SHA, NOW, new Uploader(this.uploader, null));
		long third = this.snapshots.insert(this.project, "2.0", null, 0, SHA, NOW, new Uploader(this.uploader, null));
		this.snapshots.insert(project(unique("OTHER")), "1.0", null, 0, SHA, NOW, new Uploader(this.uploader, null));

		CollectionPage<Snapshot> page = this.snapshots.find(this.project, CollectionParameters.firstPage());
		CollectionPage<Snapshot> ones = this.snapshots.find(this.project,
				new CollectionParameters(1, 0, "Version contains '1.'", List.of(), List.of()));

		assertThat(page.items()).extracting(Snapshot::id).containsExactly(third, second, first);
		assertThat(ones.items()).extracting(Snapshot::id).containsExactly(second);
		assertThat(ones.hasMore()).isTrue();
	}

	@Test
	void copyContentWhenStoredInChunksThenTheWholeFileInOrder() throws IOException {
		byte[] content = new byte[JdbcSnapshotRepository.CHUNK_SIZE + 3];
		Arrays.fill(content, 0, JdbcSnapshotRepository.CHUNK_SIZE, (byte) 'a');
		content[JdbcSnapshotRepository.CHUNK_SIZE] = 'x';
		content[JdbcSnapshotRepository.CHUNK_SIZE + 1] = 'y';
		content[JdbcSnapshotRepository.CHUNK_SIZE + 2] = 'z';
		long id = this.snapshots.insert(this.project, "1.0", null, content.length, SHA, NOW,
				new Uploader(this.uploader, null));
		this.snapshots.insertChunk(id, 1,
				Arrays.copyOfRange(content, JdbcSnapshotRepository.CHUNK_SIZE, content.length));
		this.snapshots.insertChunk(id, 0, Arrays.copyOf(content, JdbcSnapshotRepository.CHUNK_SIZE));
		ByteArrayOutputStream output = new ByteArrayOutputStream();

		this.snapshots.copyContent(this.snapshots.findById(this.project, id).orElseThrow(), output);

		assertThat(output.toByteArray()).isEqualTo(content);
	}

	@Test
	void copyContentWhenAChunkIsMissingThenIOException() {
		long id = this.snapshots.insert(this.project, "1.0", null, JdbcSnapshotRepository.CHUNK_SIZE + 1, SHA, NOW,
				new Uploader(this.uploader, null));
		this.snapshots.insertChunk(id, 0, new byte[JdbcSnapshotRepository.CHUNK_SIZE]);
		Snapshot snapshot = this.snapshots.findById(this.project, id).orElseThrow();

		assertThatIOException().isThrownBy(() -> this.snapshots.copyContent(snapshot, new ByteArrayOutputStream()))
			.withMessageContaining("lost chunk 1");
	}

}
