-- Failed log-in counters per subject ("account:<id>", "login:<name>", "address:<ip>").
CREATE TABLE login_throttle (
  subject         TEXT    PRIMARY KEY,
  failures        INTEGER NOT NULL,
  last_failure_at BIGINT  NOT NULL
);
