-- Alerts (issue 12): webhooks, their delivery log, and short spike mails to subscribers who asked for them.

CREATE TABLE webhooks (
    id         BIGSERIAL PRIMARY KEY,
    url        TEXT        NOT NULL,
    -- the key of the X-Pulse-Signature HMAC; never shown again after registration
    secret     TEXT        NOT NULL,
    -- spike metrics the webhook hears about (topic, mention, name, forward); NULL means every metric
    metrics    TEXT[],
    -- spike, post.edited, post.deleted
    events     TEXT[]      NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The outbox and the delivery log in one: a row is written once per (webhook, event) — a spike by the run that
-- found it, a post event in the transaction that noticed the edit or the deletion — with the exact body that
-- will be POSTed, so a retry sends the same bytes and signature. A sender claims a row in its own committed
-- statement (pending or failed-and-due -> claimed) before it connects, so two instances or a restart never POST
-- it twice; a claim left by a sender that died mid-POST turns 'interrupted' and is not sent again on its own.
CREATE TABLE webhook_deliveries (
    id              BIGSERIAL PRIMARY KEY,
    webhook_id      BIGINT      NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    event           TEXT        NOT NULL,
    -- what makes two rows the same event: spike|metric|key|bucket|t, or post.edited|channel|post|seen_at
    event_key       TEXT        NOT NULL,
    body            TEXT        NOT NULL,
    status          TEXT        NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'claimed', 'sent', 'failed', 'interrupted')),
    attempts        INTEGER     NOT NULL DEFAULT 0,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    claimed_at      TIMESTAMPTZ,
    sent_at         TIMESTAMPTZ,
    -- when a failed delivery is tried again; a pending one goes out at the next pass
    next_attempt_at TIMESTAMPTZ,
    response_status INTEGER,
    last_error      TEXT,
    UNIQUE (webhook_id, event_key)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (id) WHERE status IN ('pending', 'failed');
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (webhook_id, id DESC);

-- A subscriber with alerts gets a short mail per spike, at most one per (metric, key) and local day: the row is
-- the claim (INSERT ... ON CONFLICT DO NOTHING) and keeps the mail's text for its retries, as digest_log does.
ALTER TABLE digest_subscribers ADD COLUMN alerts BOOLEAN NOT NULL DEFAULT false;

CREATE TABLE alert_mails (
    subscriber_id   BIGINT      NOT NULL REFERENCES digest_subscribers (id) ON DELETE CASCADE,
    metric          TEXT        NOT NULL,
    key             TEXT        NOT NULL,
    day             DATE        NOT NULL,
    subject         TEXT        NOT NULL,
    text            TEXT        NOT NULL,
    status          TEXT        NOT NULL CHECK (status IN ('claimed', 'sent', 'failed', 'interrupted')),
    attempts        INTEGER     NOT NULL DEFAULT 1,
    claimed_at      TIMESTAMPTZ NOT NULL,
    sent_at         TIMESTAMPTZ,
    next_attempt_at TIMESTAMPTZ,
    last_error      TEXT,
    PRIMARY KEY (subscriber_id, metric, key, day)
);
CREATE INDEX alert_mails_retry ON alert_mails (next_attempt_at) WHERE status = 'failed';
