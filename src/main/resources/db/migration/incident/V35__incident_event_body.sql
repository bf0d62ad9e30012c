-- Issue 12: an incident's timeline is shared by the bodies involved, but what one body says or
-- is asked (its notes, the investigation report requested from it and its answer) belongs to
-- that body and the system administrator. body_id names that body; NULL is the common record
-- every involved body sees.
ALTER TABLE incident_event ADD COLUMN body_id BIGINT;

-- Earlier entries: a body's notes and answers belong to the body of whoever wrote them (read
-- from the accounts once, here, as the timeline kept no body), a request to the body asked.
UPDATE incident_event SET body_id = (SELECT a.body_id FROM staff_account a WHERE a.id = incident_event.actor_id)
WHERE kind IN ('NOTE', 'REPORT_SUBMITTED');

UPDATE incident_event SET body_id = (SELECT MIN(r.body_id) FROM investigation_request r
                                     WHERE r.incident_id = incident_event.incident_id AND r.question = incident_event.text)
WHERE kind = 'REPORT_REQUESTED';

CREATE INDEX incident_event_body_idx ON incident_event (incident_id, body_id);
