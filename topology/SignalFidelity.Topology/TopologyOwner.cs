using SignalFidelity;

// The person accountable for this topology and their backup. Their GitHub handles become the
// CODEOWNERS of topology/, so every change to field ownership is reviewed by them.
[assembly: TopologyOwner("Dana Ortiz", "dana@store.example", GitHub = "@dana-ortiz",
    Backup = "Lee Park", BackupEmail = "lee@store.example", BackupGitHub = "@lee-park")]

// The vendor API versions this topology was written against. Upgrading one is a reviewed change:
// Shopify 2025-01 moved order roll-ups out of customers/* into customers/purchasing_summary (and, falling
// forward from retired versions, every older pin gets the new shape too). The Shopify pin is the newest
// version with a payload snapshot in vendor-schemas/shopify (SF0007 checks every [FromWebhook] against it;
// a pin without one is SF0008): move it only together with a new snapshot.
[assembly: VendorApi(SyncSystem.Shopify, "2026-04")]
[assembly: VendorApi(SyncSystem.Klaviyo, "2026-07-15")]
