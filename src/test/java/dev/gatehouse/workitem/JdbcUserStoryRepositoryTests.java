package dev.gatehouse.workitem;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import dev.gatehouse.RepositorySliceSupport;
import dev.gatehouse.identity.Caller;
import dev.gatehouse.query.CollectionPage;
import dev.gatehouse.query.CollectionParameters;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * User stories, always read through the caller's project visibility: members and
 * administrators see a project's stories, nobody else does; a story's deletion can ask
 * whether time or a budget hangs on it.
 */
@Import(JdbcUserStoryRepository.class)
class JdbcUserStoryRepositoryTests extends RepositorySliceSupport {

	private static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");

	@Autowired
	private JdbcUserStoryRepository stories;

	private Caller member;

	private long project;

	@BeforeEach
	void project() {
		this.member = newCaller(false);
		this.project = project(unique("WI"));
		member(this.project, this.member.userId());
	}

	@Test
	void insertWhenReadByAMemberThenEveryColumnKept() {
		this.jdbc.sql("update users set first_name = 'Ann', last_name = 'Lee' where id = :id")
			.param("id", this.member.userId())
			.update();
		long id = this.stories.insert(newStory(0, "Checkout", this.member.userId()), NOW);

		assertThat(this.stories.findVisible(this.member, id)).hasValueSatisfying((story) -> {
			assertThat(story.projectId()).isEqualTo(this.project);
			assertThat(story.name()).isEqualTo("Checkout");
			assertThat(story.description()).isEqualTo("card payments");
			assertThat(story.state()).isEqualTo("Open");
			assertThat(story.effort()).isEqualByComparingTo("5.5");
			assertThat(story.ownerId()).isEqualTo(this.member.userId());
			assertThat(story.ownerName()).isEqualTo("Ann Lee");
			assertThat(story.createDate()).isEqualTo(NOW);
		});
	}

	@Test
	void findVisibleWhenCallerIsNoMemberThenOnlyAnAdministratorSeesTheStory() {
		long id = this.stories.insert(newStory(0, "Checkout", null), NOW);

		assertThat(this.stories.findVisible(newCaller(false), id)).isEmpty();
		assertThat(this.stories.findVisible(newCaller(true), id))
			.hasValueSatisfying((story) -> assertThat(story.ownerName()).isNull());
	}

	@Test
	void findVisibleWhenFilteredAndSortedThenThatPageOfVisibleStories() {
		long checkout = this.stories.insert(newStory(0, "checkout", null), NOW);
		long billing = this.stories.insert(newStory(0, "Billing", null), NOW);
		long search = this.stories.insert(newStory(0, "Search", null), NOW);
		this.stories.insert(new UserStory(0, project(unique("WI")), null, "Hidden", null, "Open", BigDecimal.ONE, null,
				null, null, null), NOW);
		String where = "Project.Id eq " + this.project;

		CollectionPage<UserStory> first = this.stories.findVisible(this.member,
				new CollectionParameters(2, 0, where, List.of("Name"), List.of()));
		CollectionPage<UserStory> all = this.stories.findVisible(this.member,
				new CollectionParameters(25, 0, null, List.of(), List.of()));

		assertThat(first.items()).extracting(UserStory::id).containsExactly(billing, checkout);
		assertThat(first.hasMore()).isTrue();
		assertThat(all.items()).extracting(UserStory::id).containsExactly(checkout, billing, search);
	}

	@Test
	void updateWhenMovedToAnotherProjectThenVisibleThroughThatProjectOnly() {
		long id = this.stories.insert(newStory(0, "Checkout", null), NOW);
		long other = project(unique("WI"));

		this.stories.update(
				new UserStory(id, other, null, "Checkout v2", null, "Done", BigDecimal.TEN, null, null, null, null),
				NOW.plusSeconds(60));

		assertThat(this.stories.findVisible(this.member, id)).isEmpty();
		assertThat(this.stories.findVisible(newCaller(true), id)).hasValueSatisfying((story) -> {
			assertThat(story.name()).isEqualTo("Checkout v2");
			assertThat(story.state()).isEqualTo("Done");
			assertThat(story.description()).isNull();
			assertThat(story.modifyDate()).isEqualTo(NOW.plusSeconds(60));
		});
	}

	@Test
	void hasTimeOrBudgetWhenTimeOrBudgetThenTrueAndDeleteRemovesAFreeStory() {
		long withTime = this.stories.insert(newStory(0, "Timed", null), NOW);
		long withBudget = this.stories.insert(newStory(0, "Budgeted", null), NOW);
		long free = this.stories.insert(newStory(0, "Free", null), NOW);
		time(this.member.userId(), withTime, LocalDate.of(2026, 3, 2), "1");
		this.jdbc
			.sql("insert into budgets (project_id, user_story_id, scope_key, hours, create_date, modify_date)"
					+ " values (:project, :story, :story, 8, current_timestamp, current_timestamp)")
			.param("project", this.project)
			.param("story", withBudget)
			.update();

		assertThat(this.stories.hasTimeOrBudget(withTime)).isTrue();
		assertThat(this.stories.hasTimeOrBudget(withBudget)).isTrue();
		assertThat(this.stories.hasTimeOrBudget(free)).isFalse();

		this.stories.delete(free);
		assertThat(this.stories.findVisible(this.member, free)).isEmpty();
	}

	private UserStory newStory(long id, String name, Long ownerId) {
		return new UserStory(id, this.project, null, name, "card payments", "Open", new BigDecimal("5.5"), ownerId,
				null, null, null);
	}

	private Caller newCaller(boolean administrator) {
		String login = unique("user");
		return caller(user(login, administrator), login, administrator);
	}

}
