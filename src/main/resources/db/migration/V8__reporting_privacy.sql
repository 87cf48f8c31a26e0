-- The privacy setting of SPEC §6.4, "Allow access to data from restricted projects in
-- Reporting": off by default, so titles of projects a user cannot access stay masked.
alter table organisation_settings add column show_restricted_work_items boolean default false not null;
