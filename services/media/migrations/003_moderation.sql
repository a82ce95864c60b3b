-- The moderation stage's verdict (approved | needs_review | rejected) and its reason; NULL until
-- the media is processed. The admin review queue reads needs_review in id order.
ALTER TABLE media ADD COLUMN moderation_outcome TEXT;
ALTER TABLE media ADD COLUMN moderation_reason TEXT;
CREATE INDEX media_moderation ON media (moderation_outcome, id);
