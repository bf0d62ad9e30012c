-- Issue 16: when a notice was last sent as a test to its writer, so the first-steps
-- checklist can tick "test send done" from the real state.
ALTER TABLE notice ADD COLUMN test_sent_at TIMESTAMP WITH TIME ZONE;
