package dev.gatehouse.user;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import dev.gatehouse.RepositorySliceSupport;
import dev.gatehouse.identity.User;
import dev.gatehouse.identity.UserKind;
import dev.gatehouse.query.CollectionPage;
import dev.gatehouse.query.CollectionParameters;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataIntegrityViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Users: logins unique regardless of case, a deleted user's row kept but invisible with
 * the login freed and memberships gone, the built-in System user found as such.
 */
@Import(JdbcUserRepository.class)
class JdbcUserRepositoryTests extends RepositorySliceSupport {

	private static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");

	@Autowired
	private JdbcUserRepository users;

	@Test
	void insertWhenReadByIdOrLoginThenEveryColumnKept() {
		String login = unique("Ann");
		long id = this.users.insert(newUser(login, true), NOW);

		User stored = this.users.findByLogin(login.toLowerCase(Locale.ROOT)).orElseThrow();

		assertThat(stored).usingRecursiveComparison().ignoringFields("id", "roleName").isEqualTo(newUser(login, true));
		assertThat(stored.id()).isEqualTo(id);
		assertThat(stored.roleName()).isEqualTo("Developer");
		assertThat(this.users.findById(id)).contains(stored);
	}

	@Test
	void insertWhenLoginTakenInAnotherCaseThenRefusedByTheDatabase() {
		String login = unique("Bob");
		long id = this.users.insert(newUser(login, false), NOW);

		assertThat(this.users.loginTaken(login.toUpperCase(Locale.ROOT), 0)).isTrue();
		assertThat(this.users.loginTaken(login, id)).isFalse();
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.users.insert(newUser(login.toUpperCase(Locale.ROOT), false), NOW));
	}

	@Test
	void markDeletedWhenUserHadMembershipsThenInvisibleLoginFreedAndMembershipsGone() {
		String login = unique("Cat");
		long id = this.users.insert(newUser(login, false), NOW);
		member(project(unique("P")), id);

		this.users.markDeleted(id, NOW.plusSeconds(60));

		assertThat(this.users.findById(id)).isEmpty();
		assertThat(this.users.findByLogin(login)).isEmpty();
		assertThat(this.users.loginTaken(login, 0)).isFalse();
		assertThat(this.jdbc.sql("select count(*) from project_members where user_id = :id")
			.param("id", id)
			.query(Long.class)
			.single()).isZero();
		// The row stays for what refers to it, with its credentials invalidated.
		assertThat(this.jdbc.sql("select credential_version from users where id = :id")
			.param("id", id)
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	@Test
	void updateWhenChangedThenReadBackWithTheNewValues() {
		long id = this.users.insert(newUser(unique("Dan"), false), NOW);
		String renamed = unique("Dana");
		User changed = new User(id, renamed, "Dana", "Scully", "dana@example.com", "{noop}new", UserKind.Requester,
				false, false, false, developerRole(), null, "de", 3, NOW, NOW, null);

		this.users.update(changed, NOW.plusSeconds(60));
		this.users.recordLogin(id, NOW.plusSeconds(120));

		assertThat(this.users.findById(id)).hasValueSatisfying((user) -> {
			assertThat(user.login()).isEqualTo(renamed);
			assertThat(user.displayName()).isEqualTo("Dana Scully");
			assertThat(user.kind()).isEqualTo(UserKind.Requester);
			assertThat(user.active()).isFalse();
			assertThat(user.credentialVersion()).isEqualTo(3);
			assertThat(user.modifyDate()).isEqualTo(NOW.plusSeconds(60));
			assertThat(user.lastLoginDate()).isEqualTo(NOW.plusSeconds(120));
		});
	}

	@Test
	void findWhenFilteredAndSortedThenThatPage() {
		String base = unique("eve");
		long first = this.users.insert(newUser(base + "a", false), NOW);
		long second = this.users.insert(newUser(base + "b", true), NOW);

		CollectionPage<User> page = this.users
			.find(new CollectionParameters(1, 0, "Login contains '" + base + "'", List.of(), List.of("Login")));
		CollectionPage<User> administrators = this.users.find(new CollectionParameters(25, 0,
				"Login contains '" + base + "' and IsAdministrator eq true", List.of(), List.of()));

		assertThat(page.items()).extracting(User::id).containsExactly(second);
		assertThat(page.hasMore()).isTrue();
		assertThat(administrators.items()).extracting(User::id).containsExactly(second);
		assertThat(first).isNotEqualTo(second);
	}

	@Test
	void findSystemUserWhenMigratedThenTheBuiltInAdministrator() {
		assertThat(this.users.findSystemUser()).hasValueSatisfying((system) -> {
			assertThat(system.login()).isEqualTo(User.SYSTEM_LOGIN);
			assertThat(system.isSystem()).isTrue();
			assertThat(system.administrator()).isTrue();
		});
	}

	@Test
	void lockAndCountAdministratorsWhenAnotherIsAddedThenCountedButNotSystem() {
		int before = this.users.lockAndCountAdministrators();

		this.users.insert(newUser(unique("Fay"), true), NOW);
		this.users.insert(newUser(unique("Gus"), false), NOW);

		assertThat(this.users.lockAndCountAdministrators()).isEqualTo(before + 1);
	}

	private User newUser(String login, boolean administrator) {
		return new User(0, login, "", "", login + "@example.com", "{noop}secret", UserKind.User, true, administrator,
				false, developerRole(), null, "en", 0, NOW, NOW, null);
	}

	private long developerRole() {
		return this.jdbc.sql("select id from roles where name_key = 'developer'").query(Long.class).single();
	}

}
