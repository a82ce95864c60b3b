-- PostgreSQL only: identity columns and a $$ body are PostgreSQL syntax.
CREATE TABLE engine_marker (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, engine TEXT NOT NULL);
DO $$ BEGIN INSERT INTO engine_marker (engine) VALUES ('postgres'); END $$;
