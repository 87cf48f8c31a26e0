package dev.gatehouse.token;

import java.util.List;
import java.util.Locale;

import dev.gatehouse.system.InvalidRequestException;

/**
 * The <i>Access tokens</i> table of a project (SPEC §5.3, seed 003): what to show, and
 * the page shown. Filtering, sorting and paging all happen in the database.
 */
public final class ProjectTokenTable {

	/** The choices of the "Items per page" list. */
	public static final List<Integer> PAGE_SIZES = List.of(10, 25, 50, 100);

	private static final int MAX_FILTER = 100;

	private ProjectTokenTable() {
	}

	/**
	 * The columns a click on a header sorts by.
	 */
	public enum Column {

		NAME("name"), LAST_LOGIN("lastLogin"), EXPIRATION_DATE("expirationDate"), EXPIRED("expired"),
		CREATE_DATE("createDate");

		private final String parameter;

		Column(String parameter) {
			this.parameter = parameter;
		}

		/**
		 * The value of the {@code sort} parameter naming this column.
		 * @return the parameter value
		 */
		public String parameter() {
			return this.parameter;
		}

		/**
		 * The column a {@code sort} parameter names; the creation date when it names
		 * none.
		 * @param parameter the parameter's value, or {@code null}
		 * @return the column
		 */
		public static Column parse(String parameter) {
			if (parameter == null || parameter.isEmpty()) {
				return CREATE_DATE;
			}
			for (Column column : values()) {
				if (column.parameter.equalsIgnoreCase(parameter)) {
					return column;
				}
			}
			throw new InvalidRequestException("Cannot sort by '" + parameter + "'");
		}

	}

	/**
	 * What the table should show.
	 *
	 * @param filter text the names must contain, case-insensitively; empty for all
	 * @param showExpired whether expired tokens are listed too
	 * @param sort the column to sort by
	 * @param descending whether the order is descending
	 * @param size items per page, one of {@link #PAGE_SIZES}
	 * @param page the page, from 1; a page past the end shows the last one
	 */
	public record Request(String filter, boolean showExpired, Column sort, boolean descending, int size, int page) {

		public Request {
			filter = (filter != null) ? filter.strip() : "";
			if (filter.length() > MAX_FILTER) {
				throw new InvalidRequestException("The filter is at most " + MAX_FILTER + " characters");
			}
			if (!PAGE_SIZES.contains(size)) {
				throw new InvalidRequestException("Items per page must be one of " + PAGE_SIZES);
			}
			page = Math.max(1, page);
		}

		/**
		 * Reads the page's query parameters; missing ones take the defaults: newest
		 * first, 10 per page, expired tokens hidden.
		 * @param filter the {@code filter} parameter
		 * @param showExpired the {@code expired} parameter
		 * @param sort the {@code sort} parameter
		 * @param direction the {@code dir} parameter, {@code asc} or {@code desc}
		 * @param size the {@code size} parameter
		 * @param page the {@code page} parameter
		 * @return the request
		 */
		public static Request of(String filter, boolean showExpired, String sort, String direction, Integer size,
				Integer page) {
			Column column = Column.parse(sort);
			boolean descending = (direction == null || direction.isEmpty()) ? column == Column.CREATE_DATE
					: switch (direction.toLowerCase(Locale.ROOT)) {
						case "asc" -> false;
						case "desc" -> true;
						default -> throw new InvalidRequestException("The sort direction is asc or desc");
					};
			return new Request(filter, showExpired, column, descending, (size != null) ? size : PAGE_SIZES.get(0),
					(page != null) ? page : 1);
		}

		int offset() {
			return (this.page - 1) * this.size;
		}

		/**
		 * The same request on another page.
		 * @param other the page
		 * @return the request
		 */
		public Request onPage(int other) {
			return new Request(this.filter, this.showExpired, this.sort, this.descending, this.size, other);
		}

	}

	/**
	 * One page of the table.
	 *
	 * @param request what was asked, with the page actually shown
	 * @param tokens the tokens on this page
	 * @param total how many tokens match the filter
	 */
	public record Page(Request request, List<ProjectAccessToken> tokens, long total) {

		/** The number of the first item shown, from 1; 0 when there is none. */
		public long first() {
			return this.tokens.isEmpty() ? 0 : this.request.offset() + 1L;
		}

		/** The number of the last item shown. */
		public long last() {
			return this.request.offset() + (long) this.tokens.size();
		}

		/** The number of the last page, at least 1. */
		public int lastPage() {
			return (int) Math.max(1, (this.total + this.request.size() - 1) / this.request.size());
		}

		public boolean hasPrevious() {
			return this.request.page() > 1;
		}

		public boolean hasNext() {
			return this.request.page() < lastPage();
		}

	}

}
