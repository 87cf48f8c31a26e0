package dev.gatehouse.reporting;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.olingo.commons.api.edm.EdmAnnotation;
import org.apache.olingo.commons.api.edm.EdmElement;
import org.apache.olingo.commons.api.edm.EdmEntityType;
import org.apache.olingo.commons.api.edm.EdmKeyPropertyRef;
import org.apache.olingo.commons.api.edm.EdmNavigationProperty;
import org.apache.olingo.commons.api.edm.EdmPrimitiveTypeKind;
import org.apache.olingo.commons.api.edm.EdmProperty;
import org.apache.olingo.commons.api.edm.EdmStructuredType;
import org.apache.olingo.commons.api.edm.EdmTerm;
import org.apache.olingo.commons.api.edm.EdmType;
import org.apache.olingo.commons.api.edm.FullQualifiedName;
import org.apache.olingo.commons.api.edm.constants.EdmTypeKind;
import org.apache.olingo.commons.api.http.HttpStatusCode;
import org.apache.olingo.server.api.OData;
import org.apache.olingo.server.api.ODataApplicationException;
import org.apache.olingo.server.api.uri.UriResource;
import org.apache.olingo.server.api.uri.UriResourceCount;
import org.apache.olingo.server.api.uri.UriResourcePrimitiveProperty;
import org.apache.olingo.server.api.uri.queryoption.ApplyItem;
import org.apache.olingo.server.api.uri.queryoption.ApplyOption;
import org.apache.olingo.server.api.uri.queryoption.OrderByItem;
import org.apache.olingo.server.api.uri.queryoption.OrderByOption;
import org.apache.olingo.server.api.uri.queryoption.apply.Aggregate;
import org.apache.olingo.server.api.uri.queryoption.apply.AggregateExpression;
import org.apache.olingo.server.api.uri.queryoption.apply.Filter;
import org.apache.olingo.server.api.uri.queryoption.apply.GroupBy;
import org.apache.olingo.server.api.uri.queryoption.apply.GroupByItem;
import org.apache.olingo.server.api.uri.queryoption.expression.ExpressionVisitException;
import org.apache.olingo.server.api.uri.queryoption.expression.Member;
import org.apache.olingo.server.core.uri.queryoption.apply.DynamicProperty;

/**
 * The part of OData Data Aggregation ({@code $apply}) that reports need, run in the
 * database as one {@code group by}: any number of {@code filter(...)} steps, then
 * {@code groupby((P, ...))}, {@code groupby((P, ...), aggregate(...))} or
 * {@code aggregate(...)}, with {@code sum}, {@code min}, {@code max}, {@code average},
 * {@code countdistinct} and {@code $count}. For example, one month's hours by project:
 * {@code $apply=filter(Date ge 2026-10-01 and Date le 2026-10-31)/groupby((ProjectKey),
 * aggregate(Hours with sum as Total))}. Anything else is refused with 400.
 */
final class ReportingAggregation {

	/** The decimals of an aggregate such as an average; more are rounded off. */
	static final int DECIMAL_SCALE = 6;

	private final List<Output> outputs;

	private final Set<ReportingTable.Column> used;

	private final String where;

	private ReportingAggregation(List<Output> outputs, Set<ReportingTable.Column> used, String where) {
		this.outputs = outputs;
		this.used = used;
		this.where = where;
	}

	/**
	 * Reads an {@code $apply} over a table.
	 * @param apply the option
	 * @param table the entity set's table
	 * @param parameters where bound values go
	 * @return the aggregation
	 * @throws ODataApplicationException 400 for what is not supported
	 */
	static ReportingAggregation of(ApplyOption apply, ReportingTable table, Map<String, Object> parameters)
			throws ODataApplicationException {
		StringBuilder where = new StringBuilder();
		List<Output> outputs = new ArrayList<>();
		// Grouping and aggregating read the rows of the caller's view as a derived table
		// "v": a masked column is then one column, not an expression whose parameters
		// the database would see as different in the select list and the group by.
		Set<ReportingTable.Column> used = new LinkedHashSet<>();
		Function<ReportingTable.Column, String> derived = (column) -> {
			used.add(column);
			return "v.c_" + column.property();
		};
		List<ApplyItem> items = apply.getApplyItems();
		for (int i = 0; i < items.size(); i++) {
			ApplyItem item = items.get(i);
			boolean last = i == items.size() - 1;
			if (item instanceof Filter filter && !last) {
				try {
					where.append(" and ")
						.append(filter.getFilterOption().getExpression().accept(new SqlFilter(table, parameters)));
				}
				catch (ExpressionVisitException ex) {
					throw badRequest("The filter in $apply cannot be read: " + ex.getMessage());
				}
			}
			else if (item instanceof GroupBy groupBy && last) {
				for (GroupByItem grouped : groupBy.getGroupByItems()) {
					ReportingTable.Column column = grouped(grouped, table);
					outputs.add(new Output(column.property(), "g" + outputs.size(), derived.apply(column),
							column.type(), true));
				}
				if (groupBy.getApplyOption() != null) {
					List<ApplyItem> inner = groupBy.getApplyOption().getApplyItems();
					if (inner.size() != 1 || !(inner.get(0) instanceof Aggregate aggregate)) {
						throw unsupported();
					}
					aggregates(aggregate, table, derived, outputs);
				}
			}
			else if (item instanceof Aggregate aggregate && last) {
				aggregates(aggregate, table, derived, outputs);
			}
			else {
				throw unsupported();
			}
		}
		if (outputs.isEmpty()) {
			throw unsupported();
		}
		return new ReportingAggregation(outputs, used, where.toString());
	}

	/**
	 * The query of the results, without order and paging: the view's rows that pass the
	 * {@code filter(...)} steps as the derived table {@code v}, grouped and aggregated.
	 */
	String query(ReportingTable table) {
		return "select " + this.outputs.stream()
			.map((output) -> output.sql() + " as " + output.label())
			.collect(Collectors.joining(", ")) + " from " + rows(table) + groupBy();
	}

	/**
	 * The query counting the results, or {@code null} when there is exactly one (an
	 * aggregate without groupby).
	 */
	String countQuery(ReportingTable table) {
		String groupBy = groupBy();
		return groupBy.isEmpty() ? null : "select count(*) from (select 1 as one from " + rows(table) + groupBy + ") g";
	}

	private String rows(ReportingTable table) {
		String columns = this.used.isEmpty() ? "1 as c_one"
				: this.used.stream()
					.map((column) -> column.sql() + " as c_" + column.property())
					.collect(Collectors.joining(", "));
		return "(select " + columns + " " + table.from() + this.where + ") v";
	}

	private String groupBy() {
		List<String> grouped = this.outputs.stream().filter(Output::grouped).map(Output::sql).toList();
		return grouped.isEmpty() ? "" : " group by " + String.join(", ", grouped);
	}

	/**
	 * The {@code order by} clause: {@code $orderby} over the results' properties, then
	 * every grouped property, so that pages are stable. Nulls sort low, as in OData.
	 */
	String orderBy(OrderByOption orderBy) throws ODataApplicationException {
		List<String> terms = new ArrayList<>();
		if (orderBy != null) {
			for (OrderByItem item : orderBy.getOrders()) {
				Output output = (item.getExpression() instanceof Member member) ? output(member) : null;
				if (output == null) {
					throw badRequest("With $apply, $orderby takes the names of the results' properties");
				}
				terms.add(output.label() + (item.isDescending() ? " desc nulls last" : " asc nulls first"));
			}
		}
		this.outputs.stream()
			.filter(Output::grouped)
			.forEach((output) -> terms.add(output.label() + " asc nulls first"));
		return terms.isEmpty() ? "" : " order by " + String.join(", ", terms);
	}

	List<Output> outputs() {
		return this.outputs;
	}

	/**
	 * The entity type the results are written with: only their properties, no key.
	 * @param base the entity set's type
	 * @param applied the type Olingo derived from {@code $apply}
	 * @param odata makes the aggregates' types
	 */
	EdmEntityType resultType(EdmEntityType base, EdmStructuredType applied, OData odata) {
		Map<String, EdmProperty> properties = new java.util.LinkedHashMap<>();
		for (Output output : this.outputs) {
			EdmProperty property = applied.getStructuralProperty(output.property());
			if (!output.grouped()) {
				// Typed here, from the property aggregated: Olingo types every aggregate
				// as
				// a decimal. An average has more decimals than the hours it is made of.
				// The minimum of no values, or of null descriptions, is null.
				DynamicProperty aggregate = new DynamicProperty(output.property(),
						odata.createPrimitiveTypeInstance(output.type())) {
					@Override
					public boolean isNullable() {
						return true;
					}
				};
				property = (output.type() == EdmPrimitiveTypeKind.Decimal)
						? aggregate.setPrecision(null).setScale(DECIMAL_SCALE) : aggregate;
			}
			properties.put(output.property(), property);
		}
		return new ResultType(base, properties);
	}

	private Output output(Member member) {
		List<UriResource> path = member.getResourcePath().getUriResourceParts();
		if (path.size() != 1) {
			return null;
		}
		String name = path.get(0).getSegmentValue();
		return this.outputs.stream().filter((output) -> output.property().equals(name)).findFirst().orElse(null);
	}

	private static ReportingTable.Column grouped(GroupByItem item, ReportingTable table)
			throws ODataApplicationException {
		if (item.isRollupAll() || !item.getRollup().isEmpty() || item.getPath().size() != 1
				|| !(item.getPath().get(0) instanceof UriResourcePrimitiveProperty property)) {
			throw badRequest("groupby takes property names, e.g. groupby((ProjectKey))");
		}
		ReportingTable.Column column = table.column(property.getProperty().getName());
		if (column == null) {
			throw badRequest("Unknown property " + property.getProperty().getName());
		}
		return column;
	}

	private static void aggregates(Aggregate aggregate, ReportingTable table,
			Function<ReportingTable.Column, String> derived, List<Output> outputs) throws ODataApplicationException {
		for (AggregateExpression expression : aggregate.getExpressions()) {
			String alias = expression.getAlias();
			if (alias == null || expression.getInlineAggregateExpression() != null || !expression.getFrom().isEmpty()) {
				throw badRequest("aggregate takes 'Property with method as Alias' or '$count as Alias'");
			}
			if (outputs.stream().anyMatch((output) -> output.property().equalsIgnoreCase(alias))) {
				throw badRequest("The alias " + alias + " is taken; choose another");
			}
			String label = "a" + outputs.size();
			if (isCount(expression)) {
				outputs.add(new Output(alias, label, "count(*)", EdmPrimitiveTypeKind.Int64, false));
				continue;
			}
			ReportingTable.Column column = argument(expression, table);
			String argument = derived.apply(column);
			// The Int64 properties are ids: their sum or average means nothing.
			boolean number = column.type() == EdmPrimitiveTypeKind.Decimal;
			AggregateExpression.StandardMethod method = expression.getStandardMethod();
			if (method == null) {
				throw badRequest("The Reporting API aggregates with sum, min, max, average and countdistinct");
			}
			Output output = switch (method) {
				case SUM -> number ? new Output(alias, label, "sum(" + argument + ")", column.type(), false) : null;
				case AVERAGE -> number
						? new Output(alias, label, "avg(" + argument + ")", EdmPrimitiveTypeKind.Decimal, false) : null;
				case MIN, MAX -> (column.type() != EdmPrimitiveTypeKind.Boolean) ? new Output(alias, label,
						method.name().toLowerCase(Locale.ROOT) + "(" + argument + ")", column.type(), false) : null;
				case COUNT_DISTINCT ->
					new Output(alias, label, "count(distinct " + argument + ")", EdmPrimitiveTypeKind.Int64, false);
			};
			if (output == null) {
				throw badRequest("The Reporting API cannot aggregate " + column.property() + " with "
						+ method.name().toLowerCase(Locale.ROOT).replace("_", ""));
			}
			outputs.add(output);
		}
	}

	private static boolean isCount(AggregateExpression expression) {
		List<UriResource> path = expression.getPath();
		return expression.getExpression() == null && path.size() == 1 && path.get(0) instanceof UriResourceCount;
	}

	/** The property an aggregate reads: a property of the table, nothing computed. */
	private static ReportingTable.Column argument(AggregateExpression expression, ReportingTable table)
			throws ODataApplicationException {
		List<UriResource> path = (expression.getExpression() instanceof Member member)
				? member.getResourcePath().getUriResourceParts() : expression.getPath();
		if (path.size() == 1 && path.get(0) instanceof UriResourcePrimitiveProperty property) {
			ReportingTable.Column column = table.column(property.getProperty().getName());
			if (column != null) {
				return column;
			}
		}
		throw badRequest("aggregate takes a property of the entity set, e.g. Hours with sum as Total");
	}

	private static ODataApplicationException unsupported() {
		return badRequest("The Reporting API supports $apply as filter(...) steps, then groupby((...)), "
				+ "groupby((...),aggregate(...)) or aggregate(...)");
	}

	private static ODataApplicationException badRequest(String message) {
		return new ODataApplicationException(message, HttpStatusCode.BAD_REQUEST.getStatusCode(), Locale.ROOT);
	}

	/**
	 * A property of the results: a grouped property of the table, or an aggregate.
	 *
	 * @param property its name (the alias, for an aggregate)
	 * @param label its column label in SQL, never taken from the request
	 * @param sql its SQL expression
	 * @param type its EDM type
	 * @param grouped whether the results are grouped by it
	 */
	record Output(String property, String label, String sql, EdmPrimitiveTypeKind type, boolean grouped) {
	}

	/**
	 * The results' entity type for Olingo's serializer: the properties of the results
	 * (from the type Olingo derived from {@code $apply}), and no key, since a group is no
	 * entity of the set.
	 */
	private static final class ResultType implements EdmEntityType {

		private final EdmEntityType base;

		private final Map<String, EdmProperty> properties;

		ResultType(EdmEntityType base, Map<String, EdmProperty> properties) {
			this.base = base;
			this.properties = properties;
		}

		@Override
		public List<String> getKeyPredicateNames() {
			return List.of();
		}

		@Override
		public List<EdmKeyPropertyRef> getKeyPropertyRefs() {
			return List.of();
		}

		@Override
		public EdmKeyPropertyRef getKeyPropertyRef(String name) {
			return null;
		}

		@Override
		public boolean hasStream() {
			return false;
		}

		@Override
		public EdmEntityType getBaseType() {
			return null;
		}

		@Override
		public EdmElement getProperty(String name) {
			return this.properties.get(name);
		}

		@Override
		public List<String> getPropertyNames() {
			return List.copyOf(this.properties.keySet());
		}

		@Override
		public EdmProperty getStructuralProperty(String name) {
			return this.properties.get(name);
		}

		@Override
		public EdmNavigationProperty getNavigationProperty(String name) {
			return null;
		}

		@Override
		public List<String> getNavigationPropertyNames() {
			return List.of();
		}

		@Override
		public boolean compatibleTo(EdmType targetType) {
			return this.base.compatibleTo(targetType);
		}

		@Override
		public boolean isOpenType() {
			return false;
		}

		@Override
		public boolean isAbstract() {
			return false;
		}

		@Override
		public FullQualifiedName getFullQualifiedName() {
			return this.base.getFullQualifiedName();
		}

		@Override
		public String getNamespace() {
			return this.base.getNamespace();
		}

		@Override
		public EdmTypeKind getKind() {
			return this.base.getKind();
		}

		@Override
		public String getName() {
			return this.base.getName();
		}

		@Override
		public EdmAnnotation getAnnotation(EdmTerm term, String qualifier) {
			return null;
		}

		@Override
		public List<EdmAnnotation> getAnnotations() {
			return List.of();
		}

	}

}
