package dev.gatehouse.project;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code POST /api/v1/Projects} and {@code POST /api/v1/Projects/{key}}.
 */
record ProjectWrite(@JsonProperty("Key") String key, @JsonProperty("Name") String name) {

}
