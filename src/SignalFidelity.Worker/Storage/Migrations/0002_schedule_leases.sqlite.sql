-- Scheduled checks (drift, volume) run once per due time across replicas: the replica that inserts the row for
-- (check, due time) runs it; a holder that dies leaves its lease to run out, and another replica takes the row over.
CREATE TABLE IF NOT EXISTS schedule_leases (
  check_name TEXT NOT NULL,
  due_at INTEGER NOT NULL,
  owner TEXT NOT NULL,
  lease_until INTEGER NOT NULL,
  claimed_at INTEGER NOT NULL,
  completed_at INTEGER NULL,
  PRIMARY KEY (check_name, due_at));
