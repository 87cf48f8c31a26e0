package dev.gatehouse.token.page;

import java.time.LocalDate;

import dev.gatehouse.identity.Caller;
import dev.gatehouse.project.Project;
import dev.gatehouse.settings.SettingsService;
import dev.gatehouse.system.ConflictException;
import dev.gatehouse.system.InvalidRequestException;
import dev.gatehouse.token.ProjectAccessToken;
import dev.gatehouse.token.ProjectAccessTokenService.IssuedProjectToken;
import dev.gatehouse.token.ProjectAccessTokenService;
import dev.gatehouse.token.ProjectTokenTable.Request;
import dev.gatehouse.token.ProjectTokenTable;
import dev.gatehouse.trustedci.TrustedCiIdentityService;
import dev.gatehouse.web.PageController;
import dev.gatehouse.web.PageForms;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * <i>Administration → Projects → &lt;project&gt; → Access tokens</i> (SPEC §5, seed 003),
 * for the project's administrators and administrators: create a token (its value shown
 * once, in a window), and the table of tokens with filter, items per page, paging,
 * <i>Show expired access tokens</i>, sorting by column, and delete with a Yes/No
 * confirmation. Every control is a link or a form; the script only makes them quicker.
 */
@PageController
@RequestMapping("/admin/projects/{key}/access-tokens")
class ProjectAccessTokenAdministrationController {

	private final ProjectAccessTokenService tokens;

	private final SettingsService settings;

	private final TrustedCiIdentityService trustedIdentities;

	ProjectAccessTokenAdministrationController(ProjectAccessTokenService tokens, SettingsService settings,
			TrustedCiIdentityService trustedIdentities) {
		this.tokens = tokens;
		this.settings = settings;
		this.trustedIdentities = trustedIdentities;
	}

	@GetMapping
	String table(Caller caller, @PathVariable String key, @RequestParam(required = false) String filter,
			@RequestParam(defaultValue = "false") boolean expired, @RequestParam(required = false) String sort,
			@RequestParam(required = false) String dir, @RequestParam(required = false) Integer size,
			@RequestParam(required = false) Integer page, Model model) {
		return render(caller, key, Request.of(filter, expired, sort, dir, size, page), model);
	}

	@PostMapping
	String create(Caller caller, @PathVariable String key, @RequestParam(required = false) String name,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate expirationDate,
			@RequestParam(required = false) String filter, @RequestParam(defaultValue = "false") boolean expired,
			@RequestParam(required = false) String sort, @RequestParam(required = false) String dir,
			@RequestParam(required = false) Integer size, Model model) {
		// The table's state is checked first, so that a bad one creates nothing.
		Request request = Request.of(filter, expired, sort, dir, size, 1);
		Project project = this.tokens.administeredProject(caller, key);
		try {
			IssuedProjectToken issued = this.tokens.create(caller, project.key(), name, expirationDate);
			model.addAttribute("issued", issued);
		}
		catch (InvalidRequestException ex) {
			model.addAttribute("createError", ex.getMessage());
			model.addAttribute("draftName", name);
			model.addAttribute("draftExpirationDate", expirationDate);
		}
		return render(caller, key, request, model);
	}

	/**
	 * A new value for a project token, shown once in the same window as a new token's;
	 * the old one keeps working for the overlap, or until the new one is first used.
	 */
	@PostMapping("/{id}/rotate")
	String rotate(Caller caller, @PathVariable String key, @PathVariable long id,
			@RequestParam(required = false) String filter, @RequestParam(defaultValue = "false") boolean expired,
			@RequestParam(required = false) String sort, @RequestParam(required = false) String dir,
			@RequestParam(required = false) Integer size, @RequestParam(required = false) Integer page, Model model) {
		Request request = Request.of(filter, expired, sort, dir, size, page);
		try {
			model.addAttribute("issued", this.tokens.rotate(caller, key, id, null));
			model.addAttribute("rotated", true);
		}
		catch (ConflictException ex) {
			model.addAttribute("error", ex.getMessage());
		}
		return render(caller, key, request, model);
	}

	@GetMapping("/{id}/delete")
	String confirmDelete(Caller caller, @PathVariable String key, @PathVariable long id,
			@RequestParam(required = false) String filter, @RequestParam(defaultValue = "false") boolean expired,
			@RequestParam(required = false) String sort, @RequestParam(required = false) String dir,
			@RequestParam(required = false) Integer size, @RequestParam(required = false) Integer page, Model model) {
		Request request = Request.of(filter, expired, sort, dir, size, page);
		ProjectAccessToken token = this.tokens.get(caller, key, id);
		model.addAttribute("project", this.tokens.administeredProject(caller, key));
		model.addAttribute("token", token);
		model.addAttribute("links", new ProjectTokenTableLinks(token.projectKey(), request));
		return "token/project-token-delete";
	}

	@PostMapping("/{id}/delete")
	String delete(Caller caller, @PathVariable String key, @PathVariable long id,
			@RequestParam(required = false) String filter, @RequestParam(defaultValue = "false") boolean expired,
			@RequestParam(required = false) String sort, @RequestParam(required = false) String dir,
			@RequestParam(required = false) Integer size, @RequestParam(required = false) Integer page,
			RedirectAttributes flash) {
		Request request = Request.of(filter, expired, sort, dir, size, page);
		Project project = this.tokens.administeredProject(caller, key);
		String[] name = new String[1];
		PageForms.attempt(flash, "Deleted the access token; it no longer works", () -> {
			ProjectAccessToken deleted = this.tokens.delete(caller, key, id);
			name[0] = deleted.name();
		});
		if (name[0] != null) {
			flash.addFlashAttribute("success", "Deleted the access token “" + name[0] + "”; it no longer works");
		}
		return "redirect:" + new ProjectTokenTableLinks(project.key(), request).current();
	}

	private String render(Caller caller, String key, Request request, Model model) {
		Project project = this.tokens.administeredProject(caller, key);
		ProjectTokenTable.Page page = this.tokens.table(caller, key, request);
		LocalDate today = this.tokens.today();
		model.addAttribute("project", project);
		model.addAttribute("table", page);
		model.addAttribute("links", new ProjectTokenTableLinks(project.key(), page.request()));
		model.addAttribute("pageSizes", ProjectTokenTable.PAGE_SIZES);
		model.addAttribute("today", today);
		model.addAttribute("latestExpiration", today.plusDays(this.settings.current().tokenMaxLifetimeDays()));
		// Beside the tokens: the CI jobs that upload without one.
		model.addAttribute("trustedIdentities", this.trustedIdentities.list(caller, project.key()));
		return "token/project-tokens";
	}

}
