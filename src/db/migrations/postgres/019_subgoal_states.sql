-- The state of every subgoal today (on schedule, behind, reached, unknown),
-- kept beside the signals: refreshed in the same transaction as a change to
-- the community's goals, measurements or activities, and by the daily pass,
-- so the dashboard counts rows instead of recomputing every subgoal's
-- progress from the activities on each view (issue 10, speed at scale).
CREATE TABLE subgoal_states (
	subgoal_id   BIGINT PRIMARY KEY REFERENCES subgoals(id) ON DELETE CASCADE,
	org_id       BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	community_id BIGINT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
	state        TEXT NOT NULL CHECK (state IN ('unknown', 'on_schedule', 'behind', 'reached'))
);
CREATE INDEX subgoal_states_org ON subgoal_states(org_id, community_id);
-- an upgraded database gets its states from the next periodic pass (at the
-- server's start): every organisation is due again
UPDATE signal_settings SET refreshed_on = '';
