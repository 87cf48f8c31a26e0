package dev.gatehouse.query;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.gatehouse.query.QueryFields.Field;
import dev.gatehouse.system.InvalidRequestException;
import dev.gatehouse.system.TextRules;

/**
 * Parses the Targetprocess {@code where} language into a SQL condition with bound
 * parameters, e.g. {@code (Name contains 'api') and (Effort gt 3)}. Supported:
 * {@code eq ne gt gte lt lte contains in}, {@code is null}, {@code is not null},
 * {@code and}, parentheses. Field names come from {@link QueryFields}; every literal
 * becomes a named parameter.
 */
final class WhereClause {

	static final int MAX_LENGTH = 2000;

	static final int MAX_CONDITIONS = 20;

	static final int MAX_IN_VALUES = 100;

	private static final int MAX_DEPTH = 8;

	private final List<Token> tokens;

	private final QueryFields fields;

	private final Map<String, Object> parameters;

	private int position;

	private int conditions;

	private WhereClause(List<Token> tokens, QueryFields fields, Map<String, Object> parameters) {
		this.tokens = tokens;
		this.fields = fields;
		this.parameters = parameters;
	}

	/**
	 * Parses {@code where} into SQL, adding its literals to {@code parameters}.
	 * @param where the caller's filter
	 * @param fields the fields it may name
	 * @param parameters receives the bound values, named {@code w0}, {@code w1}, ...
	 * @return the SQL condition
	 */
	static String toSql(String where, QueryFields fields, Map<String, Object> parameters) {
		if (where.length() > MAX_LENGTH) {
			throw invalid("is longer than " + MAX_LENGTH + " characters");
		}
		WhereClause clause = new WhereClause(tokenize(where), fields, parameters);
		if (clause.tokens.isEmpty()) {
			throw invalid("is empty");
		}
		String sql = clause.conjunction(0);
		if (clause.position < clause.tokens.size()) {
			throw invalid("has unexpected '" + clause.tokens.get(clause.position).text()
					+ "'; conditions are joined with 'and'");
		}
		return sql;
	}

	private String conjunction(int depth) {
		if (depth > MAX_DEPTH) {
			throw invalid("nests parentheses too deeply");
		}
		List<String> terms = new ArrayList<>();
		terms.add(term(depth));
		while (peekKeyword("and")) {
			this.position++;
			terms.add(term(depth));
		}
		return String.join(" and ", terms);
	}

	private String term(int depth) {
		Token token = next("a condition");
		if (token.kind() == Kind.OPEN) {
			String inner = conjunction(depth + 1);
			expect(Kind.CLOSE, "')'");
			return "(" + inner + ")";
		}
		if (token.kind() != Kind.WORD) {
			throw invalid("expects a field name where it has '" + token.text() + "'");
		}
		if (++this.conditions > MAX_CONDITIONS) {
			throw invalid("has more than " + MAX_CONDITIONS + " conditions");
		}
		return comparison(this.fields.get(token.text(), "where"));
	}

	private String comparison(Field field) {
		String operator = next("an operator after '" + field.name() + "'").text().toLowerCase(Locale.ROOT);
		return switch (operator) {
			case "eq" -> compare(field, "=", true);
			case "ne" -> compare(field, "<>", true);
			case "gt" -> compare(field, ">", false);
			case "gte" -> compare(field, ">=", false);
			case "lt" -> compare(field, "<", false);
			case "lte" -> compare(field, "<=", false);
			case "contains" -> contains(field);
			case "in" -> in(field);
			case "is" -> isNull(field);
			default -> throw invalid("has unknown operator '" + operator
					+ "'; use eq, ne, gt, gte, lt, lte, contains, in, is null or is not null");
		};
	}

	private String compare(Field field, String sqlOperator, boolean equality) {
		if (!equality && field.type() == FieldType.BOOLEAN) {
			throw invalid("can only compare " + field.name() + " with eq or ne");
		}
		Object value = literal(field);
		if (field.type() == FieldType.TEXT) {
			return "lower(" + field.column() + ") " + sqlOperator + " " + bind(value);
		}
		return field.column() + " " + sqlOperator + " " + bind(value);
	}

	private String contains(Field field) {
		if (field.type() != FieldType.TEXT) {
			throw invalid("can only use contains on text fields, not on " + field.name());
		}
		String text = (String) literal(field);
		String pattern = "%" + TextRules.likeLiteral(text) + "%";
		return "lower(" + field.column() + ") like " + bind(pattern) + " escape '" + TextRules.LIKE_ESCAPE + "'";
	}

	private String in(Field field) {
		if (field.type() == FieldType.BOOLEAN) {
			throw invalid("cannot use in with " + field.name());
		}
		expect(Kind.OPEN, "'(' after in");
		List<Object> values = new ArrayList<>();
		do {
			values.add(literal(field));
			if (values.size() > MAX_IN_VALUES) {
				throw invalid("lists more than " + MAX_IN_VALUES + " values after in");
			}
		}
		while (accept(Kind.COMMA));
		expect(Kind.CLOSE, "')' to close the in list");
		String column = (field.type() == FieldType.TEXT) ? "lower(" + field.column() + ")" : field.column();
		return column + " in (" + bind(values) + ")";
	}

	private String isNull(Field field) {
		boolean negated = peekKeyword("not");
		if (negated) {
			this.position++;
		}
		if (!peekKeyword("null")) {
			throw invalid("expects 'null' after 'is" + (negated ? " not" : "") + "'");
		}
		this.position++;
		return field.column() + (negated ? " is not null" : " is null");
	}

	private Object literal(Field field) {
		Token token = next("a value for " + field.name());
		try {
			return switch (field.type()) {
				case TEXT -> {
					requireKind(token, Kind.STRING, field, "a quoted text such as 'abc'");
					yield token.text().toLowerCase(Locale.ROOT);
				}
				case INTEGER -> {
					requireKind(token, Kind.NUMBER, field, "a whole number");
					yield Long.parseLong(token.text());
				}
				case DECIMAL -> {
					requireKind(token, Kind.NUMBER, field, "a number");
					yield new BigDecimal(token.text());
				}
				case BOOLEAN -> booleanValue(token, field);
				case INSTANT -> {
					requireKind(token, Kind.STRING, field, "a quoted date such as '2026-11-22'");
					yield instant(token.text());
				}
				case DATE -> {
					requireKind(token, Kind.STRING, field, "a quoted date such as '2026-11-22'");
					LocalDate date = LocalDate.parse(token.text());
					if (date.getYear() < 1 || date.getYear() > 9999) {
						throw new DateTimeException("Year out of range");
					}
					yield date;
				}
			};
		}
		catch (NumberFormatException | DateTimeException ex) {
			throw invalid("has an invalid value '" + token.text() + "' for " + field.name());
		}
	}

	private static Boolean booleanValue(Token token, Field field) {
		String text = token.text().toLowerCase(Locale.ROOT);
		if (token.kind() != Kind.NUMBER && (text.equals("true") || text.equals("false"))) {
			return Boolean.valueOf(text);
		}
		throw invalid("expects true or false for " + field.name());
	}

	private static OffsetDateTime instant(String text) {
		OffsetDateTime instant;
		if (text.length() == 10) {
			instant = LocalDate.parse(text).atStartOfDay().atOffset(ZoneOffset.UTC);
		}
		else if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")) {
			instant = OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC);
		}
		else {
			instant = LocalDateTime.parse(text).atOffset(ZoneOffset.UTC);
		}
		if (instant.getYear() < 1 || instant.getYear() > 9999) {
			throw new DateTimeException("Year out of range");
		}
		return instant;
	}

	static Instant parseInstant(String text) {
		return instant(text).toInstant();
	}

	private String bind(Object value) {
		String name = "w" + this.parameters.size();
		this.parameters.put(name, value);
		return ":" + name;
	}

	private static void requireKind(Token token, Kind kind, Field field, String expected) {
		if (token.kind() != kind) {
			throw invalid("expects " + expected + " for " + field.name() + ", not " + token.text());
		}
	}

	private boolean peekKeyword(String keyword) {
		return this.position < this.tokens.size() && this.tokens.get(this.position).kind() == Kind.WORD
				&& this.tokens.get(this.position).text().equalsIgnoreCase(keyword);
	}

	private boolean accept(Kind kind) {
		if (this.position < this.tokens.size() && this.tokens.get(this.position).kind() == kind) {
			this.position++;
			return true;
		}
		return false;
	}

	private void expect(Kind kind, String what) {
		if (!accept(kind)) {
			throw invalid("expects " + what);
		}
	}

	private Token next(String what) {
		if (this.position >= this.tokens.size()) {
			throw invalid("ends where it expects " + what);
		}
		return this.tokens.get(this.position++);
	}

	private static List<Token> tokenize(String text) {
		List<Token> tokens = new ArrayList<>();
		int i = 0;
		while (i < text.length()) {
			char c = text.charAt(i);
			if (Character.isWhitespace(c)) {
				i++;
			}
			else if (c == '(' || c == ')' || c == ',') {
				tokens.add(new Token((c == '(') ? Kind.OPEN : (c == ')') ? Kind.CLOSE : Kind.COMMA, String.valueOf(c)));
				i++;
			}
			else if (c == '\'' || c == '"') {
				i = quoted(text, i, c, tokens);
			}
			else if (Character.isDigit(c)
					|| (c == '-' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1)))) {
				int end = i + 1;
				while (end < text.length() && (Character.isDigit(text.charAt(end)) || text.charAt(end) == '.')) {
					end++;
				}
				tokens.add(new Token(Kind.NUMBER, text.substring(i, end)));
				i = end;
			}
			else if (Character.isLetter(c) || c == '_') {
				int end = i + 1;
				while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_'
						|| text.charAt(end) == '.')) {
					end++;
				}
				tokens.add(new Token(Kind.WORD, text.substring(i, end)));
				i = end;
			}
			else {
				throw invalid("has an unexpected character " + String.format("U+%04X", text.codePointAt(i)));
			}
		}
		return tokens;
	}

	/**
	 * Reads a quoted literal; the quote character doubled stands for itself.
	 */
	private static int quoted(String text, int start, char quote, List<Token> tokens) {
		StringBuilder value = new StringBuilder();
		int i = start + 1;
		while (i < text.length()) {
			char c = text.charAt(i);
			if (c == quote) {
				if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
					value.append(quote);
					i += 2;
					continue;
				}
				tokens.add(new Token(Kind.STRING, value.toString()));
				return i + 1;
			}
			value.append(c);
			i++;
		}
		throw invalid("has a text value without its closing quote");
	}

	private static InvalidRequestException invalid(String problem) {
		return new InvalidRequestException("The where filter " + problem);
	}

	private enum Kind {

		WORD, STRING, NUMBER, OPEN, CLOSE, COMMA

	}

	private record Token(Kind kind, String text) {
	}

}
