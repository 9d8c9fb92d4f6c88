-- 0002 drift check history (issue 10): every check with its level, and the alert outbox a failing channel retries from.
CREATE TABLE IF NOT EXISTS check_history (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ran_at BIGINT NOT NULL,
  kind TEXT NOT NULL,
  crm TEXT NOT NULL,
  sample BIGINT NOT NULL,
  population BIGINT NOT NULL,
  drifted BIGINT NOT NULL,
  drift_percent DOUBLE PRECISION NOT NULL,
  ci_low DOUBLE PRECISION NOT NULL,
  ci_high DOUBLE PRECISION NOT NULL,
  level TEXT NOT NULL,
  per_field_json TEXT NOT NULL,
  report_path TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS check_history_by_kind ON check_history (kind, crm, id);
CREATE TABLE IF NOT EXISTS alert_outbox (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  check_id BIGINT NOT NULL,
  channel TEXT NOT NULL,
  message_json TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  last_error TEXT,
  sent_at BIGINT);
CREATE INDEX IF NOT EXISTS alert_outbox_due ON alert_outbox (next_attempt_at) WHERE sent_at IS NULL;
