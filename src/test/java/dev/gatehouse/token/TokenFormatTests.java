package dev.gatehouse.token;

import dev.gatehouse.token.TokenFormat.ParsedToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The token format: a generated token parses back to its kind, and anything else (a
 * mistyped character, another prefix, a token cut or extended, nothing) is refused
 * without a lookup.
 */
class TokenFormatTests {

	private final TokenFormat format = new TokenFormat("");

	@ParameterizedTest
	@EnumSource(TokenKind.class)
	void parseWhenGeneratedThenItsKindAndBody(TokenKind kind) {
		String token = this.format.generate(kind);

		assertThat(token).startsWith(kind.prefix())
			.hasSize(kind.prefix().length() + TokenFormat.RANDOM_LENGTH + TokenFormat.CHECKSUM_LENGTH);
		assertThat(this.format.parse(token)).contains(new ParsedToken(kind,
				token.substring(kind.prefix().length(), token.length() - TokenFormat.CHECKSUM_LENGTH)));
	}

	@Test
	void parseWhenOneCharacterMistypedThenRefused() {
		String token = this.format.generate(TokenKind.PERSONAL);
		int position = TokenKind.PERSONAL.prefix().length() + 5;
		char typo = (token.charAt(position) == 'a') ? 'b' : 'a';

		assertThat(this.format.parse(token.substring(0, position) + typo + token.substring(position + 1))).isEmpty();
	}

	@Test
	void parseWhenAnotherPrefixThenRefused() {
		String token = this.format.generate(TokenKind.PERSONAL);

		assertThat(this.format.parse("ghp_" + token.substring(TokenKind.PERSONAL.prefix().length()))).isEmpty();
		// The checksum covers the prefix: relabelling a token as another kind breaks it.
		assertThat(
				this.format.parse(TokenKind.PROJECT.prefix() + token.substring(TokenKind.PERSONAL.prefix().length())))
			.isEmpty();
	}

	@Test
	void parseWhenCutOrExtendedThenRefused() {
		String token = this.format.generate(TokenKind.PROJECT);

		assertThat(this.format.parse(token.substring(0, token.length() - 1))).isEmpty();
		assertThat(this.format.parse(token + "a")).isEmpty();
		assertThat(this.format.parse(TokenKind.PROJECT.prefix() + token.substring(token.length() - 6))).isEmpty();
		assertThat(this.format.parse(token + "a".repeat(200))).isEmpty();
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { " ", "gpat_", "not a token" })
	void parseWhenNullOrBlankOrNoTokenThenRefused(String text) {
		assertThat(this.format.parse(text)).isEmpty();
	}

	@Test
	void parseWhenInstancePrefixedThenOnlyThatInstancesTokens() {
		TokenFormat acme = new TokenFormat("acme");
		String token = acme.generate(TokenKind.SERVICE);

		assertThat(token).startsWith("acme_gsvc_");
		assertThat(acme.parse(token))
			.hasValueSatisfying((parsed) -> assertThat(parsed.kind()).isEqualTo(TokenKind.SERVICE));
		assertThat(this.format.parse(token)).isEmpty();
		assertThat(acme.parse(this.format.generate(TokenKind.SERVICE))).isEmpty();
	}

	@Test
	void constructorWhenInstancePrefixNotLowerCaseAlphanumericThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TokenFormat("Acme_1"));
	}

}
