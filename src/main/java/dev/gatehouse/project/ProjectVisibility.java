package dev.gatehouse.project;

/**
 * The one SQL rule for who sees a project's data: administrators see every project;
 * everyone else the projects they are a member of. Every feature that reads rows
 * belonging to a project appends it, with the parameters {@code :administrator} and
 * {@code :callerId}.
 */
public final class ProjectVisibility {

	private ProjectVisibility() {
	}

	/**
	 * The condition for rows whose project is in a column.
	 * @param projectIdColumn the column holding the project's id, e.g.
	 * {@code s.project_id}
	 * @return SQL, in parentheses
	 */
	public static String of(String projectIdColumn) {
		return "(:administrator = true or exists (select 1 from project_members vm where vm.project_id = "
				+ projectIdColumn + " and vm.user_id = :callerId))";
	}

}
