package dev.gatehouse.reporting;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A feed position survives its round trip through a {@code $skiptoken} with every value
 * type the feed orders by, and nothing but this server's own token for the same query is
 * read back.
 */
class FeedPositionTests {

	private static final byte[] KEY = new byte[32];

	private static final String SCOPE = "WorkLogs?$orderby=WorkItemName";

	@Test
	void signWhenReadBackForTheSameQueryThenTheSamePosition() {
		FeedPosition position = new FeedPosition(2000, Arrays.<Object>asList(null, 7L, LocalDate.of(2026, 12, 3),
				new BigDecimal("7.50"), true, "Restricted work item #12 ~ é.~"));

		assertThat(FeedPosition.read(position.sign(KEY, SCOPE), KEY, SCOPE)).hasValue(position);
	}

	@Test
	void readWhenSignedForAnotherQueryOrKeyThenEmpty() {
		String token = new FeedPosition(5, List.<Object>of(3L)).sign(KEY, SCOPE);
		byte[] otherKey = new byte[32];
		otherKey[0] = 1;

		assertThat(FeedPosition.read(token, KEY, SCOPE + "&$top=9")).isEmpty();
		assertThat(FeedPosition.read(token, otherKey, SCOPE)).isEmpty();
	}

	@Test
	void readWhenChangedOrMadeUpThenEmpty() {
		String token = new FeedPosition(5, List.<Object>of(3L)).sign(KEY, SCOPE);

		assertThat(FeedPosition.read(token.replaceFirst("^5", "6"), KEY, SCOPE)).isEmpty();
		assertThat(FeedPosition.read("5", KEY, SCOPE)).isEmpty();
		assertThat(FeedPosition.read("5~", KEY, SCOPE)).isEmpty();
		assertThat(FeedPosition.read("5~%%%", KEY, SCOPE)).isEmpty();
		assertThat(FeedPosition.read("", KEY, SCOPE)).isEmpty();
	}

}
