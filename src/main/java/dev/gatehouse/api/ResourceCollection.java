package dev.gatehouse.api;

import java.util.List;

import javax.xml.namespace.QName;

import dev.gatehouse.query.CollectionPage;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.dataformat.xml.ser.ToXmlGenerator;

import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * A page of a collection in the Targetprocess envelope (SPEC §7.3). JSON: {@code {"Prev":
 * url, "Next": url, "Items": [...]}}; XML:
 * {@code <Users Prev=".." Next=".."><User .../></Users>}. Links are absent at either end.
 *
 * @param <T> the item representation
 * @param name the collection element name in XML, e.g. {@code Users}
 * @param itemName the item element name in XML, e.g. {@code User}
 * @param prev the link to the previous page, or {@code null}
 * @param next the link to the next page, or {@code null}
 * @param items the items of this page
 */
@JsonSerialize(using = ResourceCollection.EnvelopeSerializer.class)
public record ResourceCollection<T>(String name, String itemName, String prev, String next, List<T> items) {

	/**
	 * A service's page in the envelope, with {@code Prev} and {@code Next} links built
	 * from the current request's URL so that filters and format carry over.
	 * @param <T> the item representation
	 * @param page the page
	 * @param name the collection element name in XML
	 * @param itemName the item element name in XML
	 * @return the envelope
	 */
	public static <T> ResourceCollection<T> of(CollectionPage<T> page, String name, String itemName) {
		String prev = (page.skip() > 0) ? link(page, Math.max(0, page.skip() - page.take())) : null;
		String next = page.hasMore() ? link(page, page.skip() + page.take()) : null;
		return new ResourceCollection<>(name, itemName, prev, next, page.items());
	}

	private static String link(CollectionPage<?> page, int skip) {
		return ServletUriComponentsBuilder.fromCurrentRequest()
			.replaceQueryParam("take", page.take())
			.replaceQueryParam("skip", skip)
			.build()
			.toUriString();
	}

	/**
	 * Writes the two shapes; the XML one differs in structure, not just in names, so it
	 * cannot be expressed with annotations alone.
	 */
	static final class EnvelopeSerializer extends ValueSerializer<ResourceCollection<?>> {

		@Override
		public void serialize(ResourceCollection<?> collection, JsonGenerator generator, SerializationContext context) {
			if (generator instanceof ToXmlGenerator xml) {
				writeXml(collection, xml, context);
			}
			else {
				writeJson(collection, generator, context);
			}
		}

		private void writeXml(ResourceCollection<?> collection, ToXmlGenerator xml, SerializationContext context) {
			if (xml.inRoot()) {
				xml.setNextName(new QName(collection.name()));
			}
			xml.writeStartObject();
			xml.setNextIsAttribute(true);
			writeLinks(collection, xml);
			xml.setNextIsAttribute(false);
			for (Object item : collection.items()) {
				xml.writeName(collection.itemName());
				context.writeValue(xml, item);
			}
			xml.writeEndObject();
		}

		private void writeJson(ResourceCollection<?> collection, JsonGenerator json, SerializationContext context) {
			json.writeStartObject();
			writeLinks(collection, json);
			json.writeName("Items");
			json.writeStartArray();
			for (Object item : collection.items()) {
				context.writeValue(json, item);
			}
			json.writeEndArray();
			json.writeEndObject();
		}

		private void writeLinks(ResourceCollection<?> collection, JsonGenerator generator) {
			if (collection.prev() != null) {
				generator.writeStringProperty("Prev", collection.prev());
			}
			if (collection.next() != null) {
				generator.writeStringProperty("Next", collection.next());
			}
		}

	}

}
