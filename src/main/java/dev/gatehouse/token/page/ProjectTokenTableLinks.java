package dev.gatehouse.token.page;

import dev.gatehouse.token.ProjectTokenTable.Column;
import dev.gatehouse.token.ProjectTokenTable.Request;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * The links of the project token table, each keeping the rest of the table's state, so
 * that filtering, sorting and paging work as plain links without JavaScript.
 */
public final class ProjectTokenTableLinks {

	private final String projectKey;

	private final Request request;

	ProjectTokenTableLinks(String projectKey, Request request) {
		this.projectKey = projectKey;
		this.request = request;
	}

	/**
	 * The table on another page.
	 * @param page the page
	 * @return the link
	 */
	public String page(int page) {
		return link("", this.request.onPage(page));
	}

	/**
	 * The table sorted by a column: ascending, or descending if it is already sorted
	 * ascending by it. Sorting starts again on the first page.
	 * @param parameter the column's {@code sort} value
	 * @return the link
	 */
	public String sort(String parameter) {
		Column column = Column.parse(parameter);
		boolean descending = column == this.request.sort() && !this.request.descending();
		return link("", new Request(this.request.filter(), this.request.showExpired(), column, descending,
				this.request.size(), 1));
	}

	/**
	 * The page that asks whether to delete a token.
	 * @param id the token
	 * @return the link
	 */
	public String delete(long id) {
		return link("/" + id + "/delete", this.request);
	}

	/**
	 * The table as it is now.
	 * @return the link
	 */
	public String current() {
		return link("", this.request);
	}

	/**
	 * The {@code aria-sort} value of a column header.
	 * @param parameter the column's {@code sort} value
	 * @return {@code ascending}, {@code descending} or {@code none}
	 */
	public String ariaSort(String parameter) {
		if (Column.parse(parameter) != this.request.sort()) {
			return "none";
		}
		return this.request.descending() ? "descending" : "ascending";
	}

	private String link(String suffix, Request state) {
		UriComponentsBuilder link = UriComponentsBuilder.fromPath("/admin/projects/{key}/access-tokens" + suffix)
			.queryParam("sort", state.sort().parameter())
			.queryParam("dir", state.descending() ? "desc" : "asc")
			.queryParam("size", state.size())
			.queryParam("page", state.page());
		if (!state.filter().isEmpty()) {
			link.queryParam("filter", "{filter}");
		}
		if (state.showExpired()) {
			link.queryParam("expired", true);
		}
		return link.encode().buildAndExpand(this.projectKey, state.filter()).toUriString();
	}

}
