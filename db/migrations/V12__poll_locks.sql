-- The right to poll a channel is now a PostgreSQL session-level advisory lock held by the polling instance for the
-- whole poll (see ChannelLocks): it goes away the moment that instance's database session ends, so no lease time
-- is needed. What stays on the row is which instance began the current poll: set when a poll begins, cleared when
-- it ends. A row that names an instance while no instance holds its lock is a poll that stopped unfinished (the
-- instance was killed, shut down or lost its connection), and a surviving instance goes on with it within seconds.
ALTER TABLE channels DROP COLUMN poll_lease_until;
ALTER TABLE channels RENAME COLUMN poll_lease_owner TO polled_by;
