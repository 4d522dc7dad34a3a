-- The consumer's verdict: whether the case was resolved, beside the rating they already give.
-- Ratings given before the verdict existed keep no answer (NULL).
ALTER TABLE feedback ADD COLUMN resolved integer;
