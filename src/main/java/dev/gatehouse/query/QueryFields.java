package dev.gatehouse.query;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.gatehouse.system.InvalidRequestException;

/**
 * The fields of a resource that {@code where} and {@code orderBy} may name, each bound to
 * the SQL column that holds it. Only these names ever reach SQL, and only as the columns
 * written here: caller input is never concatenated into a statement.
 */
public final class QueryFields {

	private final Map<String, Field> fields = new LinkedHashMap<>();

	private QueryFields() {
	}

	public static QueryFields of() {
		return new QueryFields();
	}

	/**
	 * Adds a field.
	 * @param name the API name, e.g. {@code Login} or {@code Project.Id}
	 * @param column the SQL expression, written by the repository
	 * @param type the field's type
	 * @return this
	 */
	public QueryFields field(String name, String column, FieldType type) {
		this.fields.put(name.toLowerCase(Locale.ROOT), new Field(name, column, type));
		return this;
	}

	Optional<Field> find(String name) {
		return Optional.ofNullable(this.fields.get(name.toLowerCase(Locale.ROOT)));
	}

	Field get(String name, String clause) {
		return find(name).orElseThrow(() -> new InvalidRequestException(
				"Unknown field '" + name + "' in " + clause + "; known fields: " + names()));
	}

	String names() {
		return String.join(", ", this.fields.values().stream().map(Field::name).toList());
	}

	record Field(String name, String column, FieldType type) {
	}

}
