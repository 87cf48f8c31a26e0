package dev.gatehouse.system;

/**
 * What free text the API accepts: a bounded length and only characters that XML 1.0 can
 * carry (no control characters other than tab and line breaks, no unpaired surrogates),
 * so that everything stored can be answered in either format.
 */
public final class TextRules {

	private TextRules() {
	}

	/**
	 * A required one-line value, trimmed.
	 * @param field the field name for the message
	 * @param value the value
	 * @param max the most characters allowed
	 * @return the trimmed value
	 */
	public static String singleLine(String field, String value, int max) {
		String trimmed = (value != null) ? value.strip() : "";
		if (trimmed.isEmpty() || trimmed.length() > max || !isXmlText(trimmed, false)) {
			throw new InvalidRequestException(field + " must be 1 to " + max + " characters, on one line");
		}
		return trimmed;
	}

	/**
	 * An optional one-line value, trimmed; {@code null} stays {@code null}.
	 */
	public static String optionalSingleLine(String field, String value, int max) {
		if (value == null) {
			return null;
		}
		String trimmed = value.strip();
		if (trimmed.length() > max || !isXmlText(trimmed, false)) {
			throw new InvalidRequestException(field + " must be at most " + max + " characters, on one line");
		}
		return trimmed;
	}

	/**
	 * An optional multi-line value; empty means none.
	 */
	public static String multiLine(String field, String value, int max) {
		if (value == null || value.isEmpty()) {
			return null;
		}
		if (value.length() > max || !isXmlText(value, true)) {
			throw new InvalidRequestException(field + " must be at most " + max
					+ " characters, without control characters other than tabs and line breaks");
		}
		return value;
	}

	/**
	 * The escape character of {@link #likeLiteral}; append {@code escape '!'} to the SQL.
	 */
	public static final String LIKE_ESCAPE = "!";

	/**
	 * Text matched literally by SQL {@code like ... escape '!'}: its own {@code %} and
	 * {@code _} are no wildcards.
	 * @param text the text
	 * @return the escaped text, to be wrapped in wildcards by the caller
	 */
	public static String likeLiteral(String text) {
		return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
	}

	/**
	 * Text for a CSV cell that a spreadsheet shows as it is: text that would start a
	 * formula ({@code = + - @}, tab, carriage return) gets a leading apostrophe.
	 * @param text the text, or {@code null}
	 * @return the cell's text, or {@code null}
	 */
	public static String spreadsheetSafe(String text) {
		if (text != null && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
			return "'" + text;
		}
		return text;
	}

	/**
	 * The text with everything XML cannot carry replaced, for echoing caller input in
	 * messages.
	 * @param text any text
	 * @return printable text
	 */
	public static String printable(String text) {
		StringBuilder printable = new StringBuilder(text.length());
		text.codePoints().forEach((codePoint) -> {
			if (isAllowed(codePoint, false)) {
				printable.appendCodePoint(codePoint);
			}
			else {
				printable.append(String.format("U+%04X", codePoint));
			}
		});
		return printable.toString();
	}

	private static boolean isXmlText(String text, boolean lineBreaks) {
		return text.codePoints().allMatch((codePoint) -> isAllowed(codePoint, lineBreaks));
	}

	private static boolean isAllowed(int codePoint, boolean lineBreaks) {
		if (codePoint == '\t' || codePoint == '\n' || codePoint == '\r') {
			return lineBreaks;
		}
		// Unpaired surrogates arrive as lone code points in the surrogate range.
		return codePoint >= 0x20 && !(codePoint >= 0x7F && codePoint <= 0x9F)
				&& !(codePoint >= 0xD800 && codePoint <= 0xDFFF) && codePoint != 0xFFFE && codePoint != 0xFFFF;
	}

	/**
	 * Text cut to fit a column, {@code null} read as empty.
	 * @param text the text
	 * @param max the most characters kept
	 * @return the text, at most {@code max} characters long
	 */
	public static String cut(String text, int max) {
		String value = (text != null) ? text : "";
		return (value.length() > max) ? value.substring(0, max) : value;
	}

}
