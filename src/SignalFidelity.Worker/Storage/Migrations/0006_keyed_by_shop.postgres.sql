-- 0006 keyed by shop (issue 13): one worker serves several shops, and the same Shopify customer id in two shops is two
-- people, so every table's key starts with the shop. Rows written before this step belonged to the one shop the
-- deployment served; they get '' here, a placeholder the store replaces with SignalFidelity:Shopify:ShopDomain in the
-- same start-up transaction (RelationalWorkerStore.ClaimUnkeyedRowsAsync): a script stays static, the shop is configuration.
-- The default only fills the existing rows; it is dropped so that an insert naming no shop fails.

-- deliveries already carry the shop (X-Shopify-Shop-Domain): only the keys change.
DROP INDEX IF EXISTS deliveries_by_customer;
DROP INDEX IF EXISTS deliveries_by_webhook;
DROP INDEX IF EXISTS deliveries_by_event_topic;
CREATE INDEX deliveries_by_customer ON deliveries (shop_domain, customer_key) WHERE customer_key IS NOT NULL;
CREATE UNIQUE INDEX deliveries_by_webhook ON deliveries (shop_domain, webhook_id);
CREATE UNIQUE INDEX deliveries_by_event_topic ON deliveries (shop_domain, event_id, topic);

ALTER TABLE ledger ADD COLUMN shop TEXT NOT NULL DEFAULT '';
ALTER TABLE ledger ALTER COLUMN shop DROP DEFAULT;
ALTER TABLE ledger DROP CONSTRAINT ledger_pkey, ADD PRIMARY KEY (shop, customer_key, destination, property);

ALTER TABLE writes ADD COLUMN shop TEXT NOT NULL DEFAULT '';
ALTER TABLE writes ALTER COLUMN shop DROP DEFAULT;
DROP INDEX IF EXISTS writes_one_pending;
DROP INDEX IF EXISTS writes_one_in_flight;
DROP INDEX IF EXISTS writes_by_due;
CREATE UNIQUE INDEX writes_one_pending ON writes (shop, customer_key, destination) WHERE status = 'pending';
CREATE UNIQUE INDEX writes_one_in_flight ON writes (shop, customer_key, destination) WHERE status = 'in_flight';
CREATE INDEX writes_by_due ON writes (shop, status, next_attempt_at);

ALTER TABLE dead_letters ADD COLUMN shop TEXT NOT NULL DEFAULT '';
ALTER TABLE dead_letters ALTER COLUMN shop DROP DEFAULT;
CREATE INDEX dead_letters_by_shop ON dead_letters (shop, id);

ALTER TABLE cursors ADD COLUMN shop TEXT NOT NULL DEFAULT '';
ALTER TABLE cursors ALTER COLUMN shop DROP DEFAULT;
ALTER TABLE cursors DROP CONSTRAINT cursors_pkey, ADD PRIMARY KEY (shop, name);

ALTER TABLE customer_tags ADD COLUMN shop TEXT NOT NULL DEFAULT '';
ALTER TABLE customer_tags ALTER COLUMN shop DROP DEFAULT;
ALTER TABLE customer_tags DROP CONSTRAINT customer_tags_pkey, ADD PRIMARY KEY (shop, customer_key, tag_key);

ALTER TABLE merged_customers ADD COLUMN shop TEXT NOT NULL DEFAULT '';
ALTER TABLE merged_customers ALTER COLUMN shop DROP DEFAULT;
ALTER TABLE merged_customers DROP CONSTRAINT merged_customers_pkey, ADD PRIMARY KEY (shop, merged_key);
DROP INDEX IF EXISTS merged_customers_by_kept;
CREATE INDEX merged_customers_by_kept ON merged_customers (shop, kept_key);

-- A lease per shop per check: each shop's drift and volume checks run once per due time.
ALTER TABLE schedule_leases ADD COLUMN shop TEXT NOT NULL DEFAULT '';
ALTER TABLE schedule_leases ALTER COLUMN shop DROP DEFAULT;
ALTER TABLE schedule_leases DROP CONSTRAINT schedule_leases_pkey, ADD PRIMARY KEY (shop, check_name, due_at);

ALTER TABLE shopify_api_versions ADD COLUMN shop TEXT NOT NULL DEFAULT '';
ALTER TABLE shopify_api_versions ALTER COLUMN shop DROP DEFAULT;
ALTER TABLE shopify_api_versions DROP CONSTRAINT shopify_api_versions_pkey, ADD PRIMARY KEY (shop, version);

-- The drift check runs per shop: its history and the alerts it queued belong to one shop.
ALTER TABLE check_history ADD COLUMN shop TEXT NOT NULL DEFAULT '';
ALTER TABLE check_history ALTER COLUMN shop DROP DEFAULT;
DROP INDEX IF EXISTS check_history_by_kind;
CREATE INDEX check_history_by_kind ON check_history (shop, kind, crm, id);
ALTER TABLE alert_outbox ADD COLUMN shop TEXT NOT NULL DEFAULT '';
ALTER TABLE alert_outbox ALTER COLUMN shop DROP DEFAULT;
DROP INDEX IF EXISTS alert_outbox_due;
CREATE INDEX alert_outbox_due ON alert_outbox (shop, next_attempt_at) WHERE sent_at IS NULL;
