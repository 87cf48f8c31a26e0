package dev.gatehouse.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.gatehouse.query.QueryFields.Field;
import dev.gatehouse.system.InvalidRequestException;

/**
 * {@link CollectionParameters} turned into SQL for one resource: the filter as a
 * condition with bound parameters, the order, and the page. Repositories append the three
 * parts to their own statement.
 */
public final class CollectionQuery {

	private static final int MAX_ORDER_FIELDS = 5;

	private final CollectionParameters parameters;

	private final String condition;

	private final String order;

	private final Map<String, Object> bindings = new HashMap<>();

	private CollectionQuery(CollectionParameters parameters, QueryFields fields, String tieBreaker) {
		this.parameters = parameters;
		this.condition = (parameters.where() != null)
				? " and (" + WhereClause.toSql(parameters.where(), fields, this.bindings) + ")" : "";
		this.order = orderSql(parameters, fields, tieBreaker);
		this.bindings.put("skip", parameters.skip());
		// One row more than asked tells whether there is a next page, without a count.
		this.bindings.put("limit", parameters.take() + 1);
	}

	/**
	 * Builds the query.
	 * @param parameters what the caller asked
	 * @param fields the fields they may name
	 * @param tieBreaker a unique column appended to every order, so pages are stable
	 * @return the query
	 */
	public static CollectionQuery of(CollectionParameters parameters, QueryFields fields, String tieBreaker) {
		return new CollectionQuery(parameters, fields, tieBreaker);
	}

	/**
	 * The filter as {@code " and (...)"}, or an empty string.
	 * @return SQL to append to a {@code where} clause
	 */
	public String condition() {
		return this.condition;
	}

	/**
	 * The order and page, to append at the end of the statement.
	 * @return SQL
	 */
	public String orderAndPage() {
		return this.order + " offset :skip rows fetch next :limit rows only";
	}

	/**
	 * The order alone, for reading every matching row (exports).
	 * @return SQL
	 */
	public String order() {
		return this.order;
	}

	public Map<String, Object> bindings() {
		return this.bindings;
	}

	/**
	 * Cuts the rows read (one more than asked) to the page.
	 * @param <T> the row type
	 * @param rows the rows read with {@link #orderAndPage()}
	 * @return the page
	 */
	public <T> CollectionPage<T> page(List<T> rows) {
		boolean hasMore = rows.size() > this.parameters.take();
		List<T> items = hasMore ? rows.subList(0, this.parameters.take()) : rows;
		return new CollectionPage<>(List.copyOf(items), this.parameters.skip(), this.parameters.take(), hasMore);
	}

	private static String orderSql(CollectionParameters parameters, QueryFields fields, String tieBreaker) {
		List<String> terms = new ArrayList<>();
		for (String name : parameters.orderBy()) {
			terms.add(column(fields.get(name, "orderBy")) + " asc");
		}
		for (String name : parameters.orderByDesc()) {
			terms.add(column(fields.get(name, "orderByDesc")) + " desc");
		}
		if (terms.size() > MAX_ORDER_FIELDS) {
			throw new InvalidRequestException("Sort by at most " + MAX_ORDER_FIELDS + " fields");
		}
		terms.add(tieBreaker);
		return " order by " + String.join(", ", terms);
	}

	private static String column(Field field) {
		return (field.type() == FieldType.TEXT) ? "lower(" + field.column() + ")" : field.column();
	}

}
