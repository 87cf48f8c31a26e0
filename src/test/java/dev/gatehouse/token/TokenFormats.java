package dev.gatehouse.token;

/**
 * Token formats for tests outside this package.
 */
public final class TokenFormats {

	private TokenFormats() {
	}

	/**
	 * The format of a server without an instance prefix.
	 * @return the format
	 */
	public static TokenFormat plain() {
		return new TokenFormat("");
	}

}
