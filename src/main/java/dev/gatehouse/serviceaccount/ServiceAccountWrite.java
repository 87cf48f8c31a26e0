package dev.gatehouse.serviceaccount;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gatehouse.api.Reference;

/**
 * The body of {@code POST /api/v1/ServiceAccount}: {@code {"AccessToken": {"Id": n}}},
 * one of the caller's tokens ("set myself").
 */
record ServiceAccountWrite(@JsonProperty("AccessToken") Reference accessToken) {

}
