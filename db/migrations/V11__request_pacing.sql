-- When the next request to a host may start, shared by every instance on this database, so that several
-- instances together keep pulse.telegram.request-gap between their requests to t.me.
CREATE TABLE request_pacing (
    host    TEXT        PRIMARY KEY,
    next_at TIMESTAMPTZ NOT NULL
);
