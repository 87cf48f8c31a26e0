package dev.gatehouse.user;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.gatehouse.RepositorySliceSupport;
import dev.gatehouse.identity.Permission;
import dev.gatehouse.identity.Role;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataIntegrityViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Roles with their permissions: names unique regardless of case, permissions replaced as
 * a whole on update, the built-in roles of the migrations, and whether a user holds a
 * role.
 */
@Import(JdbcRoleRepository.class)
class JdbcRoleRepositoryTests extends RepositorySliceSupport {

	private static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");

	@Autowired
	private JdbcRoleRepository roles;

	@Test
	void insertWhenReadByIdOrNameThenWithItsPermissions() {
		String name = unique("Tester");
		long id = this.roles.insert(name, Set.of(Permission.ACCESS_TOKENS, Permission.EDIT_USER_STORIES), NOW);

		Role expected = new Role(id, name, false, Set.of(Permission.ACCESS_TOKENS, Permission.EDIT_USER_STORIES), NOW,
				NOW);
		assertThat(this.roles.findById(id)).contains(expected);
		assertThat(this.roles.findByName(name.toUpperCase(Locale.ROOT))).contains(expected);
	}

	@Test
	void insertWhenNameTakenInAnotherCaseThenRefusedByTheDatabase() {
		String name = unique("Tester");
		long id = this.roles.insert(name, Set.of(), NOW);

		assertThat(this.roles.nameTaken(name.toLowerCase(Locale.ROOT), 0)).isTrue();
		assertThat(this.roles.nameTaken(name, id)).isFalse();
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.roles.insert(name.toUpperCase(Locale.ROOT), Set.of(), NOW));
	}

	@Test
	void updateWhenPermissionsChangedThenReplacedAsAWhole() {
		long id = this.roles.insert(unique("Tester"), Set.of(Permission.ACCESS_TOKENS), NOW);
		String renamed = unique("Lead");

		this.roles.update(id, renamed, Set.of(Permission.ADMINISTER_PROJECT), NOW.plusSeconds(60));

		assertThat(this.roles.findById(id)).hasValueSatisfying((role) -> {
			assertThat(role.name()).isEqualTo(renamed);
			assertThat(role.permissions()).containsExactly(Permission.ADMINISTER_PROJECT);
			assertThat(role.modifyDate()).isEqualTo(NOW.plusSeconds(60));
		});
	}

	@Test
	void findAllWhenMigratedThenTheBuiltInRolesWithTheirPermissions() {
		assertThat(this.roles.findAll()).filteredOn(Role::builtIn)
			.extracting(Role::name)
			.containsSubsequence("Developer", "Observer", "Project Administrator");
		assertThat(this.roles.findByName("Observer"))
			.hasValueSatisfying((role) -> assertThat(role.permissions()).containsExactly(Permission.ACCESS_TOKENS));
	}

	@Test
	void findWhenFilteredThenOnlyMatchingRolesWithPermissions() {
		String base = unique("Role");
		long first = this.roles.insert(base + "a", Set.of(Permission.ACCESS_TOKENS), NOW);
		this.roles.insert(base + "b", Set.of(), NOW);

		var page = this.roles.find(new dev.gatehouse.query.CollectionParameters(1, 0, "Name contains '" + base + "'",
				List.of("Name"), List.of()));

		assertThat(page.items()).singleElement().satisfies((role) -> {
			assertThat(role.id()).isEqualTo(first);
			assertThat(role.permissions()).containsExactly(Permission.ACCESS_TOKENS);
		});
		assertThat(page.hasMore()).isTrue();
	}

	@Test
	void inUseWhenAUserHoldsTheRoleThenTrueAndDeleteRemovesAnUnusedOne() {
		long used = this.roles.insert(unique("Used"), Set.of(Permission.ACCESS_TOKENS), NOW);
		long unused = this.roles.insert(unique("Unused"), Set.of(Permission.ACCESS_TOKENS), NOW);
		long holder = user(unique("holder"), false);
		this.jdbc.sql("update users set role_id = :role where id = :id")
			.param("role", used)
			.param("id", holder)
			.update();

		assertThat(this.roles.inUse(used)).isTrue();
		assertThat(this.roles.inUse(unused)).isFalse();

		this.roles.delete(unused);
		assertThat(this.roles.findById(unused)).isEmpty();
	}

}
