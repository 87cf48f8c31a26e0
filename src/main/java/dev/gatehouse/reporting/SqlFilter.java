package dev.gatehouse.reporting;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.gatehouse.system.TextRules;
import org.apache.olingo.commons.api.edm.EdmEnumType;
import org.apache.olingo.commons.api.edm.EdmType;
import org.apache.olingo.commons.api.http.HttpStatusCode;
import org.apache.olingo.server.api.ODataApplicationException;
import org.apache.olingo.server.api.uri.UriResource;
import org.apache.olingo.server.api.uri.UriResourcePrimitiveProperty;
import org.apache.olingo.server.api.uri.queryoption.expression.BinaryOperatorKind;
import org.apache.olingo.server.api.uri.queryoption.expression.Expression;
import org.apache.olingo.server.api.uri.queryoption.expression.ExpressionVisitor;
import org.apache.olingo.server.api.uri.queryoption.expression.Literal;
import org.apache.olingo.server.api.uri.queryoption.expression.Member;
import org.apache.olingo.server.api.uri.queryoption.expression.MethodKind;
import org.apache.olingo.server.api.uri.queryoption.expression.UnaryOperatorKind;

/**
 * An OData {@code $filter} (or {@code $orderby} expression) as SQL over a
 * {@link ReportingTable}: properties become their columns, every literal a bound
 * parameter. What it does not support is refused with 400, never guessed.
 */
final class SqlFilter implements ExpressionVisitor<String> {

	private static final String NULL = "null";

	private final ReportingTable table;

	private final Map<String, Object> parameters;

	private final java.util.function.Function<ReportingTable.Column, String> columns;

	SqlFilter(ReportingTable table, Map<String, Object> parameters) {
		this(table, parameters, ReportingTable.Column::sql);
	}

	/**
	 * @param table the table whose properties the expression names
	 * @param parameters where bound values go
	 * @param columns how a property is written in SQL, e.g. as its column
	 */
	SqlFilter(ReportingTable table, Map<String, Object> parameters,
			java.util.function.Function<ReportingTable.Column, String> columns) {
		this.table = table;
		this.parameters = parameters;
		this.columns = columns;
	}

	@Override
	public String visitBinaryOperator(BinaryOperatorKind operator, String left, String right)
			throws ODataApplicationException {
		return switch (operator) {
			case AND -> "(" + left + " and " + right + ")";
			case OR -> "(" + left + " or " + right + ")";
			case EQ -> NULL.equals(right) ? "(" + left + " is null)" : "(" + left + " = " + right + ")";
			case NE -> NULL.equals(right) ? "(" + left + " is not null)" : "(" + left + " <> " + right + ")";
			case GT -> "(" + left + " > " + right + ")";
			case GE -> "(" + left + " >= " + right + ")";
			case LT -> "(" + left + " < " + right + ")";
			case LE -> "(" + left + " <= " + right + ")";
			default -> throw unsupported("the operator " + operator.toString().toLowerCase(Locale.ROOT));
		};
	}

	@Override
	public String visitBinaryOperator(BinaryOperatorKind operator, String left, List<String> right)
			throws ODataApplicationException {
		if (operator != BinaryOperatorKind.IN || right.isEmpty()) {
			throw unsupported("the operator " + operator.toString().toLowerCase(Locale.ROOT));
		}
		return "(" + left + " in (" + String.join(", ", right) + "))";
	}

	@Override
	public String visitUnaryOperator(UnaryOperatorKind operator, String operand) throws ODataApplicationException {
		if (operator == UnaryOperatorKind.NOT) {
			return "(not " + operand + ")";
		}
		throw unsupported("the operator " + operator.toString().toLowerCase(Locale.ROOT));
	}

	@Override
	public String visitMethodCall(MethodKind method, List<String> arguments) throws ODataApplicationException {
		return switch (method) {
			case CONTAINS -> like(arguments, "%", "%");
			case STARTSWITH -> like(arguments, "", "%");
			case ENDSWITH -> like(arguments, "%", "");
			case TOLOWER -> "lower(" + arguments.get(0) + ")";
			case TOUPPER -> "upper(" + arguments.get(0) + ")";
			case YEAR -> "extract(year from " + arguments.get(0) + ")";
			case MONTH -> "extract(month from " + arguments.get(0) + ")";
			case DAY -> "extract(day from " + arguments.get(0) + ")";
			default -> throw unsupported("the function " + method.toString().toLowerCase(Locale.ROOT));
		};
	}

	@Override
	public String visitLiteral(Literal literal) throws ODataApplicationException {
		String text = literal.getText();
		EdmType type = literal.getType();
		if (type == null || NULL.equals(text)) {
			return NULL;
		}
		Object value = switch (type.getName()) {
			case "String" -> text.substring(1, text.length() - 1).replace("''", "'");
			case "Date" -> LocalDate.parse(text);
			case "Boolean" -> Boolean.valueOf(text);
			case "SByte", "Byte", "Int16", "Int32", "Int64" -> Long.valueOf(text);
			case "Decimal", "Double", "Single" -> new BigDecimal(text);
			default -> throw unsupported("a literal of type " + type.getName());
		};
		return bind(value);
	}

	@Override
	public String visitMember(Member member) throws ODataApplicationException {
		List<UriResource> path = member.getResourcePath().getUriResourceParts();
		if (path.size() != 1 || !(path.get(0) instanceof UriResourcePrimitiveProperty property)) {
			throw unsupported("this property path");
		}
		ReportingTable.Column column = this.table.column(property.getProperty().getName());
		if (column == null) {
			throw new ODataApplicationException("Unknown property " + property.getProperty().getName(),
					HttpStatusCode.BAD_REQUEST.getStatusCode(), Locale.ROOT);
		}
		return this.columns.apply(column);
	}

	@Override
	public String visitAlias(String alias) throws ODataApplicationException {
		throw unsupported("parameter aliases");
	}

	@Override
	public String visitTypeLiteral(EdmType type) throws ODataApplicationException {
		throw unsupported("type literals");
	}

	@Override
	public String visitLambdaReference(String variable) throws ODataApplicationException {
		throw unsupported("lambda expressions");
	}

	@Override
	public String visitLambdaExpression(String function, String variable, Expression expression)
			throws ODataApplicationException {
		throw unsupported("lambda expressions");
	}

	@Override
	public String visitEnum(EdmEnumType type, List<String> values) throws ODataApplicationException {
		throw unsupported("enumerations");
	}

	/** {@code contains}, {@code startswith}, {@code endswith}: case-insensitive. */
	private String like(List<String> arguments, String before, String after) throws ODataApplicationException {
		Object value = this.parameters.get(arguments.get(1).substring(1));
		if (!(value instanceof String text)) {
			throw unsupported("this function with a second argument that is not a text literal");
		}
		String pattern = before + TextRules.likeLiteral(text.toLowerCase(Locale.ROOT)) + after;
		this.parameters.put(arguments.get(1).substring(1), pattern);
		return "(lower(" + arguments.get(0) + ") like " + arguments.get(1) + " escape '" + TextRules.LIKE_ESCAPE + "')";
	}

	private String bind(Object value) {
		String name = "o" + this.parameters.size();
		this.parameters.put(name, value);
		return ":" + name;
	}

	private static ODataApplicationException unsupported(String what) {
		return new ODataApplicationException("The Reporting API does not support " + what,
				HttpStatusCode.BAD_REQUEST.getStatusCode(), Locale.ROOT);
	}

}
