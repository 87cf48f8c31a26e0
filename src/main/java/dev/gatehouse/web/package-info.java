/**
 * The pages' frame: layout, login, home and error pages.
 */
package dev.gatehouse.web;
