-- Daily digest: who gets it, and one row per (subscriber, day) claimed before a mail goes out.

CREATE TABLE digest_subscribers (
    id              BIGSERIAL PRIMARY KEY,
    email           TEXT        NOT NULL,
    -- handles of channels the digest is narrowed to; NULL means every channel
    channels        TEXT[],
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    unsubscribed_at TIMESTAMPTZ
);
CREATE UNIQUE INDEX digest_subscribers_email ON digest_subscribers (lower(email));

-- At most one digest per subscriber and day: a sender claims the row (INSERT ... ON CONFLICT DO NOTHING) in its
-- own committed transaction before it talks to SMTP; a failure is marked and retried after next_attempt_at.
CREATE TABLE digest_log (
    subscriber_id   BIGINT      NOT NULL REFERENCES digest_subscribers (id) ON DELETE CASCADE,
    day             DATE        NOT NULL,
    status          TEXT        NOT NULL CHECK (status IN ('claimed', 'sent', 'failed')),
    attempts        INTEGER     NOT NULL DEFAULT 0,
    last_error      TEXT,
    claimed_at      TIMESTAMPTZ NOT NULL,
    sent_at         TIMESTAMPTZ,
    next_attempt_at TIMESTAMPTZ,
    PRIMARY KEY (subscriber_id, day)
);
CREATE INDEX digest_log_retry ON digest_log (next_attempt_at) WHERE status = 'failed';
