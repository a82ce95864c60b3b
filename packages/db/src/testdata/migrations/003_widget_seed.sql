INSERT INTO widgets (id, name) VALUES (1, 'seed; with a semicolon');
INSERT INTO widgets (id, name) VALUES (2, 'second');
