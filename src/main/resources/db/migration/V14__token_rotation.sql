-- Rotation with overlap (issue 16). A rotated token keeps its id, name, scopes and
-- history; only its value changes. The values it had before stay here, as hashes, until
-- their overlap ends and after: a retired value presented again is the sign of a leak
-- (reuse detection), and revokes the token. They go with the token.
create table personal_access_token_values (
    token_hash varchar(64) primary key,
    token_id bigint not null references personal_access_tokens (id) on delete cascade,
    last_four varchar(4) not null,
    -- When the value stops working: the end of the overlap, or the first use of the
    -- value that replaced it, whichever comes first.
    retire_date timestamp with time zone not null,
    replaced_date timestamp with time zone not null
);

create index personal_access_token_values_token on personal_access_token_values (token_id);

create table project_access_token_values (
    token_hash varchar(64) primary key,
    token_id bigint not null references project_access_tokens (id) on delete cascade,
    retire_date timestamp with time zone not null,
    replaced_date timestamp with time zone not null
);

create index project_access_token_values_token on project_access_token_values (token_id);

-- When the current value was issued (the creation date stays the token's own).
alter table personal_access_tokens add column rotated_date timestamp with time zone;
alter table project_access_tokens add column rotated_date timestamp with time zone;
-- The late look for values issued in the last seconds reads rotations too.
create index personal_access_tokens_rotated_date on personal_access_tokens (rotated_date);
create index project_access_tokens_rotated_date on project_access_tokens (rotated_date);
