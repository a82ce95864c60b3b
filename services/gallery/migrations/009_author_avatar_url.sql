-- The author card's avatar image: the URL the profile service publishes as profile.updated's
-- avatarUrl (null without an avatar, or while its media is not shown).
ALTER TABLE authors ADD COLUMN avatar_url TEXT;
