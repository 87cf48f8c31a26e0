package dev.gatehouse.project;

import java.util.List;
import java.util.Map;

import dev.gatehouse.api.ResourceCollection;
import dev.gatehouse.identity.Caller;
import dev.gatehouse.query.CollectionPage;
import dev.gatehouse.query.CollectionParameters;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/Projects}: members see their projects, administrators all of them and
 * manage them. {@code {key}} is the project key or its numeric id.
 */
@RestController
@RequestMapping(path = "/api/v1/Projects",
		produces = { MediaType.APPLICATION_XML_VALUE, MediaType.APPLICATION_JSON_VALUE })
class ProjectApiController {

	private final ProjectService projects;

	ProjectApiController(ProjectService projects) {
		this.projects = projects;
	}

	@GetMapping
	ResourceCollection<ProjectRepresentation> list(Caller caller, CollectionParameters parameters) {
		CollectionPage<Project> page = this.projects.list(caller, parameters);
		Map<Long, List<ProjectMember>> members = this.projects.members(page.items());
		return ResourceCollection.of(
				page.map((project) -> ProjectRepresentation.of(project, members.getOrDefault(project.id(), List.of()))),
				"Projects", "Project");
	}

	@GetMapping("/{key}")
	ProjectRepresentation get(Caller caller, @PathVariable String key) {
		return represent(this.projects.get(caller, key));
	}

	@PostMapping(consumes = { MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_XML_VALUE })
	ResponseEntity<ProjectRepresentation> create(Caller caller, @RequestBody ProjectWrite body) {
		Project project = this.projects.create(caller, body.key(), body.name());
		return ResponseEntity.status(HttpStatus.CREATED).body(represent(project));
	}

	@PostMapping(path = "/{key}", consumes = { MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_XML_VALUE })
	ProjectRepresentation update(Caller caller, @PathVariable String key, @RequestBody ProjectWrite body) {
		return represent(this.projects.update(caller, key, body.key(), body.name()));
	}

	@DeleteMapping("/{key}")
	ResponseEntity<Void> delete(Caller caller, @PathVariable String key) {
		this.projects.delete(caller, key);
		return ResponseEntity.noContent().build();
	}

	@PostMapping(path = "/{key}/Members",
			consumes = { MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_XML_VALUE })
	ResponseEntity<ProjectRepresentation> addMember(Caller caller, @PathVariable String key,
			@RequestBody MemberWrite body) {
		this.projects.addMember(caller, key, body.userId(), body.roleId());
		return ResponseEntity.status(HttpStatus.CREATED).body(represent(this.projects.get(caller, key)));
	}

	@DeleteMapping("/{key}/Members/{userId}")
	ResponseEntity<Void> removeMember(Caller caller, @PathVariable String key, @PathVariable long userId) {
		this.projects.removeMember(caller, key, userId);
		return ResponseEntity.noContent().build();
	}

	private ProjectRepresentation represent(Project project) {
		return ProjectRepresentation.of(project, this.projects.members(project));
	}

}
