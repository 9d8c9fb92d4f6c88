#!/usr/bin/env python3
"""Builds the 200-customer audit fixture. Run from this folder: python3 build_fixture.py

Every trap is written out below with whether it must drift; filler customers match exactly. The
expected totals printed at the end are the numbers AuditFixtureTests asserts. Deterministic: no
randomness, so the committed CSVs are exactly what this script writes.
"""
import csv
from datetime import datetime, timedelta, timezone

EST = timezone(timedelta(hours=-5))
BASE = datetime(2026, 10, 1, 9, 0, 0, tzinfo=EST)

shopify, orders, crm = [], [], []
expect = {"drifted": 0, "missing": 0, "TotalSpent": 0, "OrderCount": 0, "LastOrderDate": 0, "PrimaryTag": 0}
order_no = [1000]


def iso(dt):
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ") if dt else ""


def add(n, *, email, phone="", spent="100.00", count=1, tags="", last=None, line_items=1,
        crm_email=None, crm_phone=None, crm_spent=None, crm_count=None, crm_last="same", crm_tag=None,
        in_crm=True, drift=(), missing=False, first="Pat", lastname="Doe"):
    cid = str(7_000_000_000 + n)
    shopify.append({"Customer ID": cid, "First Name": first, "Last Name": lastname, "Email": email,
                    "Accepts Email Marketing": "yes", "Default Address Country Code": "US",
                    "Default Address Phone": "", "Phone": phone, "Total Spent": spent, "Total Orders": str(count),
                    "Note": "", "Tax Exempt": "no", "Tags": tags})
    # one order per count; the last one is `last`
    order_time = last
    for k in range(count):
        t = last - timedelta(days=20 * (count - 1 - k)) if last else BASE
        order_no[0] += 1
        for li in range(line_items if k == count - 1 else 1):
            first_row = li == 0
            orders.append({"Name": f"#{order_no[0]}", "Email": email, "Financial Status": "paid" if first_row else "",
                           "Paid at": t.strftime("%Y-%m-%d %H:%M:%S %z") if first_row else "",
                           "Fulfillment Status": "fulfilled" if first_row else "", "Currency": "USD" if first_row else "",
                           "Subtotal": "50.00" if first_row else "", "Total": "54.00" if first_row else "",
                           "Created at": t.strftime("%Y-%m-%d %H:%M:%S %z"), "Lineitem quantity": "1",
                           "Lineitem name": f"Item {li}", "Lineitem price": "50.00", "Phone": phone, "Cancelled at": ""})
    if in_crm:
        crm.append({"Email": crm_email if crm_email is not None else email,
                    "Phone Number": crm_phone if crm_phone is not None else phone, "First Name": first, "Last Name": lastname,
                    "Profile Created On": "2025-01-01 00:00:00",
                    "total_spent": crm_spent if crm_spent is not None else spent,
                    "order_count": str(crm_count if crm_count is not None else count),
                    "last_order_date": iso(order_time) if crm_last == "same" else crm_last,
                    "first_order_date": "", "email_subscription_state": "subscribed",
                    "primary_tag": crm_tag if crm_tag is not None else "",
                    "loyalty_points": "10", "old_zapier_ltv": "99.5"})
    if drift or missing:
        expect["drifted"] += 1
    if missing:
        expect["missing"] += 1
    for f in drift:
        expect[f] += 1


n = 0
def nxt():
    global n
    n += 1
    return n

T = BASE + timedelta(days=30)  # a last order time used by the traps

# ---- tolerance edges: inside (no drift) ----
add(nxt(), email="edge.spent.in@example.com", spent="250.00", crm_spent="250.01", last=T)                 # 0.01 exactly
add(nxt(), email="edge.spent.in2@example.com", spent="250.01", crm_spent="250.00", last=T)                # -0.01 exactly
add(nxt(), email="edge.count.in@example.com", count=3, crm_count=2, last=T)                              # 1 order in flight
add(nxt(), email="edge.count.in2@example.com", count=3, crm_count=4, last=T)                             # 1 the other way
add(nxt(), email="edge.date.in@example.com", last=T, crm_last=iso(T + timedelta(hours=24)))               # 24 h exactly
add(nxt(), email="edge.date.in2@example.com", last=T, crm_last=iso(T - timedelta(hours=24)))              # -24 h exactly
add(nxt(), email="edge.date.offset@example.com", last=T, crm_last=T.strftime("%Y-%m-%dT%H:%M:%S-05:00"))  # same instant, other offset
add(nxt(), email="edge.noorders@example.com", count=0, spent="0.00", last=None, crm_last="")             # no orders anywhere
# ---- tolerance edges: outside (drift) ----
add(nxt(), email="edge.spent.out@example.com", spent="250.00", crm_spent="250.02", last=T, drift=["TotalSpent"])
add(nxt(), email="edge.spent.out2@example.com", spent="250.00", crm_spent="0.00", last=T, drift=["TotalSpent"])
add(nxt(), email="edge.count.out@example.com", count=3, crm_count=1, last=T, drift=["OrderCount"])
add(nxt(), email="edge.date.out@example.com", last=T, crm_last=iso(T + timedelta(hours=24, seconds=1)), drift=["LastOrderDate"])
add(nxt(), email="edge.date.out2@example.com", last=T, crm_last=iso(T - timedelta(days=40)), drift=["LastOrderDate"])
add(nxt(), email="edge.date.empty@example.com", last=T, crm_last="", drift=["LastOrderDate"])            # never synced
add(nxt(), email="edge.many@example.com", count=5, spent="500.00", crm_spent="300.00", crm_count=3, last=T,
    crm_last=iso(T - timedelta(days=60)), drift=["TotalSpent", "OrderCount", "LastOrderDate"])

# ---- money formats the CRM export may use (parsed, no drift) ----
add(nxt(), email="money.dollar@example.com", spent="1234.50", crm_spent="$1,234.50", last=T)
add(nxt(), email="money.comma@example.com", spent="1234.50", crm_spent="1234,50", last=T)
add(nxt(), email="money.usd@example.com", spent="12.00", crm_spent="USD 12.00", last=T)

# ---- primary tag: owned by Klaviyo, flows into Shopify Tags ----
add(nxt(), email="tag.in.list@example.com", tags="wholesale, vip", crm_tag="vip", last=T)
add(nxt(), email="tag.none@example.com", tags="staff-note", crm_tag="", last=T)                        # CRM has no tag: nothing to flow
add(nxt(), email="tag.case@example.com", tags="VIP", crm_tag="vip", last=T, drift=["PrimaryTag"])
add(nxt(), email="tag.absent@example.com", tags="wholesale", crm_tag="vip", last=T, drift=["PrimaryTag"])
add(nxt(), email="tag.empty@example.com", tags="", crm_tag="winback", last=T, drift=["PrimaryTag"])

# ---- identity traps that must match ----
add(nxt(), email="jane.doe@gmail.com", crm_email="janedoe@gmail.com", last=T)
add(nxt(), email="J.O.H.N.SMITH@gmail.com", crm_email="johnsmith@googlemail.com", last=T)
add(nxt(), email="bob+shop@gmail.com", crm_email="bob@gmail.com", last=T)
add(nxt(), email="amy+store@outlook.com", crm_email="amy@outlook.com", last=T)
add(nxt(), email="liz+x@icloud.com", crm_email="liz@icloud.com", last=T)
add(nxt(), email="  Carl@Example.COM ", crm_email="carl@example.com", last=T)
add(nxt(), email="x7h2k9qd4m@privaterelay.appleid.com", phone="'+16502530000",
    crm_email="q0p9o8i7u6@privaterelay.appleid.com", crm_phone="(650) 253-0000", last=T)                  # relay -> phone
add(nxt(), email="", phone="+44 20 7031 3000", crm_email="", crm_phone="+442070313000", last=None, count=0, spent="0.00", crm_last="")
# ---- identity traps that must NOT match (missing in CRM, drifted) ----
add(nxt(), email="eve-shop@yahoo.com", crm_email="eve@yahoo.com", last=T, missing=True)                # yahoo '-' is not a subaddress
add(nxt(), email="sam+news@acme.com", crm_email="sam@acme.com", last=T, missing=True)                  # custom domain keeps +tag
add(nxt(), email="r2d2c3po@privaterelay.appleid.com", phone="", crm_email="r2d2c3po@privaterelay.appleid.com",
    crm_phone="", last=T, missing=True)                                                                    # relay without phone
add(nxt(), email="jo.doe@outlook.com", crm_email="jodoe@outlook.com", last=T, missing=True)            # outlook dots count
add(nxt(), email="gone1@example.com", last=T, in_crm=False, missing=True)
add(nxt(), email="gone2@example.com", last=T, in_crm=False, missing=True)
add(nxt(), email="gone3@example.com", count=0, spent="0.00", last=None, in_crm=False, missing=True)

# ---- duplicates in the CRM: the first record is compared ----
add(nxt(), email="dup@example.com", last=T)
crm.append(dict(crm[-1], **{"Email": "Dup@Example.com", "total_spent": "1.00"}))
add(nxt(), email="dup.gmail@gmail.com", last=T)
crm.append(dict(crm[-1], **{"Email": "dupgmail+old@gmail.com"}))

# ---- an order exported as several line items is one order ----
add(nxt(), email="lineitems@example.com", count=2, line_items=4, last=T)

# ---- filler: clean customers ----
while n < 200:
    i = nxt()
    cnt = i % 4
    last = BASE + timedelta(days=i % 50, hours=i % 7) if cnt else None
    tag = ["", "vip", "winback", "new"][i % 4]
    add(i, email=f"customer{i}@example.com", phone="", spent=f"{i * 3}.{i % 100:02d}", count=cnt,
        tags=f"{tag}, newsletter" if tag else "newsletter", last=last, crm_tag=tag, crm_last="same" if cnt else "")

# ---- malformed rows: listed with their line, never fatal ----
bad_shopify = dict(shopify[0], **{"Customer ID": "7999999999", "Email": "bad.money@example.com", "Total Spent": "€12,00"})
crm_bad_line = {"Email": "ragged@example.com"}  # too few columns

def write(path, rows, extra=None):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()), lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow(r)
        if extra:
            f.write(extra)

write("shopify_customers.csv", shopify + [bad_shopify])
write("shopify_orders.csv", orders)
write("klaviyo_profiles.csv", crm, extra="ragged@example.com,+15555550100\n")
with open("writers.csv", "w", newline="") as f:
    f.write("property,writer\ntotal_spent,Shopify sync app\ntotal_spent,Zapier: LTV zap\norder_count,Shopify sync app\nprimary_tag,Klaviyo flows\n")

assert len(shopify) == 200
print(f"customers={len(shopify)} crm_rows={len(crm)} order_rows={len(orders)} orders={order_no[0] - 1000}")
print("expected:", expect, f"driftPercent={100 * expect['drifted'] / 200}")
