package dev.gatehouse.query;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a collection as a service returns it.
 *
 * @param <T> the item type
 * @param items the items
 * @param skip how many items come before this page
 * @param take the page size asked for
 * @param hasMore whether items follow this page
 */
public record CollectionPage<T>(List<T> items, int skip, int take, boolean hasMore) {

	public <R> CollectionPage<R> map(Function<? super T, ? extends R> mapper) {
		return new CollectionPage<>(this.items.stream().<R>map(mapper).toList(), this.skip, this.take, this.hasMore);
	}

}
