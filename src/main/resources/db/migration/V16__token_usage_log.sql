-- The usage log of personal access tokens (issue 16): identical uses within a minute are
-- one row, written in batches by each node (never one write per request), so one minute
-- may have a row per node and per batch; readers add them up.
create table access_token_uses (
    token_id bigint not null references personal_access_tokens (id) on delete cascade,
    -- The minute the uses fell in.
    use_minute timestamp with time zone not null,
    address varchar(64) not null,
    client varchar(300) not null,
    method varchar(10) not null,
    -- The route template, e.g. /api/v1/UserStories/{id}, never the query string.
    route varchar(200) not null,
    -- BEARER, ACCESS_TOKEN_PARAMETER or BASIC_PASSWORD.
    transport varchar(30) not null,
    uses integer not null
);

create index access_token_uses_token_minute on access_token_uses (token_id, use_minute);
create index access_token_uses_minute on access_token_uses (use_minute);

-- The networks (IPv4 /24, IPv6 /48) each token was used from: a use from one it was never
-- used from tells its owner.
create table access_token_networks (
    token_id bigint not null references personal_access_tokens (id) on delete cascade,
    network varchar(64) not null,
    first_use_date timestamp with time zone not null,
    primary key (token_id, network)
);
