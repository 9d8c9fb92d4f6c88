#!/usr/bin/env python3
"""Builds a small store's exports in the vendors' own shapes. Run from this folder: python3 build.py

Unlike ../build_fixture.py (which checks tolerance edges and identity traps on a minimal header),
these files carry every column the vendors write, in their order, with their quirks:
- Shopify's customer export (customers_export.csv): the header of Shopify's "Export customers" CSV;
  `Customer ID`, phones and zips prefixed with an apostrophe so spreadsheets keep the digits and the '+'.
- Shopify's order export (orders_export_1.csv): one row per line item, order columns empty after the first.
- Klaviyo's profile export (klaviyo_profiles_export.csv): the standard columns Klaviyo writes when a list
  or segment is exported, then the custom properties (the topology's, plus one nobody owns); numbers
  written by an integration as floats (106.154).
Each customer below says what it must show. Deterministic; the committed CSVs are what this writes.
"""
import csv

SHOPIFY_CUSTOMER_COLUMNS = [
    "Customer ID", "First Name", "Last Name", "Email", "Accepts Email Marketing", "Default Address Company",
    "Default Address Address1", "Default Address Address2", "Default Address City", "Default Address Province Code",
    "Default Address Country Code", "Default Address Zip", "Default Address Phone", "Phone", "Accepts SMS Marketing",
    "Total Spent", "Total Orders", "Note", "Tax Exempt", "Tags",
]
SHOPIFY_ORDER_COLUMNS = [
    "Name", "Email", "Financial Status", "Paid at", "Fulfillment Status", "Fulfilled at", "Accepts Marketing", "Currency",
    "Subtotal", "Shipping", "Taxes", "Total", "Discount Code", "Discount Amount", "Shipping Method", "Created at",
    "Lineitem quantity", "Lineitem name", "Lineitem price", "Lineitem compare at price", "Lineitem sku",
    "Lineitem requires shipping", "Lineitem taxable", "Lineitem fulfillment status", "Billing Name", "Billing Street",
    "Billing Address1", "Billing Address2", "Billing Company", "Billing City", "Billing Zip", "Billing Province",
    "Billing Country", "Billing Phone", "Shipping Name", "Shipping Street", "Shipping Address1", "Shipping Address2",
    "Shipping Company", "Shipping City", "Shipping Zip", "Shipping Province", "Shipping Country", "Shipping Phone",
    "Notes", "Note Attributes", "Cancelled at", "Payment Method", "Payment Reference", "Refunded Amount", "Vendor",
    "Id", "Tags", "Risk Level", "Source", "Lineitem discount", "Phone",
]
KLAVIYO_STANDARD_COLUMNS = [
    "Email", "Klaviyo ID", "First Name", "Last Name", "Organization", "Title", "Phone Number", "Address", "Address 2",
    "City", "State / Region", "Country", "Zip Code", "Latitude", "Longitude", "Source", "IP Address",
    "Email Marketing Consent", "Email Marketing Consent Timestamp", "Historic Customer Lifetime Value",
    "Total Customer Lifetime Value", "Predicted Customer Lifetime Value", "Average Order Value",
    "Historic Number Of Orders", "First Active", "Last Active", "Profile Created On", "Date Added", "Last Open",
    "Last Click", "Average Days Between Orders", "Email Suppressions",
]
KLAVIYO_CUSTOM_COLUMNS = ["total_spent", "order_count", "last_order_date", "primary_tag", "loyalty_points"]

customers, orders, profiles = [], [], []
expect = {"customers": 0, "drifted": 0, "field_drifted": 0, "missing": 0, "unreadable": 0, "duplicates": 0,
          "TotalSpent": 0, "OrderCount": 0, "LastOrderDate": 0, "PrimaryTag": 0}


def add(n, first, email, *, spent, count, last, tags="newsletter", phone="", crm=None, drift=(), in_crm=True,
        unreadable=False, crm_copies=1):
    """One customer; `crm` overrides what Klaviyo holds (keys: email, phone, total_spent, order_count, last_order_date, primary_tag)."""
    cid = f"78123450004{n:02d}"
    zip_code = f"'0{2100 + n}"                      # Boston zips start with 0: Shopify keeps it with an apostrophe
    customers.append({
        "Customer ID": "'" + cid, "First Name": first, "Last Name": "Rivera", "Email": email,
        "Accepts Email Marketing": "yes", "Default Address Company": "", "Default Address Address1": f"{n} Beacon St",
        "Default Address Address2": "", "Default Address City": "Boston", "Default Address Province Code": "MA",
        "Default Address Country Code": "US", "Default Address Zip": zip_code,
        "Default Address Phone": ("'" + phone) if phone else "", "Phone": ("'" + phone) if phone else "",
        "Accepts SMS Marketing": "no", "Total Spent": spent, "Total Orders": str(count), "Note": "", "Tax Exempt": "no",
        "Tags": tags})
    order_id = 5_600_000_000_000 + n
    for item, (title, price) in enumerate([("Linen shirt", spent)] if n % 3 else [("Linen shirt", spent), ("Gift wrap", "0.00")]):
        head = item == 0
        orders.append({c: "" for c in SHOPIFY_ORDER_COLUMNS} | {
            "Name": f"#{1000 + n}", "Email": email, "Created at": last, "Lineitem quantity": "1", "Lineitem name": title,
            "Lineitem price": price, "Lineitem requires shipping": "true", "Lineitem taxable": "true",
            "Lineitem fulfillment status": "fulfilled", "Vendor": "Harbor & Pine",
            **({"Financial Status": "paid", "Paid at": last, "Fulfillment Status": "fulfilled", "Fulfilled at": last,
                "Accepts Marketing": "yes", "Currency": "USD", "Subtotal": spent, "Shipping": "0.00", "Taxes": "0.00",
                "Total": spent, "Discount Amount": "0.00", "Shipping Method": "Standard", "Billing Name": f"{first} Rivera",
                "Billing Zip": zip_code, "Billing City": "Boston", "Billing Province": "MA", "Billing Country": "US",
                "Billing Phone": ("'" + phone) if phone else "", "Payment Method": "Shopify Payments",
                "Refunded Amount": "0.00", "Id": str(order_id), "Risk Level": "Low", "Source": "web",
                "Phone": ("'" + phone) if phone else ""} if head else {})})
    expect["customers"] += 1
    if drift or not in_crm or unreadable:
        expect["drifted"] += 1
    if drift:
        expect["field_drifted"] += 1
    for f in drift:
        expect[f] += 1
    if not in_crm:
        expect["missing"] += 1
        return
    if unreadable:
        expect["unreadable"] += 1
    # Klaviyo writes dates without an offset (UTC); the integration wrote Shopify's last order time converted.
    crm = crm or {}
    held = {
        "total_spent": crm.get("total_spent", spent), "order_count": crm.get("order_count", str(count)),
        "last_order_date": crm.get("last_order_date", to_klaviyo(last)), "primary_tag": crm.get("primary_tag", ""),
    }
    for copy in range(crm_copies):
        profiles.append({c: "" for c in KLAVIYO_STANDARD_COLUMNS} | {
            "Email": crm.get("email", email) if copy == 0 else crm.get("email", email).title(),
            "Klaviyo ID": f"01JC{n:02d}{copy}Q8ZK3V5M7P9R2T4W6Y8",
            "First Name": first, "Last Name": "Rivera", "Phone Number": crm.get("phone", phone),
            "City": "Boston", "State / Region": "MA", "Country": "United States", "Zip Code": zip_code.lstrip("'"),
            "Source": "Shopify", "Email Marketing Consent": "SUBSCRIBED",
            "Email Marketing Consent Timestamp": "2025-03-02 14:00:00", "Historic Customer Lifetime Value": spent,
            "Total Customer Lifetime Value": spent, "Historic Number Of Orders": str(count),
            "First Active": "2025-03-02 14:00:00", "Last Active": to_klaviyo(last), "Profile Created On": "2025-03-02 14:00:00",
            "Date Added": "2025-03-02 14:00:00", "Email Suppressions": "",
            **held, "loyalty_points": str(10 * n)})
        if copy > 0:
            expect["duplicates"] += 1


def to_klaviyo(shopify_time):
    # "2026-11-20 10:15:30 -0500" -> "2026-11-20 15:15:30"
    from datetime import datetime, timezone
    return datetime.strptime(shopify_time, "%Y-%m-%d %H:%M:%S %z").astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S")


# ---- clean ----
add(1, "Ava", "ava.rivera@example.com", spent="106.15", count=2, last="2026-11-20 10:15:30 -0500",
    crm={"total_spent": "106.154"})                                                       # float within 0.01: no drift
add(16, "Noah", "noah.rivera@example.com", spent="58.00", count=1, last="2026-11-03 09:00:00 -0500",
    tags="vip, newsletter", crm={"primary_tag": "vip"})
add(17, "Iris", "x7h2k9qd4m@privaterelay.appleid.com", spent="75.00", count=1, last="2026-11-05 12:00:00 -0500",
    phone="+16135550135", crm={"email": "q0p9o8i7u6@privaterelay.appleid.com"})           # relay: matched by the phone
# ---- float outside the tolerance ----
add(2, "Ben", "ben.rivera@example.com", spent="106.17", count=2, last="2026-11-20 10:15:30 -0500",
    crm={"total_spent": "106.154"}, drift=["TotalSpent"])                                 # 0.016 apart
# ---- a profile Klaviyo holds but the audit cannot read: unreadable, not missing ----
add(3, "Cleo", "cleo.rivera@example.com", spent="40.00", count=2, last="2026-11-10 08:00:00 -0500",
    crm={"order_count": "2.5"}, unreadable=True)
# ---- no profile at all: missing ----
add(4, "Dev", "dev.rivera@example.com", spent="64.00", count=1, last="2026-11-11 08:00:00 -0500", in_crm=False)
# ---- eleven more drifted customers, so the page lists ten and points to drifted.csv ----
add(5, "Eli", "eli.rivera@example.com", spent="250.00", count=3, last="2026-11-12 08:00:00 -0500",
    crm={"total_spent": "200.00"}, drift=["TotalSpent"])
add(6, "Fay", "fay.rivera@example.com", spent="90.00", count=5, last="2026-11-12 09:00:00 -0500",
    crm={"order_count": "2"}, drift=["OrderCount"])
add(7, "Gus", "gus.rivera@example.com", spent="30.00", count=1, last="2026-11-12 10:00:00 -0500",
    crm={"last_order_date": "2026-11-09 15:00:00"}, drift=["LastOrderDate"])
add(8, "Hal", "hal.rivera@example.com", spent="45.00", count=1, last="2026-11-12 11:00:00 -0500",
    crm={"primary_tag": "vip"}, drift=["PrimaryTag"])                                     # Shopify's tags lack it
add(9, "Ida", "ida.rivera@example.com", spent="120.00", count=4, last="2026-11-13 08:00:00 -0500",
    crm={"total_spent": "80.00", "order_count": "2"}, drift=["TotalSpent", "OrderCount"])
add(10, "Jon", "jon.rivera@example.com", spent="35.00", count=1, last="2026-11-13 09:00:00 -0500",
    crm={"last_order_date": ""}, drift=["LastOrderDate"])                                  # never synced
add(11, "Kai", "kai.rivera@example.com", spent="310.00", count=2, last="2026-11-13 10:00:00 -0500",
    crm={"total_spent": "0.00"}, drift=["TotalSpent"])
add(12, "Lea", "lea.rivera@example.com", spent="66.00", count=3, last="2026-11-13 11:00:00 -0500",
    crm={"order_count": "0"}, drift=["OrderCount"])
add(13, "Max", "max.rivera@example.com", spent="52.00", count=1, last="2026-11-14 08:00:00 -0500",
    tags="VIP, newsletter", crm={"primary_tag": "vip"}, drift=["PrimaryTag"])              # case differs
add(14, "Nia", "nia.rivera@example.com", spent="99.99", count=1, last="2026-11-14 09:00:00 -0500",
    crm={"total_spent": "89.99"}, drift=["TotalSpent"])
add(15, "Oli", "oli.rivera@example.com", spent="500.00", count=6, last="2026-11-14 10:00:00 -0500",
    crm={"total_spent": "300.00", "order_count": "3", "last_order_date": "2026-09-01 12:00:00"},
    drift=["TotalSpent", "OrderCount", "LastOrderDate"])
# ---- two Klaviyo profiles for one person (an address typed in another case): a duplicate; the first is compared ----
add(18, "Pia", "pia.rivera@example.com", spent="20.00", count=1, last="2026-11-15 08:00:00 -0500", crm_copies=2)


def write(path, columns, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


write("customers_export.csv", SHOPIFY_CUSTOMER_COLUMNS, customers)
write("orders_export_1.csv", SHOPIFY_ORDER_COLUMNS, orders)
write("klaviyo_profiles_export.csv", KLAVIYO_STANDARD_COLUMNS + KLAVIYO_CUSTOM_COLUMNS, profiles)
print("expected:", expect)
