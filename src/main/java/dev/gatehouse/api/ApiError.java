package dev.gatehouse.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRootName;
import dev.gatehouse.system.TextRules;

import org.springframework.http.HttpStatusCode;

/**
 * The API error body (SPEC §7.4): {@code {"Status": "NotFound", "Message": "..."}}, in
 * XML {@code <Error><Status/><Message/></Error>}. Never carries a stack trace.
 *
 * @param status the status name, e.g. {@code BadRequest}
 * @param message what went wrong, in words for the caller
 */
@JsonRootName("Error")
@JsonPropertyOrder({ "Status", "Message" })
public record ApiError(@JsonProperty("Status") String status, @JsonProperty("Message") String message) {

	public static ApiError of(HttpStatusCode status, String message) {
		// Messages may echo caller input; keep them to what both formats can carry.
		return new ApiError(statusName(status), TextRules.printable(message));
	}

	/**
	 * The status as Targetprocess names it: {@code 404} is {@code NotFound}.
	 */
	static String statusName(HttpStatusCode status) {
		org.springframework.http.HttpStatus known = org.springframework.http.HttpStatus.resolve(status.value());
		if (known == null) {
			return String.valueOf(status.value());
		}
		StringBuilder name = new StringBuilder();
		for (String word : known.name().split("_")) {
			name.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
		}
		return name.toString();
	}

}
