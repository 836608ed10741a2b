-- A claim whose sender died mid-send (a crash or a kill between the claim and the SMTP reply) is marked
-- 'interrupted' by the scheduled job and shown to the admin, who decides whether to send it again: the mail may
-- or may not have gone out, so it is never re-sent on its own.
ALTER TABLE digest_log DROP CONSTRAINT digest_log_status_check;
ALTER TABLE digest_log ADD CONSTRAINT digest_log_status_check
    CHECK (status IN ('claimed', 'sent', 'failed', 'interrupted'));
CREATE INDEX digest_log_attention ON digest_log (day DESC) WHERE status IN ('failed', 'interrupted');
