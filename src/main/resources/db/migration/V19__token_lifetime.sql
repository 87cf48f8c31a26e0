-- The lifetime a token was given, in days (issue 16): a rotation in person gives the new
-- value the same lifetime from that day. Null for tokens made before: their lifetime is
-- read from their creation and expiration dates.
alter table personal_access_tokens add column lifetime_days integer;
alter table project_access_tokens add column lifetime_days integer;
