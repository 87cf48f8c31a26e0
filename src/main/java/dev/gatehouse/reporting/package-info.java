/**
 * The read model of work data (SPEC §6.3–6.7): each reader's
 * {@link dev.gatehouse.reporting.ReportingView} (their own projects, or every project
 * through the service account, with titles masked as the privacy setting says), the SQL
 * of that visibility and masking, which the budgets and time views compose too, and the
 * two ways out: the OData v4 feed at {@code /odata} (Apache Olingo; entity sets
 * {@code WorkLogs}, {@code WorkItems}, {@code Budgets}; {@code $filter},
 * {@code $orderby}, {@code $apply} become SQL with bound parameters) and the CSV export.
 */
package dev.gatehouse.reporting;
