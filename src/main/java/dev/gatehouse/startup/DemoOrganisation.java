package dev.gatehouse.startup;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

import dev.gatehouse.identity.Caller;
import dev.gatehouse.identity.Role;
import dev.gatehouse.identity.User;
import dev.gatehouse.identity.UserKind;
import dev.gatehouse.project.Project;
import dev.gatehouse.project.ProjectService;
import dev.gatehouse.query.CollectionParameters;
import dev.gatehouse.snapshot.SnapshotService;
import dev.gatehouse.snapshot.SnapshotSpool;
import dev.gatehouse.snapshot.Uploader;
import dev.gatehouse.token.ProjectAccessTokenService;
import dev.gatehouse.user.RoleService;
import dev.gatehouse.user.UserChanges;
import dev.gatehouse.user.UserService;
import dev.gatehouse.workitem.UserStoryChanges;
import dev.gatehouse.workitem.UserStoryService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code GATEHOUSE_DEMO=true} loads a small organisation so that every page shows
 * something real (SPEC §9.2): two projects, a member of both, a member restricted to one,
 * an observer and a requester, and stories. Loaded once, into a database without
 * projects.
 */
@Component
@Order(2)
class DemoOrganisation implements ApplicationRunner {

	/**
	 * Shared by the demo users; the demo is for trying Gatehouse out, not for real data.
	 */
	static final String DEMO_PASSWORD = "gatehouse-demo";

	private static final Logger logger = LoggerFactory.getLogger(DemoOrganisation.class);

	private final boolean enabled;

	private final UserService users;

	private final RoleService roles;

	private final ProjectService projects;

	private final UserStoryService stories;

	private final ProjectAccessTokenService projectTokens;

	private final SnapshotService snapshots;

	private final Clock clock;

	DemoOrganisation(@Value("${gatehouse.demo:false}") boolean enabled, UserService users, RoleService roles,
			ProjectService projects, UserStoryService stories, ProjectAccessTokenService projectTokens,
			SnapshotService snapshots, Clock clock) {
		this.enabled = enabled;
		this.users = users;
		this.roles = roles;
		this.projects = projects;
		this.stories = stories;
		this.projectTokens = projectTokens;
		this.snapshots = snapshots;
		this.clock = clock;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		if (!this.enabled) {
			return;
		}
		Caller admin = this.users.findByLogin("admin").map((user) -> Caller.of(user, true)).orElse(null);
		if (admin == null || !this.projects.list(admin, CollectionParameters.firstPage()).items().isEmpty()) {
			logger.info("Demo organisation not loaded: the database already holds projects");
			return;
		}
		Role observer = role("Observer");
		Role projectAdministrator = role("Project Administrator");
		User ann = user(admin, "ann", "Ann", "Archer", UserKind.User, null);
		User bob = user(admin, "bob", "Bob", "Baker", UserKind.User, null);
		User olga = user(admin, "olga", "Olga", "Owens", UserKind.User, observer.id());
		user(admin, "rita", "Rita", "Reyes", UserKind.Requester, null);

		Project apollo = this.projects.create(admin, "APOLLO", "Apollo web shop");
		Project zeus = this.projects.create(admin, "ZEUS", "Zeus billing");
		this.projects.addMember(admin, "APOLLO", ann.id(), projectAdministrator.id());
		this.projects.addMember(admin, "ZEUS", ann.id(), null);
		this.projects.addMember(admin, "APOLLO", bob.id(), null);
		this.projects.addMember(admin, "APOLLO", olga.id(), null);

		story(admin, apollo, "Checkout with saved cards", "In Progress", "8", ann);
		story(admin, apollo, "Search suggestions", "Open", "5", bob);
		story(admin, apollo, "Order history export", "Open", "3", null);
		story(admin, apollo, "Accessible product gallery", "Done", "5", bob);
		story(admin, zeus, "Monthly invoice run", "In Progress", "13", ann);
		story(admin, zeus, "VAT rules for the EU", "Open", "8", ann);
		story(admin, zeus, "Dunning letters", "Open", "5", null);

		// Project access tokens of APOLLO, created by its project administrator (as if
		// signed in); their values are thrown away, as nobody kept them.
		Caller annCaller = Caller.of(ann, true);
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		this.projectTokens.create(annCaller, "APOLLO", "CI main branch", today.plusDays(90));
		this.projectTokens.create(annCaller, "APOLLO", "Nightly analysis", today.plusDays(30));
		this.projectTokens.create(annCaller, "APOLLO", "Release pipeline", today.plusDays(180));
		snapshot(annCaller, "1.4.0", "{\"issues\": 12, \"coverage\": 0.81}");
		snapshot(annCaller, "1.5.0-rc1", "{\"issues\": 7, \"coverage\": 0.84}");
		// The demo password is in the README; no password goes to a log.
		logger.info("Loaded the demo organisation: users ann, bob, olga and rita");
	}

	private void snapshot(Caller uploader, String version, String content) {
		Uploader by = Uploader.of(uploader);
		try (SnapshotSpool spool = this.snapshots
			.spool(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)))) {
			this.snapshots.store(by, this.snapshots.uploadTarget(by, "APOLLO"), version, "analysis.json", spool);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Role role(String name) {
		return this.roles.all()
			.stream()
			.filter((role) -> role.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("Built-in role " + name + " is missing"));
	}

	private User user(Caller admin, String login, String firstName, String lastName, UserKind kind, Long roleId) {
		return this.users.create(admin, new UserChanges(login, DEMO_PASSWORD, firstName, lastName,
				login + "@demo.gatehouse.dev", kind, true, false, roleId, "en"));
	}

	private void story(Caller admin, Project project, String name, String state, String effort, User owner) {
		this.stories.create(admin, new UserStoryChanges(name, null, state, new BigDecimal(effort), project.id(),
				(owner != null) ? owner.id() : null));
	}

}
