-- What the pipeline found: sizes after auto-rotation, the variants (JSON list of
-- {width,height,format,key}), blurhash, dominant colour and the 64-bit dHash (signed as stored).
ALTER TABLE media ADD COLUMN width INTEGER;
ALTER TABLE media ADD COLUMN height INTEGER;
ALTER TABLE media ADD COLUMN variants_json TEXT;
ALTER TABLE media ADD COLUMN blurhash TEXT;
ALTER TABLE media ADD COLUMN dominant_color TEXT;
ALTER TABLE media ADD COLUMN phash BIGINT;
CREATE INDEX media_jobs_due ON media_jobs (run_after);
