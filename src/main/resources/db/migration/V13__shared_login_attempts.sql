-- Failed-login limits shared by every node (issue 15). On PostgreSQL, Bucket4j keeps each
-- bucket here ("address:<address>" or "login:<login>"), locked per row while one attempt
-- takes from it; H2 serves a single node and keeps its buckets in memory.
create table login_attempt_buckets (
    id varchar(200) primary key,
    state bytea,
    -- Milliseconds since the epoch at which the bucket is full again and may go.
    expires_at bigint
);

create index login_attempt_buckets_expires_at on login_attempt_buckets (expires_at);

-- Which login signed in lately from which address: such a login is still checked there
-- while the address is blocked, on every node.
create table known_sign_ins (
    sign_in_key varchar(200) primary key,
    expiry_date timestamp with time zone not null
);

create index known_sign_ins_expiry_date on known_sign_ins (expiry_date);
