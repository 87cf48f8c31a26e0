/**
 * The pages' frame: the {@link dev.gatehouse.web.PageController} marker, form helpers,
 * the page error handler and the error page.
 */
package dev.gatehouse.web;
