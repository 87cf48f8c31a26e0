package dev.gatehouse.token;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The optional body of a rotation: {@code OverlapMinutes}, how long the replaced value
 * keeps working (0 to 10,080; omitted: {@code gatehouse.tokens.rotation-overlap}, 24
 * hours by default).
 */
record RotationWrite(@JsonProperty("OverlapMinutes") Integer overlapMinutes) {

	static Integer overlapOf(RotationWrite body) {
		return (body != null) ? body.overlapMinutes() : null;
	}

}
