package dev.gatehouse.query;

import java.util.List;

import dev.gatehouse.system.InvalidRequestException;

/**
 * What a caller asked of a collection: {@code take} (default 25, at most 1000),
 * {@code skip}, {@code where}, {@code orderBy} and {@code orderByDesc} (SPEC §7.3).
 * Controllers receive it as a method argument; parameter names are case-insensitive.
 *
 * @param take how many items to return
 * @param skip how many items to pass over
 * @param where the filter, or {@code null}
 * @param orderBy fields to sort by ascending
 * @param orderByDesc fields to sort by descending
 */
public record CollectionParameters(int take, int skip, String where, List<String> orderBy, List<String> orderByDesc) {

	public static final int DEFAULT_TAKE = 25;

	public static final int MAX_TAKE = 1000;

	public static final int MAX_SKIP = 10_000_000;

	public CollectionParameters {
		if (take < 1 || take > MAX_TAKE) {
			throw new InvalidRequestException("take must be between 1 and " + MAX_TAKE);
		}
		if (skip < 0 || skip > MAX_SKIP) {
			throw new InvalidRequestException("skip must be between 0 and " + MAX_SKIP);
		}
		orderBy = List.copyOf(orderBy);
		orderByDesc = List.copyOf(orderByDesc);
	}

	public static CollectionParameters firstPage() {
		return new CollectionParameters(DEFAULT_TAKE, 0, null, List.of(), List.of());
	}

}
