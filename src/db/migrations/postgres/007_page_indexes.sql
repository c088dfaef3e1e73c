-- 007_page_indexes: indexes for what the pages ask (issue 8, P2: cost flat
-- in the size of the instance and of an organisation). Each query below
-- names the organisation and a narrower key; with only the organisation
-- indexed, the planner walked every row of the organisation (every staff
-- member of every community to list one community's staff, every response
-- of every round to read one round's comments).
CREATE INDEX community_staff_community ON community_staff(org_id, community_id);
CREATE INDEX community_ambassadors_community ON community_ambassadors(org_id, community_id);
CREATE INDEX meetlat_responses_round ON meetlat_responses(org_id, round_id);
CREATE INDEX conversations_org_community ON conversations(org_id, community_id);
CREATE INDEX conversations_org_partner ON conversations(org_id, partner_id);
-- Lists and choices ordered by name: a page of them is read in order from
-- the index instead of sorting every row of the organisation first.
CREATE INDEX communities_org_name ON communities(org_id, LOWER(name), id);
CREATE INDEX partners_org_name ON partners(org_id, LOWER(name), id);
