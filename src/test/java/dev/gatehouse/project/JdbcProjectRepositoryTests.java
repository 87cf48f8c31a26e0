package dev.gatehouse.project;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import dev.gatehouse.RepositorySliceSupport;
import dev.gatehouse.identity.Caller;
import dev.gatehouse.identity.Permission;
import dev.gatehouse.query.CollectionPage;
import dev.gatehouse.query.CollectionParameters;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataIntegrityViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Projects and their members: administrators see every project, everyone else the
 * projects they are a member of; keys are unique regardless of case; a member's
 * permissions come from the membership's role or else their default role.
 */
@Import(JdbcProjectRepository.class)
class JdbcProjectRepositoryTests extends RepositorySliceSupport {

	private static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");

	@Autowired
	private JdbcProjectRepository projects;

	@Test
	void insertWhenReadByIdOrKeyThenVisibleToAnAdministratorAndMembersOnly() {
		String key = unique("P");
		long id = this.projects.insert(key, "Apollo", NOW);
		Caller member = newCaller(false);
		Caller stranger = newCaller(false);
		this.projects.addMember(id, member.userId(), null);

		assertThat(this.projects.findVisible(newCaller(true), id))
			.hasValueSatisfying((project) -> assertThat(project).isEqualTo(new Project(id, key, "Apollo", NOW, NOW)));
		assertThat(this.projects.findVisibleByKey(member, key.toLowerCase(Locale.ROOT))).isPresent();
		assertThat(this.projects.findVisible(stranger, id)).isEmpty();
		assertThat(this.projects.findVisibleByKey(stranger, key)).isEmpty();
	}

	@Test
	void insertWhenKeyTakenInAnotherCaseThenRefusedByTheDatabase() {
		String key = unique("P");
		long id = this.projects.insert(key, "Apollo", NOW);

		assertThat(this.projects.keyTaken(key.toLowerCase(Locale.ROOT), 0)).isTrue();
		assertThat(this.projects.keyTaken(key, id)).isFalse();
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.projects.insert(key.toLowerCase(Locale.ROOT), "Copy", NOW));
	}

	@Test
	void findVisibleWhenMemberOfSomeThenOnlyThoseFilteredSortedAndPaged() {
		String base = unique("Q");
		long alpha = this.projects.insert(base + "A", "Alpha", NOW);
		long beta = this.projects.insert(base + "B", "beta", NOW);
		long gamma = this.projects.insert(base + "C", "Gamma", NOW);
		Caller member = newCaller(false);
		this.projects.addMember(alpha, member.userId(), null);
		this.projects.addMember(gamma, member.userId(), null);
		String where = "Key contains '" + base + "'";

		CollectionPage<Project> first = this.projects.findVisible(member,
				new CollectionParameters(1, 0, where, List.of(), List.of("Name")));
		CollectionPage<Project> all = this.projects.findVisible(newCaller(true),
				new CollectionParameters(25, 0, where, List.of("Name"), List.of()));

		assertThat(first.items()).extracting(Project::id).containsExactly(gamma);
		assertThat(first.hasMore()).isTrue();
		// Text sorts regardless of case.
		assertThat(all.items()).extracting(Project::id).containsExactly(alpha, beta, gamma);
	}

	@Test
	void updateWhenKeyAndNameChangedThenFoundByTheNewKeyOnly() {
		String key = unique("P");
		long id = this.projects.insert(key, "Apollo", NOW);
		String renamed = unique("R");

		this.projects.update(id, renamed, "Artemis", NOW.plusSeconds(60));

		Caller admin = newCaller(true);
		assertThat(this.projects.findVisibleByKey(admin, key)).isEmpty();
		assertThat(this.projects.findVisibleByKey(admin, renamed)).hasValueSatisfying((project) -> {
			assertThat(project.name()).isEqualTo("Artemis");
			assertThat(project.createDate()).isEqualTo(NOW);
			assertThat(project.modifyDate()).isEqualTo(NOW.plusSeconds(60));
		});
	}

	@Test
	void memberPermissionsWhenRoleChangedThenTheMembershipRoleOverridesTheDefault() {
		long id = this.projects.insert(unique("P"), "Apollo", NOW);
		Caller member = newCaller(false);
		long projectAdministrator = this.jdbc.sql("select id from roles where name_key = 'project administrator'")
			.query(Long.class)
			.single();

		this.projects.addMember(id, member.userId(), null);
		// The fixture's default role is Developer.
		assertThat(this.projects.memberPermissions(id, member.userId()))
			.containsExactlyInAnyOrder(Permission.ACCESS_TOKENS, Permission.EDIT_USER_STORIES);

		this.projects.changeMemberRole(id, member.userId(), projectAdministrator);
		assertThat(this.projects.memberPermissions(id, member.userId())).contains(Permission.ADMINISTER_PROJECT);
		assertThat(this.projects.members(List.of(id))).singleElement().satisfies((row) -> {
			assertThat(row.userName()).isEqualTo(member.login());
			assertThat(row.roleName()).isEqualTo("Project Administrator");
		});
	}

	@Test
	void removeMemberWhenMemberThenNoLongerMemberAndNoPermissions() {
		long id = this.projects.insert(unique("P"), "Apollo", NOW);
		Caller member = newCaller(false);
		this.projects.addMember(id, member.userId(), null);

		assertThat(this.projects.isMember(id, member.userId())).isTrue();
		assertThat(this.projects.removeMember(id, member.userId())).isEqualTo(1);
		assertThat(this.projects.isMember(id, member.userId())).isFalse();
		assertThat(this.projects.memberPermissions(id, member.userId())).isEmpty();
		assertThat(this.projects.missesAnyProject(member.userId())).isTrue();
	}

	@Test
	void deleteWhenProjectHasMembersThenProjectAndMembershipsGone() {
		long id = this.projects.insert(unique("P"), "Apollo", NOW);
		Caller member = newCaller(false);
		this.projects.addMember(id, member.userId(), null);

		this.projects.delete(id);

		assertThat(this.projects.findVisible(newCaller(true), id)).isEmpty();
		assertThat(this.projects.members(List.of(id))).isEmpty();
	}

	private Caller newCaller(boolean administrator) {
		String login = unique("user");
		return caller(user(login, administrator), login, administrator);
	}

}
