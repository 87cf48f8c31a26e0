package dev.gatehouse.pairing;

import java.time.Instant;
import java.util.Set;

import dev.gatehouse.RepositorySliceSupport;
import dev.gatehouse.pairing.DeviceAuthorization.Status;
import dev.gatehouse.token.Scope;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Pairing requests: found by either code, answered once and only while live, polled with
 * one recorded poll at a time, collected once; paired apps listed per owner.
 */
@Import(JdbcDeviceAuthorizationRepository.class)
class JdbcDeviceAuthorizationRepositoryTests extends RepositorySliceSupport {

	private static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");

	private static final Instant EXPIRY = NOW.plusSeconds(600);

	@Autowired
	private JdbcDeviceAuthorizationRepository authorizations;

	@Test
	void insertWhenReadBackByEitherCodeThenEveryColumnKept() {
		long id = insert("BCDFGHJK", "hash-1");

		assertThat(this.authorizations.findByUserCode("BCDFGHJK")).hasValueSatisfying((request) -> {
			assertThat(request.id()).isEqualTo(id);
			assertThat(request.clientId()).isEqualTo("timer.py");
			assertThat(request.deviceName()).isEqualTo("laptop");
			assertThat(request.scopes()).containsExactlyInAnyOrder(Scope.TIME_READ, Scope.TIME_WRITE);
			assertThat(request.status()).isEqualTo(Status.PENDING);
			assertThat(request.interval()).isEqualTo(5);
			assertThat(request.lastPoll()).isNull();
			assertThat(request.expiryDate()).isEqualTo(EXPIRY);
		});
		assertThat(this.authorizations.findByDeviceCodeHash("hash-1")).map(DeviceAuthorization::id).hasValue(id);
		assertThat(this.authorizations.findByDeviceCodeHash("hash-2")).isEmpty();
	}

	@Test
	void insertWhenTheUserCodeIsTakenThenRefused() {
		insert("BCDFGHJK", "hash-1");

		assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> insert("BCDFGHJK", "hash-2"));
	}

	@Test
	void decideWhenAnsweredOrExpiredThenNotAgain() {
		long user = user(unique("pair"), false);
		long first = insert("BCDFGHJK", "hash-1");
		long second = insert("BCDFGHJL", "hash-2");

		assertThat(this.authorizations.decide(first, Status.APPROVED, user, NOW)).isTrue();
		assertThat(this.authorizations.decide(first, Status.DENIED, user, NOW)).isFalse();
		assertThat(this.authorizations.decide(second, Status.APPROVED, user, EXPIRY)).isFalse();
		assertThat(this.authorizations.findByUserCode("BCDFGHJK").orElseThrow().userId()).isEqualTo(user);
	}

	@Test
	void recordPollWhenAnotherPollWasRecordedMeanwhileThenNotRecorded() {
		long id = insert("BCDFGHJK", "hash-1");

		assertThat(this.authorizations.recordPoll(id, null, NOW, 5)).isTrue();
		assertThat(this.authorizations.recordPoll(id, null, NOW.plusSeconds(1), 5)).isFalse();
		assertThat(this.authorizations.recordPoll(id, NOW, NOW.plusSeconds(6), 10)).isTrue();
		DeviceAuthorization polled = this.authorizations.findByUserCode("BCDFGHJK").orElseThrow();
		assertThat(polled.lastPoll()).isEqualTo(NOW.plusSeconds(6));
		assertThat(polled.interval()).isEqualTo(10);
	}

	@Test
	void collectWhenApprovedThenOnceAndThePairedAppListedForItsOwner() {
		long user = user(unique("pair"), false);
		long id = insert("BCDFGHJK", "hash-1");
		assertThat(this.authorizations.collect(id)).as("not approved yet").isFalse();
		this.authorizations.decide(id, Status.APPROVED, user, NOW);

		assertThat(this.authorizations.collect(id)).isTrue();
		assertThat(this.authorizations.collect(id)).isFalse();
		long token = token(user);
		this.authorizations.recordToken(id, token, "timer.py", "laptop", NOW);
		assertThat(this.authorizations.pairedApps(user)).containsEntry(token, "timer.py on laptop").hasSize(1);
		assertThat(this.authorizations.pairedApps(user(unique("other"), false))).isEmpty();
	}

	@Test
	void deleteExpiredWhenPastThenForgottenAndNoLongerCountedLive() {
		insert("BCDFGHJK", "hash-1");
		assertThat(this.authorizations.countLive(NOW)).isGreaterThanOrEqualTo(1);

		assertThat(this.authorizations.deleteExpiredBefore(EXPIRY.plusSeconds(1))).isGreaterThanOrEqualTo(1);

		assertThat(this.authorizations.findByUserCode("BCDFGHJK")).isEmpty();
	}

	private long insert(String userCode, String hash) {
		return this.authorizations.insert(hash, userCode, "timer.py", "laptop",
				Set.of(Scope.TIME_WRITE, Scope.TIME_READ), 5, NOW, EXPIRY);
	}

	private long token(long userId) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into personal_access_tokens (user_id, name, token_hash, last_four, scopes, create_date)
				values (:userId, 'paired', :hash, 'abcd', 'time:read', current_timestamp)
				""").param("userId", userId).param("hash", unique("hash")).update(keys, "id");
		return keys.getKeyAs(Long.class);
	}

}
