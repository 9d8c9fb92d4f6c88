using SignalFidelity;

// The store's other writers: integrations outside SignalFidelity that write CRM properties. The topology
// never flows into these (a flow into one is SF0001 here and at the flow), so each property keeps one writer.
// Only the properties the topology does not flow into are declared; where a native integration also writes a
// property the topology flows into (HubSpot's firstname, lastname, email, phone), that part of the
// integration's sync has to be turned off, or declaring it here would rightly make this topology red.

// Klaviyo's native Shopify integration writes these profile properties from the Shopify customer: the email
// marketing opt-in as "Accepts Marketing" and the customer's tags as "Shopify Tags".
// Sources: https://help.klaviyo.com/hc/en-us/articles/115005080447 (Shopify data reference, "Synced customer data"),
// https://finlaysondigital.com/klaviyo-shopify-integration-accepts-marketing/ (the "Accepts Marketing" property).
[assembly: ExternalWriter("Klaviyo Shopify integration", SyncSystem.Klaviyo, "Accepts Marketing", "Shopify Tags")]

// Klaviyo's predictive analytics compute lifetime value and order counts from the orders that integration syncs
// and keep them on the profile; the topology's own roll-ups go to total_spent and order_count instead.
// Sources: https://help.klaviyo.com/hc/en-us/articles/360018536172 (CLV properties: Historic CLV, Predicted CLV,
// Total CLV, Historic Number of Orders, Predicted Number of Orders); the profile API's predictive_analytics
// object (historic_clv, historic_number_of_orders, ...: shared/reference/klaviyo/openapi-stable-profiles.json).
[assembly: ExternalWriter("Klaviyo predictive analytics", SyncSystem.Klaviyo,
    "historic_clv", "predicted_clv", "total_clv", "historic_number_of_orders", "predicted_number_of_orders",
    "average_days_between_orders", "average_order_value", "churn_probability", "expected_date_of_next_order")]

// HubSpot's Shopify app (its ecommerce bridge) maps the Shopify customer onto the contact's standard address and
// phone properties. Source: HubSpot ecommerce bridge contact mappings,
// https://gist.github.com/chetanmadaan/c91b07d08f9713769fe3e4e97adfd640 (firstname, lastname, email, mobilephone,
// phone, address, city, state, zip, ...).
[assembly: ExternalWriter("HubSpot Shopify app", SyncSystem.HubSpot, "mobilephone", "address", "city", "state", "zip", "country")]
