package dev.gatehouse.system;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Text that goes into CSV exports never runs as a spreadsheet formula.
 */
class TextRulesTests {

	@Test
	void spreadsheetSafeWhenTextStartsLikeAFormulaThenApostropheFirst() {
		assertThat(TextRules.spreadsheetSafe("=cmd|' /C calc'!A0")).isEqualTo("'=cmd|' /C calc'!A0");
		assertThat(TextRules.spreadsheetSafe("+1")).isEqualTo("'+1");
		assertThat(TextRules.spreadsheetSafe("-2")).isEqualTo("'-2");
		assertThat(TextRules.spreadsheetSafe("@SUM(A1)")).isEqualTo("'@SUM(A1)");
		assertThat(TextRules.spreadsheetSafe("\tx")).isEqualTo("'\tx");
	}

	@Test
	void spreadsheetSafeWhenOrdinaryTextOrNothingThenUnchanged() {
		assertThat(TextRules.spreadsheetSafe("token #17 \"=cmd\"")).isEqualTo("token #17 \"=cmd\"");
		assertThat(TextRules.spreadsheetSafe("")).isEmpty();
		assertThat(TextRules.spreadsheetSafe(null)).isNull();
	}

}
