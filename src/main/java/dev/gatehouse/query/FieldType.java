package dev.gatehouse.query;

/**
 * The type of a field that {@code where} and {@code orderBy} may name; it decides which
 * literals a comparison accepts.
 */
public enum FieldType {

	/** Compared case-insensitively; {@code contains} applies. */
	TEXT,

	/** Whole numbers, such as ids. */
	INTEGER,

	/** Decimal numbers, such as effort. */
	DECIMAL,

	/** {@code true} or {@code false}. */
	BOOLEAN,

	/** An ISO-8601 date ({@code 2026-11-22}, start of day UTC) or instant. */
	INSTANT,

	/**
	 * A calendar date ({@code 2026-11-22}), compared as a date on every database, never
	 * through a time zone.
	 */
	DATE

}
