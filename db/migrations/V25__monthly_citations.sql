-- Monthly sums of the citation rollups, so a long period sums whole months here and only the days at its ends from
-- the daily tables (store.CitationCounts). Kept by the writers of the daily rows in the same statements' transaction
-- (store.CitationDelta, store.ForwardLags), emptied and counted again with them by the zone rebuild, and gone with
-- the channel on purge; they change only together with the daily rows, whose triggers bump network_version (V22).
CREATE TABLE monthly_citations (
    channel_id BIGINT  NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    month      DATE    NOT NULL,
    target     TEXT    NOT NULL,
    forwards   INTEGER NOT NULL,
    mentions   INTEGER NOT NULL,
    citations  INTEGER NOT NULL,
    PRIMARY KEY (channel_id, month, target)
);
CREATE INDEX monthly_citations_month ON monthly_citations (month);
CREATE INDEX monthly_citations_target ON monthly_citations (target, month);

CREATE TABLE monthly_forward_lags (
    channel_id BIGINT   NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    month      DATE     NOT NULL,
    target     TEXT     NOT NULL,
    bucket     SMALLINT NOT NULL,
    forwards   INTEGER  NOT NULL,
    PRIMARY KEY (channel_id, month, target, bucket)
);
CREATE INDEX monthly_forward_lags_month ON monthly_forward_lags (month);
CREATE INDEX monthly_forward_lags_target ON monthly_forward_lags (target, month);

INSERT INTO monthly_citations (channel_id, month, target, forwards, mentions, citations)
SELECT channel_id, date_trunc('month', day)::date, target, sum(forwards), sum(mentions), sum(citations)
FROM daily_citations GROUP BY 1, 2, 3;

INSERT INTO monthly_forward_lags (channel_id, month, target, bucket, forwards)
SELECT channel_id, date_trunc('month', day)::date, target, bucket, sum(forwards)
FROM daily_forward_lags GROUP BY 1, 2, 3, 4;
