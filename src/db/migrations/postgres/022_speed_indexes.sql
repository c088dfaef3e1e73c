-- Indexes for the per-community reads of the community profile and the start
-- page (issue 8, P1/P2): the energy trend reads one community's conversations
-- of the last months, and the start page the next planned activities in date
-- order, without reading the organisation's other rows.
CREATE INDEX conversations_org_community_held ON conversations(org_id, community_id, held_on);
CREATE INDEX activities_org_planned ON activities(org_id, status, held_on, starts_at, id);
-- the dashboard's months of the whole organisation, summed over its branches,
-- read from the index alone however long the organisation's history is
CREATE INDEX activity_months_org_month ON activity_months(org_id, month, made, branch_id, activities, participants);
