package dev.gatehouse.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import dev.gatehouse.RepositorySliceSupport;
import dev.gatehouse.query.CollectionPage;
import dev.gatehouse.query.CollectionParameters;
import dev.gatehouse.token.JdbcPersonalAccessTokenRepository.PendingUse;
import dev.gatehouse.token.PersonalAccessToken.TokenUse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataIntegrityViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Personal access tokens by hash: stored with their scopes and expiry, found by hash or
 * id while their owner exists, listed per owner, their last use written only forward; a
 * hash is unique.
 */
@Import(JdbcPersonalAccessTokenRepository.class)
class JdbcPersonalAccessTokenRepositoryTests extends RepositorySliceSupport {

	private static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");

	private static final LocalDate EXPIRY = LocalDate.of(2026, 12, 31);

	@Autowired
	private JdbcPersonalAccessTokenRepository tokens;

	private long owner;

	private String login;

	@BeforeEach
	void owner() {
		this.login = unique("owner");
		this.owner = user(this.login, false);
	}

	@Test
	void insertWhenFoundByHashOrIdThenEveryColumnKept() {
		String hash = hash(unique("value"));
		long id = this.tokens.insert(this.owner, "CI", hash, "x7Qa", "profile:read work_items:read", NOW, EXPIRY);

		PersonalAccessToken expected = new PersonalAccessToken(id, this.owner, this.login, "CI", "x7Qa",
				Set.of(Scope.PROFILE_READ, Scope.WORK_ITEMS_READ), NOW, EXPIRY, null);
		assertThat(this.tokens.findByValueHash(hash).map(PresentedValue::token)).contains(expected);
		assertThat(this.tokens.findById(id)).contains(expected);
	}

	@Test
	void findByHashWhenTokenRevokedThenEmpty() {
		String hash = hash(unique("value"));
		long id = this.tokens.insert(this.owner, "CI", hash, "x7Qa", "admin", NOW, null);

		assertThat(this.tokens.delete(id)).isEqualTo(1);

		assertThat(this.tokens.findByValueHash(hash).map(PresentedValue::token)).isEmpty();
		assertThat(this.tokens.delete(id)).isZero();
	}

	@Test
	void findByHashWhenOwnerDeletedThenEmpty() {
		String hash = hash(unique("value"));
		this.tokens.insert(this.owner, "CI", hash, "x7Qa", "admin", NOW, null);

		this.jdbc.sql("update users set delete_date = current_timestamp, login_key = null where id = :id")
			.param("id", this.owner)
			.update();

		assertThat(this.tokens.findByValueHash(hash).map(PresentedValue::token)).isEmpty();
	}

	@Test
	void insertWhenHashAlreadyStoredThenRefusedByTheDatabase() {
		String hash = hash(unique("value"));
		this.tokens.insert(this.owner, "CI", hash, "x7Qa", "admin", NOW, null);

		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.tokens.insert(this.owner, "Copy", hash, "x7Qa", "admin", NOW, null));
	}

	@Test
	void findWhenOwnerGivenThenOnlyTheirTokensFilteredAndPaged() {
		long first = this.tokens.insert(this.owner, "alpha", hash(unique("a")), "aaaa", "admin", NOW, null);
		long second = this.tokens.insert(this.owner, "beta", hash(unique("b")), "bbbb", "admin", NOW, null);
		long other = user(unique("other"), false);
		this.tokens.insert(other, "alpha", hash(unique("c")), "cccc", "admin", NOW, null);

		CollectionPage<PersonalAccessToken> page = this.tokens.find(this.owner,
				new CollectionParameters(1, 0, null, List.of(), List.of()));
		CollectionPage<PersonalAccessToken> byLogin = this.tokens.find(null,
				new CollectionParameters(25, 0, "User.Login eq '" + this.login + "'", List.of(), List.of("Name")));

		assertThat(page.items()).extracting(PersonalAccessToken::id).containsExactly(first);
		assertThat(page.hasMore()).isTrue();
		assertThat(byLogin.items()).extracting(PersonalAccessToken::id).containsExactly(second, first);
		assertThat(this.tokens.idsOfUser(this.owner)).containsExactlyInAnyOrder(first, second);
	}

	@Test
	void recordUsesWhenAnOlderUseArrivesAfterANewerOneThenTheNewerStays() {
		long id = this.tokens.insert(this.owner, "CI", hash(unique("value")), "x7Qa", "admin", NOW, null);
		TokenUse newer = new TokenUse(NOW.plusSeconds(120), "192.0.2.2", "curl/8");
		TokenUse older = new TokenUse(NOW.plusSeconds(60), "192.0.2.1", "curl/7");

		this.tokens.recordUses(List.of(new PendingUse(id, newer)));
		this.tokens.recordUses(List.of(new PendingUse(id, older)));

		assertThat(this.tokens.findById(id))
			.hasValueSatisfying((token) -> assertThat(token.lastUsed()).isEqualTo(newer));
	}

	@Test
	void hashesWhenReadSinceAnInstantOrAllThenTheStoredHashes() {
		String before = hash(unique("before"));
		String after = hash(unique("after"));
		this.tokens.insert(this.owner, "old", before, "aaaa", "admin", NOW.minusSeconds(1), null);
		this.tokens.insert(this.owner, "new", after, "bbbb", "admin", NOW, null);
		List<String> all = new ArrayList<>();

		this.tokens.forEachHash(all::add);

		assertThat(this.tokens.hashesCreatedSince(NOW)).contains(after).doesNotContain(before);
		assertThat(all).contains(before, after);
		assertThat(this.tokens.deleteAllOfUser(this.owner)).isEqualTo(2);
		assertThat(this.tokens.idsOfUser(this.owner)).isEmpty();
	}

	@Test
	void replaceValueWhenRotatedThenBothValuesFindTheTokenUntilTheOldIsRetired() {
		String first = hash(unique("first"));
		String second = hash(unique("second"));
		long id = this.tokens.insert(this.owner, "CI", first, "aaaa", "admin", NOW, EXPIRY);
		Instant rotated = NOW.plusSeconds(60);
		Instant overlapEnd = rotated.plusSeconds(3600);

		assertThat(this.tokens.lock(id)).isTrue();
		this.tokens.replaceValue(id, second, "bbbb", rotated, overlapEnd, EXPIRY.plusDays(1));

		PresentedValue<PersonalAccessToken> current = this.tokens.findByValueHash(second).orElseThrow();
		PresentedValue<PersonalAccessToken> replaced = this.tokens.findByValueHash(first).orElseThrow();
		assertThat(current.replaced()).isFalse();
		assertThat(current.token().lastFour()).isEqualTo("bbbb");
		assertThat(current.token().rotatedDate()).isEqualTo(rotated);
		assertThat(current.token().overlapEnd()).isEqualTo(overlapEnd);
		assertThat(current.token().expirationDate()).isEqualTo(EXPIRY.plusDays(1));
		assertThat(current.token().createDate()).isEqualTo(NOW);
		assertThat(replaced.token().id()).isEqualTo(id);
		assertThat(replaced.retireDate()).isEqualTo(overlapEnd);
		assertThat(replaced.retiredAt(overlapEnd.minusSeconds(1))).isFalse();
		assertThat(this.tokens.hashesCreatedSince(rotated)).contains(second);
		List<String> all = new ArrayList<>();
		this.tokens.forEachHash(all::add);
		assertThat(all).contains(first, second);

		Instant firstUse = rotated.plusSeconds(5);
		assertThat(this.tokens.retireReplacedValues(id, first, firstUse)).as("not by a value no longer current")
			.isZero();
		assertThat(this.tokens.retireReplacedValues(id, second, firstUse)).isEqualTo(1);
		assertThat(this.tokens.retireReplacedValues(id, second, firstUse)).as("once").isZero();
		assertThat(this.tokens.findByValueHash(first).orElseThrow().retiredAt(firstUse)).isTrue();
		assertThat(this.tokens.deleteValuesRetiredBefore(firstUse)).isZero();

		assertThat(this.tokens.delete(id)).isEqualTo(1);
		assertThat(this.tokens.findByValueHash(first)).as("replaced values go with the token").isEmpty();
		assertThat(this.tokens.lock(id)).isFalse();
	}

	static String hash(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
