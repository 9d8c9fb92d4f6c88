-- 0001 baseline: the schema of the first release, IF NOT EXISTS so a file that release wrote (no schema_version yet) is adopted as is.
-- Never edit a shipped migration: add the next number.
CREATE TABLE IF NOT EXISTS deliveries (
  id INTEGER PRIMARY KEY,
  event_id TEXT NOT NULL,
  webhook_id TEXT NOT NULL,
  topic TEXT NOT NULL,
  shop_domain TEXT NOT NULL,
  triggered_at INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  disposition TEXT NOT NULL,
  customer_key TEXT,
  reason TEXT,
  body BLOB);
CREATE INDEX IF NOT EXISTS deliveries_by_customer ON deliveries (customer_key) WHERE customer_key IS NOT NULL;
-- One row per delivery: X-Shopify-Webhook-Id is Shopify's idempotency key, and one merchant action
-- (X-Shopify-Event-Id) fans out to several topics, each of which must be applied once.
CREATE UNIQUE INDEX IF NOT EXISTS deliveries_by_webhook ON deliveries (webhook_id);
CREATE UNIQUE INDEX IF NOT EXISTS deliveries_by_event_topic ON deliveries (event_id, topic);
CREATE TABLE IF NOT EXISTS ledger (
  customer_key TEXT NOT NULL,
  destination TEXT NOT NULL,
  property TEXT NOT NULL,
  value_json TEXT NOT NULL,
  source_ts INTEGER NOT NULL,
  PRIMARY KEY (customer_key, destination, property)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS writes (
  id INTEGER PRIMARY KEY,
  customer_key TEXT NOT NULL,
  destination TEXT NOT NULL,
  operation TEXT NOT NULL,
  fields TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  lease_owner TEXT,
  lease_until INTEGER,
  last_error TEXT,
  created_at INTEGER NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS writes_one_pending ON writes (customer_key, destination) WHERE status = 'pending';
CREATE UNIQUE INDEX IF NOT EXISTS writes_one_in_flight ON writes (customer_key, destination) WHERE status = 'in_flight';
CREATE INDEX IF NOT EXISTS writes_by_due ON writes (status, next_attempt_at);
CREATE TABLE IF NOT EXISTS dead_letters (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  reason TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  replayed_at INTEGER,
  customer_key TEXT,
  destination TEXT,
  operation TEXT,
  topic TEXT,
  event_id TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  payload TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS cursors (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at INTEGER NOT NULL);
-- The customer's Shopify tags: present or removed, since when, and whether the write-back placed them.
CREATE TABLE IF NOT EXISTS customer_tags (
  customer_key TEXT NOT NULL,
  tag_key TEXT NOT NULL,
  tag TEXT NOT NULL,
  present INTEGER NOT NULL,
  placed INTEGER NOT NULL,
  source_ts INTEGER NOT NULL,
  PRIMARY KEY (customer_key, tag_key)) WITHOUT ROWID;
-- Customers Shopify merged into another (customers/merge): nothing is written for them again.
CREATE TABLE IF NOT EXISTS merged_customers (
  merged_key TEXT PRIMARY KEY,
  kept_key TEXT NOT NULL,
  merged_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS merged_customers_by_kept ON merged_customers (kept_key);
