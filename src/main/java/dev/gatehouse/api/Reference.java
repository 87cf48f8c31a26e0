package dev.gatehouse.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gatehouse.system.InvalidRequestException;

/**
 * A reference to another entity in a write body: {@code "Role": {"Id": 7}}.
 *
 * @param id the referenced entity's id
 */
public record Reference(@JsonProperty("Id") Long id) {

	/**
	 * The id, refusing a reference without one.
	 * @param field the field name for the error message
	 * @return the id
	 */
	public long requireId(String field) {
		if (this.id == null) {
			throw new InvalidRequestException(field + " must name an entity by its Id, e.g. {\"Id\": 1}");
		}
		return this.id;
	}

}
