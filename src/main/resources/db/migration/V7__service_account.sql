-- The service account (SPEC §6): an administrator bound to one of their personal access
-- tokens. The token is referenced without a foreign key: once it is revoked, the state
-- says so instead of the row disappearing.
create table service_account (
    id integer primary key,
    token_id bigint not null,
    user_id bigint not null references users (id),
    set_by_id bigint references users (id),
    set_date timestamp with time zone not null,
    constraint service_account_single_row check (id = 1)
);
