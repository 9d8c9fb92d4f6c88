-- 0005 drifted customers (issue 10): each check's drifted customers and fields, so a customer that drifts again within two checks is flagged.
CREATE TABLE IF NOT EXISTS drifted_customers (
  check_id BIGINT NOT NULL,
  customer_id TEXT NOT NULL,
  field TEXT NOT NULL,
  PRIMARY KEY (check_id, customer_id, field));
