package dev.gatehouse.reporting;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

	private final String where;

	private ReportingAggregation(List<Output> outputs, String where) {
		this.outputs = outputs;
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
					outputs.add(grouped(grouped, table));
				}
				if (groupBy.getApplyOption() != null) {
					List<ApplyItem> inner = groupBy.getApplyOption().getApplyItems();
					if (inner.size() != 1 || !(inner.get(0) instanceof Aggregate aggregate)) {
						throw unsupported();
					}
					outputs.addAll(aggregates(aggregate, table, parameters, apply.getEdmStructuredType()));
				}
			}
			else if (item instanceof Aggregate aggregate && last) {
				outputs.addAll(aggregates(aggregate, table, parameters, apply.getEdmStructuredType()));
			}
			else {
				throw unsupported();
			}
		}
		if (outputs.isEmpty()) {
			throw unsupported();
		}
		return new ReportingAggregation(outputs, where.toString());
	}

	/** The select list, each output as {@code c_<property>}. */
	String select() {
		return this.outputs.stream()
			.map((output) -> output.sql() + " as c_" + output.property())
			.collect(Collectors.joining(", "));
	}

	/** The conditions of the {@code filter(...)} steps, each starting with " and ". */
	String where() {
		return this.where;
	}

	/** The {@code group by} clause, or nothing for a single aggregate row. */
	String groupBy() {
		List<String> grouped = this.outputs.stream().filter(Output::grouped).map(Output::sql).toList();
		return grouped.isEmpty() ? "" : " group by " + String.join(", ", grouped);
	}

	/**
	 * The {@code order by} clause: {@code $orderby} over the results' properties, then
	 * every grouped property, so that pages are stable.
	 */
	String orderBy(OrderByOption orderBy) throws ODataApplicationException {
		List<String> terms = new ArrayList<>();
		if (orderBy != null) {
			for (OrderByItem item : orderBy.getOrders()) {
				Output output = (item.getExpression() instanceof Member member) ? output(member) : null;
				if (output == null) {
					throw badRequest("With $apply, $orderby takes the names of the results' properties");
				}
				terms.add("c_" + output.property() + (item.isDescending() ? " desc" : " asc"));
			}
		}
		this.outputs.stream().filter(Output::grouped).forEach((output) -> terms.add("c_" + output.property()));
		return terms.isEmpty() ? "" : " order by " + String.join(", ", terms);
	}

	List<Output> outputs() {
		return this.outputs;
	}

	/**
	 * The entity type the results are written with: only their properties, no key.
	 * @param base the entity set's type
	 * @param applied the type Olingo derived from {@code $apply}
	 */
	EdmEntityType resultType(EdmEntityType base, EdmStructuredType applied) {
		Map<String, EdmProperty> properties = new java.util.LinkedHashMap<>();
		for (Output output : this.outputs) {
			EdmProperty property = applied.getStructuralProperty(output.property());
			if (!output.grouped() && output.type() == EdmPrimitiveTypeKind.Decimal) {
				// An average has more decimals than the hours it is made of.
				property = new DynamicProperty(output.property(), property.getType()).setPrecision(null)
					.setScale(DECIMAL_SCALE);
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

	private static Output grouped(GroupByItem item, ReportingTable table) throws ODataApplicationException {
		if (item.isRollupAll() || !item.getRollup().isEmpty() || item.getPath().size() != 1
				|| !(item.getPath().get(0) instanceof UriResourcePrimitiveProperty property)) {
			throw badRequest("groupby takes property names, e.g. groupby((ProjectKey))");
		}
		ReportingTable.Column column = table.column(property.getProperty().getName());
		if (column == null) {
			throw badRequest("Unknown property " + property.getProperty().getName());
		}
		return new Output(column.property(), column.sql(), column.type(), true);
	}

	private static List<Output> aggregates(Aggregate aggregate, ReportingTable table, Map<String, Object> parameters,
			EdmStructuredType applied) throws ODataApplicationException {
		List<Output> outputs = new ArrayList<>();
		for (AggregateExpression expression : aggregate.getExpressions()) {
			String alias = expression.getAlias();
			if (alias == null || expression.getInlineAggregateExpression() != null || !expression.getFrom().isEmpty()) {
				throw badRequest("aggregate takes 'Property with method as Alias' or '$count as Alias'");
			}
			String sql;
			if (isCount(expression)) {
				sql = "count(*)";
			}
			else {
				String argument = argument(expression, table, parameters);
				AggregateExpression.StandardMethod method = expression.getStandardMethod();
				if (method == null) {
					throw badRequest("The Reporting API aggregates with sum, min, max, average and countdistinct");
				}
				sql = switch (method) {
					case SUM -> "sum(" + argument + ")";
					case MIN -> "min(" + argument + ")";
					case MAX -> "max(" + argument + ")";
					case AVERAGE -> "avg(" + argument + ")";
					case COUNT_DISTINCT -> "count(distinct " + argument + ")";
				};
			}
			outputs.add(new Output(alias, sql, kind(applied, alias), false));
		}
		return outputs;
	}

	private static boolean isCount(AggregateExpression expression) {
		List<UriResource> path = expression.getPath();
		return expression.getExpression() == null && path.size() == 1 && path.get(0) instanceof UriResourceCount;
	}

	private static String argument(AggregateExpression expression, ReportingTable table, Map<String, Object> parameters)
			throws ODataApplicationException {
		if (expression.getExpression() != null) {
			try {
				return expression.getExpression().accept(new SqlFilter(table, parameters));
			}
			catch (ExpressionVisitException ex) {
				throw badRequest("The aggregate cannot be read: " + ex.getMessage());
			}
		}
		List<UriResource> path = expression.getPath();
		if (path.size() == 1 && path.get(0) instanceof UriResourcePrimitiveProperty property) {
			ReportingTable.Column column = table.column(property.getProperty().getName());
			if (column != null) {
				return column.sql();
			}
		}
		throw badRequest("aggregate takes a property of the entity set, e.g. Hours with sum as Total");
	}

	private static EdmPrimitiveTypeKind kind(EdmStructuredType applied, String alias) throws ODataApplicationException {
		EdmProperty property = (applied != null) ? applied.getStructuralProperty(alias) : null;
		if (property == null || !(property.getType().getKind() == EdmTypeKind.PRIMITIVE)) {
			throw badRequest("The aggregate " + alias + " cannot be typed");
		}
		try {
			return EdmPrimitiveTypeKind.valueOfFQN(property.getType().getFullQualifiedName());
		}
		catch (IllegalArgumentException ex) {
			throw badRequest("The aggregate " + alias + " cannot be typed");
		}
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
	 * @param sql its SQL expression
	 * @param type its EDM type
	 * @param grouped whether the results are grouped by it
	 */
	record Output(String property, String sql, EdmPrimitiveTypeKind type, boolean grouped) {
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
