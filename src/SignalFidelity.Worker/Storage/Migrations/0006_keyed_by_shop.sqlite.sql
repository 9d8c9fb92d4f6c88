-- 0006 keyed by shop (issue 13): one worker serves several shops, and the same Shopify customer id in two shops is two
-- people, so every table's key starts with the shop. Rows written before this step belonged to the one shop the
-- deployment served; they get '' here, a placeholder the store replaces with SignalFidelity:Shopify:ShopDomain in the
-- same start-up transaction (RelationalWorkerStore.ClaimUnkeyedRowsAsync): a script stays static, the shop is configuration.
-- SQLite cannot change a primary key in place: those tables are rebuilt (create new, copy, drop old, rename new).

-- deliveries already carry the shop (X-Shopify-Shop-Domain): only the keys change.
DROP INDEX IF EXISTS deliveries_by_customer;
DROP INDEX IF EXISTS deliveries_by_webhook;
DROP INDEX IF EXISTS deliveries_by_event_topic;
CREATE INDEX deliveries_by_customer ON deliveries (shop_domain, customer_key) WHERE customer_key IS NOT NULL;
CREATE UNIQUE INDEX deliveries_by_webhook ON deliveries (shop_domain, webhook_id);
CREATE UNIQUE INDEX deliveries_by_event_topic ON deliveries (shop_domain, event_id, topic);

CREATE TABLE ledger_by_shop (
  shop TEXT NOT NULL,
  customer_key TEXT NOT NULL,
  destination TEXT NOT NULL,
  property TEXT NOT NULL,
  value_json TEXT NOT NULL,
  source_ts INTEGER NOT NULL,
  PRIMARY KEY (shop, customer_key, destination, property)) WITHOUT ROWID;
INSERT INTO ledger_by_shop SELECT '', customer_key, destination, property, value_json, source_ts FROM ledger;
DROP TABLE ledger;
ALTER TABLE ledger_by_shop RENAME TO ledger;

ALTER TABLE writes ADD COLUMN shop TEXT NOT NULL DEFAULT '';
DROP INDEX IF EXISTS writes_one_pending;
DROP INDEX IF EXISTS writes_one_in_flight;
DROP INDEX IF EXISTS writes_by_due;
CREATE UNIQUE INDEX writes_one_pending ON writes (shop, customer_key, destination) WHERE status = 'pending';
CREATE UNIQUE INDEX writes_one_in_flight ON writes (shop, customer_key, destination) WHERE status = 'in_flight';
CREATE INDEX writes_by_due ON writes (shop, status, next_attempt_at);

ALTER TABLE dead_letters ADD COLUMN shop TEXT NOT NULL DEFAULT '';
CREATE INDEX dead_letters_by_shop ON dead_letters (shop, id);

CREATE TABLE cursors_by_shop (
  shop TEXT NOT NULL,
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (shop, name));
INSERT INTO cursors_by_shop SELECT '', name, value, updated_at FROM cursors;
DROP TABLE cursors;
ALTER TABLE cursors_by_shop RENAME TO cursors;

CREATE TABLE customer_tags_by_shop (
  shop TEXT NOT NULL,
  customer_key TEXT NOT NULL,
  tag_key TEXT NOT NULL,
  tag TEXT NOT NULL,
  present INTEGER NOT NULL,
  placed INTEGER NOT NULL,
  source_ts INTEGER NOT NULL,
  PRIMARY KEY (shop, customer_key, tag_key)) WITHOUT ROWID;
INSERT INTO customer_tags_by_shop SELECT '', customer_key, tag_key, tag, present, placed, source_ts FROM customer_tags;
DROP TABLE customer_tags;
ALTER TABLE customer_tags_by_shop RENAME TO customer_tags;

CREATE TABLE merged_customers_by_shop (
  shop TEXT NOT NULL,
  merged_key TEXT NOT NULL,
  kept_key TEXT NOT NULL,
  merged_at INTEGER NOT NULL,
  PRIMARY KEY (shop, merged_key));
INSERT INTO merged_customers_by_shop SELECT '', merged_key, kept_key, merged_at FROM merged_customers;
DROP TABLE merged_customers;
ALTER TABLE merged_customers_by_shop RENAME TO merged_customers;
CREATE INDEX merged_customers_by_kept ON merged_customers (shop, kept_key);

-- A lease per shop per check: each shop's drift and volume checks run once per due time.
CREATE TABLE schedule_leases_by_shop (
  shop TEXT NOT NULL,
  check_name TEXT NOT NULL,
  due_at INTEGER NOT NULL,
  owner TEXT NOT NULL,
  lease_until INTEGER NOT NULL,
  claimed_at INTEGER NOT NULL,
  completed_at INTEGER NULL,
  PRIMARY KEY (shop, check_name, due_at));
INSERT INTO schedule_leases_by_shop SELECT '', check_name, due_at, owner, lease_until, claimed_at, completed_at FROM schedule_leases;
DROP TABLE schedule_leases;
ALTER TABLE schedule_leases_by_shop RENAME TO schedule_leases;

CREATE TABLE shopify_api_versions_by_shop (
  shop TEXT NOT NULL,
  version TEXT NOT NULL,
  first_seen_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  deliveries BIGINT NOT NULL,
  review TEXT NULL,
  PRIMARY KEY (shop, version));
INSERT INTO shopify_api_versions_by_shop SELECT '', version, first_seen_at, last_seen_at, deliveries, review FROM shopify_api_versions;
DROP TABLE shopify_api_versions;
ALTER TABLE shopify_api_versions_by_shop RENAME TO shopify_api_versions;

-- The drift check runs per shop: its history and the alerts it queued belong to one shop.
ALTER TABLE check_history ADD COLUMN shop TEXT NOT NULL DEFAULT '';
DROP INDEX IF EXISTS check_history_by_kind;
CREATE INDEX check_history_by_kind ON check_history (shop, kind, crm, id);
ALTER TABLE alert_outbox ADD COLUMN shop TEXT NOT NULL DEFAULT '';
DROP INDEX IF EXISTS alert_outbox_due;
CREATE INDEX alert_outbox_due ON alert_outbox (shop, next_attempt_at) WHERE sent_at IS NULL;
