package dev.gatehouse.reporting;

import java.util.HashMap;
import java.util.Map;

import dev.gatehouse.identity.Caller;
import dev.gatehouse.project.ProjectVisibility;

/**
 * How one caller's reports, budgets, exports and time views read the data of projects
 * (SPEC §6.3–6.5). Every feature that shows such data builds its SQL from
 * {@link #includes(String)} and {@link #workItemName(String, String, String)}, and binds
 * {@link #parameters()}.
 *
 * @param caller who reads
 * @param reach which projects' data they read
 * @param showRestrictedWorkItems whether titles of work items from projects the caller
 * cannot access are shown (the privacy setting of SPEC §6.4); only ever true through the
 * service account
 */
public record ReportingView(Caller caller, Reach reach, boolean showRestrictedWorkItems) {

	/**
	 * SPEC §6.5, shown on reporting and time views when the caller's totals may miss
	 * hours.
	 */
	public static final String INCOMPLETE_TIME_MESSAGE = "You don't have access to all projects, or some included"
			+ " iterations or work items were deleted. Therefore, the time calculation may not be accurate.";

	/** SPEC §6.5, shown elsewhere to a caller whose view is incomplete. */
	public static final String INCOMPLETE_ACCESS_MESSAGE = "You don't have access to all projects, iterations, or"
			+ " work items, or some of them were deleted. Please ask your administrator to increase your access level"
			+ " or set up a Service Account in Configuration - Settings.";

	/** SPEC §6.5: how budgets show a work item the caller cannot see. */
	public static final String UNAVAILABLE_WORK_ITEM = "removed or not available";

	/** The prefix of a masked work item's name; its id follows. */
	public static final String MASKED_WORK_ITEM = "Restricted work item #";

	/**
	 * The SQL condition for rows whose project is in a column to be part of the view.
	 * @param projectIdColumn e.g. {@code s.project_id}
	 * @return SQL, in parentheses
	 */
	public static String includes(String projectIdColumn) {
		return "(:allProjects = true or " + ProjectVisibility.of(projectIdColumn) + ")";
	}

	/**
	 * The SQL condition for a project's work items to be shown with their titles: the
	 * caller may access the project, or the privacy setting allows it through the service
	 * account.
	 * @param projectIdColumn e.g. {@code s.project_id}
	 * @return SQL, in parentheses
	 */
	public static String titled(String projectIdColumn) {
		return "(:showRestricted = true or " + ProjectVisibility.of(projectIdColumn) + ")";
	}

	/**
	 * The SQL expression of a work item's name as the caller may see it: its name, or
	 * "Restricted work item #id". Filters and sorting use it too, so no one can search
	 * for a masked title.
	 * @param projectIdColumn the work item's project column
	 * @param idColumn its id column
	 * @param nameColumn its name column
	 * @return SQL
	 */
	public static String workItemName(String projectIdColumn, String idColumn, String nameColumn) {
		return "case when " + titled(projectIdColumn) + " then " + nameColumn + " else '" + MASKED_WORK_ITEM
				+ "' || cast(" + idColumn + " as varchar(20)) end";
	}

	/**
	 * A caller's view with their own rights only, for reads that are no report, such as
	 * finding the time entry a write changes.
	 * @param caller who reads
	 * @return the view
	 */
	public static ReportingView withoutServiceAccount(Caller caller) {
		return new ReportingView(caller, caller.administrator() ? Reach.ALL_PROJECTS : Reach.OWN_PROJECTS, false);
	}

	/**
	 * The parameters of the SQL built from this class: {@code :administrator},
	 * {@code :callerId}, {@code :allProjects}, {@code :showRestricted}.
	 * @return a new, modifiable map
	 */
	public Map<String, Object> parameters() {
		Map<String, Object> parameters = new HashMap<>();
		parameters.put("administrator", this.caller.administrator());
		parameters.put("callerId", this.caller.userId());
		// Only the service account widens the view; everyone else's rights are checked
		// row by row, so a membership removed a moment ago counts at once.
		parameters.put("allProjects", this.reach == Reach.THROUGH_SERVICE_ACCOUNT);
		parameters.put("showRestricted", this.reach == Reach.THROUGH_SERVICE_ACCOUNT && this.showRestrictedWorkItems);
		return parameters;
	}

	/**
	 * Whether this view reads through the service account (and is audited).
	 * @return whether it is elevated
	 */
	public boolean elevated() {
		return this.reach == Reach.THROUGH_SERVICE_ACCOUNT;
	}

	/**
	 * Whether the caller's totals may miss hours of projects they cannot access: their
	 * access is restricted and no service account completes it. Pages then say so.
	 * @return whether the view is incomplete
	 */
	public boolean incomplete() {
		return this.reach == Reach.OWN_PROJECTS;
	}

	/**
	 * Which projects' data a view reads.
	 */
	public enum Reach {

		/**
		 * Every project, with the caller's own rights: an administrator, or a member of
		 * every project.
		 */
		ALL_PROJECTS,

		/**
		 * Every project, read only, through the service account: the caller's access is
		 * restricted and the service account works.
		 */
		THROUGH_SERVICE_ACCOUNT,

		/**
		 * The projects the caller is a member of: their access is restricted and no
		 * service account works.
		 */
		OWN_PROJECTS

	}

}
