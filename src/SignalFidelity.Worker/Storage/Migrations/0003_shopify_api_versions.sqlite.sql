-- Shopify API versions deliveries arrived under that differ from the topology's pin (Shopify falls forward from a
-- retired version): when each was first and last seen, how many deliveries, and the review window opened for it
-- (review is claimed before the file is written, so replicas and restarts open one window per version).
CREATE TABLE IF NOT EXISTS shopify_api_versions (
  version TEXT PRIMARY KEY,
  first_seen_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  deliveries BIGINT NOT NULL,
  review TEXT NULL);
