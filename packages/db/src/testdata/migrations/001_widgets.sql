-- Generic: the same SQL on every engine.
CREATE TABLE widgets (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);
