package dev.gatehouse.pairing;

import java.security.SecureRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * User codes: eight unambiguous consonants, read however the user types them.
 */
class UserCodesTests {

	@Test
	void generateWhenManyThenOnlyConsonantsWithoutLookAlikes() {
		SecureRandom random = new SecureRandom();
		for (int i = 0; i < 1_000; i++) {
			assertThat(UserCodes.generate(random)).hasSize(8)
				.matches("[BCDFGHJKLMNPQRSTVWXZ]+")
				.doesNotContain("O", "I");
		}
	}

	@Test
	void normaliseWhenTypedWithDashSpacesOrLowerCaseThenTheStoredCode() {
		assertThat(UserCodes.normalise("bcdf-ghjk")).hasValue("BCDFGHJK");
		assertThat(UserCodes.normalise(" BCDF GHJK ")).hasValue("BCDFGHJK");
		assertThat(UserCodes.display("BCDFGHJK")).isEqualTo("BCDF-GHJK");
	}

	@Test
	void normaliseWhenNotACodeThenEmpty() {
		assertThat(UserCodes.normalise("BCDF-GHJ")).isEmpty();
		assertThat(UserCodes.normalise("BCDF-GHJ0")).isEmpty();
		assertThat(UserCodes.normalise("ABCD-EFGH")).isEmpty();
		assertThat(UserCodes.normalise("B".repeat(40))).isEmpty();
		assertThat(UserCodes.normalise(null)).isEmpty();
	}

}
