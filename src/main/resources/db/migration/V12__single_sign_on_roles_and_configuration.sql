-- Optional claim mapping of an identity provider (issue 14): a claim (e.g. groups) whose
-- values make a user an administrator or a requester, applied at each sign-in. Values are
-- kept one per line; no mapping when role_claim is null.
alter table identity_providers add column role_claim varchar(100);
alter table identity_providers add column administrator_values varchar(5000);
alter table identity_providers add column requester_values varchar(5000);

-- A provider declared in GATEHOUSE_SSO_PROVIDERS (configuration as code): the variable
-- decides it at each start, and the pages and the API cannot remove it.
alter table identity_providers add column configured boolean default false not null;
