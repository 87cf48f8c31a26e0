package dev.gatehouse.token;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gatehouse.token.TokenFormat.ParsedToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token format sees every credential before anything else: any text is either a token
 * of one kind whose checksum holds, or nothing, and never an exception. In
 * {@code mvn verify} this replays the checked-in corpus; {@code JAZZER_FUZZ=1} fuzzes
 * ({@code docs/security.md}).
 */
class TokenFormatFuzzTests {

	private static final TokenFormat PLAIN = new TokenFormat("");

	private static final TokenFormat INSTANCE = new TokenFormat("acme");

	@FuzzTest(maxDuration = "3m")
	void parseWhenAnyTextThenATokenOfOneKindOrNothing(byte[] input) {
		String text = new String(input, StandardCharsets.UTF_8);

		for (TokenFormat format : new TokenFormat[] { PLAIN, INSTANCE }) {
			Optional<ParsedToken> parsed = format.parse(text);

			parsed.ifPresent((token) -> {
				assertThat(text).startsWith(((format == INSTANCE) ? "acme_" : "") + token.kind().prefix());
				assertThat(token.body()).matches("[0-9A-Za-z]+");
				assertThat(text).hasSizeLessThanOrEqualTo(200);
			});
		}
	}

	@FuzzTest(maxDuration = "1m")
	void parseWhenAGeneratedTokenIsChangedAnywhereThenRefused(FuzzedDataProvider data) {
		TokenKind kind = data.pickValue(TokenKind.values());
		String token = PLAIN.generate(kind);
		int position = data.consumeInt(0, token.length() - 1);
		char replacement = data.consumeChar();
		String changed = token.substring(0, position) + replacement + token.substring(position + 1);

		assertThat(PLAIN.parse(token)).hasValueSatisfying((parsed) -> assertThat(parsed.kind()).isEqualTo(kind));
		if (replacement != token.charAt(position)) {
			// CRC32 catches every single-character change.
			assertThat(PLAIN.parse(changed)).isEmpty();
		}
	}

}
