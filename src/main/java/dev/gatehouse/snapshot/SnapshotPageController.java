package dev.gatehouse.snapshot;

import java.io.IOException;
import java.util.List;

import dev.gatehouse.identity.Caller;
import dev.gatehouse.project.Project;
import dev.gatehouse.project.ProjectService;
import dev.gatehouse.query.CollectionPage;
import dev.gatehouse.query.CollectionParameters;
import dev.gatehouse.token.ProjectAccessTokenService;
import dev.gatehouse.web.PageController;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A project's page for its members: its snapshots, newest first, to download; and, for
 * its administrators, the way to its access tokens.
 */
@PageController
class SnapshotPageController {

	private static final int PAGE_SIZE = 25;

	private final SnapshotService snapshots;

	private final ProjectService projects;

	private final ProjectAccessTokenService tokens;

	SnapshotPageController(SnapshotService snapshots, ProjectService projects, ProjectAccessTokenService tokens) {
		this.snapshots = snapshots;
		this.projects = projects;
		this.tokens = tokens;
	}

	@GetMapping("/projects/{key}")
	String project(Caller caller, @PathVariable String key, @RequestParam(defaultValue = "0") int skip, Model model) {
		Project project = this.projects.get(caller, key);
		CollectionPage<Snapshot> page = this.snapshots.list(caller, key,
				new CollectionParameters(PAGE_SIZE, Math.max(0, skip), null, List.of(), List.of()));
		model.addAttribute("project", project);
		model.addAttribute("snapshots", page);
		model.addAttribute("newerSkip", Math.max(0, page.skip() - page.take()));
		model.addAttribute("administers", this.tokens.administers(caller, project));
		return "snapshot/project";
	}

	@GetMapping("/projects/{key}/snapshots/{id}/content")
	void download(Caller caller, @PathVariable String key, @PathVariable long id, HttpServletResponse response)
			throws IOException {
		Snapshot snapshot = this.snapshots.get(caller, key, id);
		this.snapshots.download(snapshot, response);
	}

}
