-- Retiring legacy service tokens (issue 16): who still uses one, from where, with which
-- client, coalesced per user, address and client, written in batches. And the switch that
-- refuses them all.
create table service_token_uses (
    user_id bigint not null references users (id),
    address varchar(64) not null,
    client varchar(300) not null,
    first_used_date timestamp with time zone not null,
    last_used_date timestamp with time zone not null,
    uses bigint not null,
    primary key (user_id, address, client)
);

create index service_token_uses_last_used on service_token_uses (last_used_date);

alter table organisation_settings add column service_tokens_enabled boolean default true not null;
