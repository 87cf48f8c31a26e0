/**
 * The Reporting API (SPEC §6.7): an OData v4 feed at {@code /odata}, served by Apache
 * Olingo, with the entity sets {@code WorkLogs}, {@code WorkItems} and {@code Budgets}.
 * Queries ({@code $filter}, {@code $orderby}, {@code $top}, {@code $skip},
 * {@code $count}) become SQL with bound parameters; {@code $select} and the paging links
 * are Olingo's.
 */
package dev.gatehouse.reporting;
