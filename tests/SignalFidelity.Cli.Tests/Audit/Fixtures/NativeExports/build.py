#!/usr/bin/env python3
"""Hand-built CRM exports in the vendors' own shapes, for the store of ../RealExports (its Shopify exports).
Run from this folder: python3 build.py. Written by hand here, not by the project's export writer.

- klaviyo_native_profiles_export.csv: a Klaviyo profile export of a store on Klaviyo's own Shopify integration.
  No custom properties for the roll-ups: spend and orders sit in Klaviyo's columns `Historic Customer Lifetime
  Value` and `Historic Number Of Orders`, tags in `Shopify Tags`; the last order is an event, not a column.
- hubspot_contacts_labels.csv: HubSpot's contact export as the UI writes it by default, headed by labels
  (`Record ID`, `Email`, custom properties `Total Spent`, ...), dates as HubSpot shows them.
- hubspot_contacts_internal.csv: the same contacts exported "with internal names" (`hs_object_id`, `email`,
  `total_spent`, ...), dates in ISO 8601: the audit must give identical numbers for both.
- hubspot_contact_properties.csv: HubSpot's property-list export (Settings > Properties > Export).
What each customer must show is in ROWS; the tests compute the expected numbers from the files themselves.
"""
import csv

# email (Shopify's), Klaviyo/HubSpot email, phone, historic CLV, orders, last order (UTC), primary tag; None = no row
ROWS = [
    ("ava.rivera@example.com", "ava.rivera@example.com", "", "106.154", "2", "2026-11-20 15:15:30", "newsletter"),   # float within 0.01
    ("noah.rivera@example.com", "noah.rivera@example.com", "", "58.00", "1", "2026-11-03 14:00:00", "vip"),
    ("x7h2k9qd4m@privaterelay.appleid.com", "q0p9o8i7u6@privaterelay.appleid.com", "+16135550135", "75.00", "1", "2026-11-05 17:00:00", "newsletter"),  # relay: by phone
    ("ben.rivera@example.com", "ben.rivera@example.com", "", "106.154", "2", "2026-11-20 15:15:30", "newsletter"),   # 106.17 in Shopify: 0.016 off
    ("cleo.rivera@example.com", "cleo.rivera@example.com", "", "40.00", "4", "2026-11-10 13:00:00", "newsletter"),   # 2 orders in Shopify
    ("dev.rivera@example.com", "dev.rivera+shop@example.com", "", "64.00", "1", "2026-11-11 13:00:00", "newsletter"),  # missing; near match by +tag
    ("eli.rivera@example.com", "eli.rivera@example.com", "", "200.00", "3", "2026-11-12 13:00:00", "newsletter"),    # 250 in Shopify
    ("fay.rivera@example.com", "fay.rivera@example.com", "", "90.00", "5", "2026-11-12 14:00:00", "newsletter"),
    ("gus.rivera@example.com", "gus.rivera@example.com", "", "30.00", "2", "2026-11-12 15:00:00", "newsletter"),     # one order off: within
    ("hal.rivera@example.com", "hal.rivera@example.com", "", "45.00", "1", "2026-11-09 16:00:00", "newsletter"),     # last order 3 days old
    ("ida.rivera@example.com", "ida.rivera@example.com", "", "", "", "", "newsletter"),                             # nothing synced
    ("jon.rivera@example.com", "jon.rivera@example.com", "", "35.00", "1", "2026-11-13 14:00:00", "newsletter"),
    ("kai.rivera@example.com", "kai.rivera@example.com", "", "310.00", "2", "2026-11-13 15:00:00", "newsletter"),
    ("lea.rivera@example.com", "lea.rivera@example.com", "", "66.009", "3", "2026-11-13 16:00:00", "newsletter"),    # 0.009 off: within
    ("max.rivera@example.com", "max.rivera@example.com", "", "52.02", "1", "2026-11-14 13:00:00", "vip"),            # 0.02 off; Shopify tag 'VIP'
    ("nia.rivera@example.com", "nia.rivera@example.com", "", "99.99", "1", "2026-11-14 14:00:00", "newsletter"),
    ("oli.rivera@example.com", "oli.rivera@example.com", "", "500.00", "6", "2026-11-14 15:00:00", "newsletter"),
    ("pia.rivera@example.com", None, "", "", "", "", ""),                                                          # never synced
    (None, "quinn.subscriber@example.com", "", "", "", "", ""),                                                    # a subscriber, no orders
]

KLAVIYO = ["Email", "Klaviyo ID", "First Name", "Last Name", "Phone Number", "City", "Country", "Email Marketing Consent",
           "Historic Customer Lifetime Value", "Predicted Customer Lifetime Value", "Total Customer Lifetime Value",
           "Historic Number Of Orders", "Average Order Value", "Last Active", "Profile Created On", "Shopify Tags"]
HUBSPOT_LABELS = ["Record ID", "First Name", "Last Name", "Email", "Phone Number", "Lifecycle Stage", "Create Date",
                  "Last Modified Date", "Total Spent", "Order Count", "Last Order Date", "Primary Tag", "Loyalty Tier"]
HUBSPOT_INTERNAL = ["hs_object_id", "firstname", "lastname", "email", "phone", "lifecyclestage", "createdate",
                    "lastmodifieddate", "total_spent", "order_count", "last_order_date", "primary_tag", "loyalty_tier"]


def first(email):
    return email.split("@")[0].split(".")[0].split("+")[0].capitalize()


def write(name, header, rows):
    with open(name, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(header)
        w.writerows(rows)


crm = [r for r in ROWS if r[1] is not None]
write("klaviyo_native_profiles_export.csv", KLAVIYO, [
    [r[1], f"01JN{i:02d}0Q8ZK3V5M7P9R2T4W6Y8", first(r[1]), "Rivera", r[2], "Boston", "United States", "SUBSCRIBED",
     r[3], "", r[3], r[4], "", r[5], "2025-03-02 14:00:00", "vip, newsletter" if r[6] == "vip" else ("newsletter" if r[6] else "")]
    for i, r in enumerate(crm)])
write("hubspot_contacts_labels.csv", HUBSPOT_LABELS, [
    [str(51000000100 + i), first(r[1]), "Rivera", r[1], r[2], "customer" if r[4] else "subscriber", "2025-03-02 14:00",
     "2026-11-20 16:00", r[3], r[4], r[5], r[6], "gold" if i % 3 == 0 else ""]
    for i, r in enumerate(crm)])
write("hubspot_contacts_internal.csv", HUBSPOT_INTERNAL, [
    [str(51000000100 + i), first(r[1]), "Rivera", r[1], r[2], "customer" if r[4] else "subscriber", "2025-03-02T14:00:00Z",
     "2026-11-20T16:00:00Z", r[3], r[4], r[5].replace(" ", "T") + "Z" if r[5] else "", r[6], "gold" if i % 3 == 0 else ""]
    for i, r in enumerate(crm)])
write("hubspot_contact_properties.csv", ["Name", "Internal name", "Type", "Field type", "Description", "Group name"], [
    ["Email", "email", "string", "text", "A contact's email address", "contactinformation"],
    ["Orders Placed", "order_count", "number", "number", "Orders placed in Shopify (renamed from Order Count)", "shopify"],
    ["Total Spent", "total_spent", "number", "number", "Lifetime spend in Shopify", "shopify"],
    ["Last Order Date", "last_order_date", "datetime", "date", "When the latest Shopify order was placed", "shopify"],
    ["Primary Tag", "primary_tag", "string", "text", "The segment tag", "shopify"],
])
