/**
 * The query kernel that repositories use: a collection request (page, {@code where},
 * order, {@code include}), the fields a resource exposes to it, the {@code where} parser
 * that turns it into SQL with bound parameters, and the page it answers. Knows nothing of
 * HTTP.
 */
package dev.gatehouse.query;
