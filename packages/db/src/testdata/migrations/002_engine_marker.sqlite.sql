-- SQLite only: AUTOINCREMENT is SQLite syntax.
CREATE TABLE engine_marker (id INTEGER PRIMARY KEY AUTOINCREMENT, engine TEXT NOT NULL);
INSERT INTO engine_marker (engine) VALUES ('sqlite');
