-- The project token table (5,000 tokens measured) sorts by name without regard to case
-- and by last use, both with the id last so every row has one place. Without indexes in
-- those orders PostgreSQL sorted every token of the project for each page (docs/
-- performance.md). H2 has no expression indexes, and its default installations are
-- small, so these are PostgreSQL's alone (db/vendor/postgresql, see
-- spring.flyway.locations). Last use sorts nulls (never used) as the oldest: nulls first
-- ascending, which a backward scan gives as nulls last descending.
create index project_access_tokens_project_name on project_access_tokens (project_id, lower(name), id);
create index project_access_tokens_project_last_login
    on project_access_tokens (project_id, last_login_date asc nulls first, id);
