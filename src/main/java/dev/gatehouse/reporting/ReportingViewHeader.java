package dev.gatehouse.reporting;

import java.util.Locale;

/**
 * The response header that tells a script which view its report was read with
 * ({@code all-projects}, {@code through-service-account}, {@code own-projects}): with
 * {@code own-projects}, totals may miss hours of projects the caller cannot access, which
 * pages say in words (SPEC §6.5).
 */
final class ReportingViewHeader {

	static final String NAME = "Gatehouse-Reporting-View";

	private ReportingViewHeader() {
	}

	static String value(ReportingView view) {
		return view.reach().name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
