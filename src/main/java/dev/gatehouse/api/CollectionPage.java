package dev.gatehouse.api;

import java.util.List;
import java.util.function.Function;

import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

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

	/**
	 * The page in the API envelope, with {@code Prev} and {@code Next} links built from
	 * the current request's URL so that filters and format carry over.
	 * @param name the collection element name in XML
	 * @param itemName the item element name in XML
	 * @return the envelope
	 */
	public ResourceCollection<T> toCollection(String name, String itemName) {
		String prev = (this.skip > 0) ? link(Math.max(0, this.skip - this.take)) : null;
		String next = this.hasMore ? link(this.skip + this.take) : null;
		return new ResourceCollection<>(name, itemName, prev, next, this.items);
	}

	private String link(int skip) {
		return ServletUriComponentsBuilder.fromCurrentRequest()
			.replaceQueryParam("take", this.take)
			.replaceQueryParam("skip", skip)
			.build()
			.toUriString();
	}

}
