package dev.gatehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.gatehouse.token.Scope;

/**
 * The access-control matrix of {@code docs/access-matrix.md}: its routes table, read from
 * the document itself, and its rules, which give the status every credential kind, user
 * state and scope set gets on every route.
 */
final class AccessMatrix {

	static final Path DOCUMENT = Path.of("docs/access-matrix.md");

	private static final String ROUTES_HEADER = "| route | probe | rule | allowed |";

	private AccessMatrix() {
	}

	/**
	 * The rows of the routes table, in the document's order.
	 * @return the rows
	 */
	static List<Row> rows() {
		List<String> lines;
		try {
			lines = Files.readAllLines(DOCUMENT);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		int header = lines.indexOf(ROUTES_HEADER);
		if (header < 0) {
			throw new IllegalStateException(DOCUMENT + " has no routes table headed " + ROUTES_HEADER);
		}
		List<Row> rows = new ArrayList<>();
		for (String line : lines.subList(header + 2, lines.size())) {
			if (!line.startsWith("|")) {
				break;
			}
			String[] cells = line.substring(1, line.length() - 1).split(" \\| ", -1);
			if (cells.length != 4) {
				throw new IllegalStateException("Not a row of four cells: " + line);
			}
			rows.add(new Row(cells[0].trim(), Probe.parse(cells[1].trim()), Rule.parse(cells[2].trim()),
					Integer.parseInt(cells[3].trim())));
		}
		return rows;
	}

	/** How a request proves who it acts for. */
	enum Kind {

		SESSION, SESSION_NO_CSRF, SSO_SESSION, BASIC, SERVICE_TOKEN, PAT_BEARER, PAT_QUERY, PAT_BASIC, PROJECT_TOKEN,
		CI_TOKEN, CI_TOKEN_OTHER_PROJECT, CI_TOKEN_UNTRUSTED, NONE, GARBAGE, MISTYPED, EXPIRED, REVOKED;

		boolean isSession() {
			return this == SESSION || this == SESSION_NO_CSRF || this == SSO_SESSION;
		}

		boolean isPersonalToken() {
			return this == PAT_BEARER || this == PAT_QUERY || this == PAT_BASIC;
		}

		boolean isInteractive() {
			return isSession() || this == BASIC;
		}

		boolean isInvalidWhoever() {
			return this == NONE || this == GARBAGE || this == MISTYPED || this == EXPIRED || this == REVOKED
					|| this == CI_TOKEN_UNTRUSTED;
		}

	}

	/** The state of the user the credential names. */
	enum Subject {

		USER, ADMINISTRATOR, INACTIVE, REQUESTER, SYSTEM, SYSTEM_NO_PASSWORD, NO_TOKEN_PERMISSION, NOBODY;

		boolean isAdministrator() {
			return this == ADMINISTRATOR || this == SYSTEM;
		}

	}

	/**
	 * One cell of the crossing: a credential kind, a user state, and the scopes of a
	 * personal token ({@code null}: every scope).
	 */
	record Case(Kind kind, Subject subject, Set<Scope> scopes) {

		boolean hasScope(Scope scope) {
			return !this.kind.isPersonalToken() || this.scopes == null || this.scopes.contains(scope);
		}

		boolean hasEveryScope() {
			return !this.kind.isPersonalToken() || this.scopes == null || this.scopes.containsAll(Scope.all());
		}

		boolean isValid() {
			if (this.kind.isInvalidWhoever() || this.subject == Subject.INACTIVE) {
				return false;
			}
			if (this.subject == Subject.NO_TOKEN_PERMISSION && this.kind.isPersonalToken()) {
				return false;
			}
			return !(this.subject == Subject.SYSTEM_NO_PASSWORD
					&& (this.kind == Kind.BASIC || this.kind == Kind.SERVICE_TOKEN));
		}

		@Override
		public String toString() {
			String scopeText = (this.scopes == null) ? ""
					: " " + this.scopes.stream().map(Scope::apiName).sorted().toList();
			return this.kind.name().toLowerCase(Locale.ROOT) + " of " + this.subject.name().toLowerCase(Locale.ROOT)
					+ scopeText;
		}

	}

	/**
	 * A request that exercises a route without changing anything when allowed.
	 *
	 * @param method the method
	 * @param path the path and query, with placeholders
	 * @param body a JSON body, {@code form:} and fields, {@code bytes}, or {@code null}
	 */
	record Probe(String method, String path, String body) {

		static Probe parse(String text) {
			String[] parts = text.split(" ", 3);
			return new Probe(parts[0], parts[1], (parts.length > 2) ? parts[2] : null);
		}

		boolean isStateChanging() {
			return !this.method.equals("GET") && !this.method.equals("HEAD");
		}

	}

	/**
	 * A rule of the matrix: its name and, for {@code read} and {@code write}, the scope
	 * it names.
	 */
	record Rule(String name, Scope scope) {

		private static final Set<String> NAMES = Set.of("public", "read", "write", "admin", "every", "admin-every",
				"mint-service-token", "mint-access-token", "admin-mint", "project-admin", "project-admin-mint",
				"upload", "page-public", "page-home", "page", "page-tokens", "page-admin", "page-project-admin",
				"any-scope");

		static Rule parse(String text) {
			String[] parts = text.split(" ");
			if (!NAMES.contains(parts[0])) {
				throw new IllegalStateException("Unknown rule '" + parts[0] + "'");
			}
			return new Rule(parts[0], (parts.length > 1) ? Scope.parse(parts[1]) : null);
		}

		boolean isPage() {
			return this.name.startsWith("page");
		}

		/**
		 * The scope a personal token needs; {@code null} for every scope.
		 */
		Scope requiredScope() {
			return switch (this.name) {
				case "read", "write" -> this.scope;
				case "admin" -> Scope.ADMIN;
				case "upload" -> Scope.WORK_ITEMS_WRITE;
				default -> null;
			};
		}

	}

	/**
	 * A row of the routes table.
	 *
	 * @param route the route as the application maps it, {@code METHOD /path/{variable}}
	 * @param probe the request sent
	 * @param rule who may
	 * @param allowed what a caller who may gets
	 */
	record Row(String route, Probe probe, Rule rule, int allowed) {

		/**
		 * The status the rules give this row for one case.
		 */
		int expected(Case cell) {
			return this.rule.isPage() ? expectedOnPage(cell) : expectedOnApi(cell);
		}

		private int expectedOnApi(Case cell) {
			if (this.rule.name().equals("public")) {
				// A session cookie alone never changes anything without its CSRF token.
				return (cell.kind() == Kind.SESSION_NO_CSRF && cell.isValid() && this.probe.isStateChanging()) ? 403
						: this.allowed;
			}
			if (!cell.isValid()) {
				return 401;
			}
			if (cell.kind() == Kind.SESSION_NO_CSRF && this.probe.isStateChanging()) {
				return 403;
			}
			if (cell.kind() == Kind.PROJECT_TOKEN || cell.kind() == Kind.CI_TOKEN) {
				return this.rule.name().equals("upload") ? this.allowed : 403;
			}
			if (cell.kind() == Kind.CI_TOKEN_OTHER_PROJECT) {
				return 403;
			}
			if (cell.subject() == Subject.REQUESTER) {
				return 403;
			}
			Scope scope = this.rule.requiredScope();
			boolean anyScope = this.rule.name().equals("any-scope");
			if (!anyScope && ((scope != null) ? !cell.hasScope(scope) : !cell.hasEveryScope())) {
				return 403;
			}
			boolean refused = switch (this.rule.name()) {
				case "admin", "admin-every", "project-admin", "upload" -> !cell.subject().isAdministrator();
				case "admin-mint", "project-admin-mint" ->
					!cell.subject().isAdministrator() || !cell.kind().isInteractive();
				case "mint-service-token" -> !cell.kind().isInteractive();
				case "mint-access-token" ->
					!cell.kind().isInteractive() || cell.subject() == Subject.NO_TOKEN_PERMISSION;
				default -> false;
			};
			return refused ? 403 : this.allowed;
		}

		private int expectedOnPage(Case cell) {
			if (this.rule.name().equals("page-public")) {
				return this.allowed;
			}
			boolean stateChanging = this.probe.isStateChanging();
			if (!cell.kind().isSession()) {
				// No session: anonymous, and a form post has no CSRF token either.
				return stateChanging ? 403 : 302;
			}
			if (cell.kind() == Kind.SESSION_NO_CSRF && stateChanging) {
				return 403;
			}
			if (!cell.isValid()) {
				return 302;
			}
			if (cell.subject() == Subject.REQUESTER) {
				return this.rule.name().equals("page-home") ? this.allowed : 403;
			}
			boolean refused = switch (this.rule.name()) {
				case "page-tokens" -> cell.subject() == Subject.NO_TOKEN_PERMISSION;
				case "page-admin", "page-project-admin" -> !cell.subject().isAdministrator();
				default -> false;
			};
			return refused ? 403 : this.allowed;
		}

	}

	/**
	 * The scope sets personal tokens are crossed with: every scope, and each alone.
	 */
	static List<Set<Scope>> scopeSets() {
		List<Set<Scope>> sets = new ArrayList<>();
		sets.add(null);
		sets.add(EnumSet.of(Scope.PROFILE_READ));
		sets.add(EnumSet.of(Scope.IDENTITY_READ));
		sets.add(EnumSet.of(Scope.WORK_ITEMS_READ));
		sets.add(EnumSet.of(Scope.WORK_ITEMS_WRITE));
		sets.add(EnumSet.of(Scope.TIME_READ, Scope.TIME_WRITE));
		sets.add(EnumSet.of(Scope.REPORTING_READ));
		sets.add(EnumSet.of(Scope.ADMIN));
		return sets;
	}

}
