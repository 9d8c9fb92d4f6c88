using SignalFidelity;

// The person accountable for this topology and their backup. Their GitHub handles become the
// CODEOWNERS of topology/, so every change to field ownership is reviewed by them.
[assembly: TopologyOwner("Dana Ortiz", "dana@store.example", GitHub = "@dana-ortiz",
    Backup = "Lee Park", BackupEmail = "lee@store.example", BackupGitHub = "@lee-park")]

// The vendor API versions this topology was written against. Upgrading one is a reviewed change:
// Shopify 2025-01 moved order roll-ups out of customers/* into customers/purchasing_summary (and, falling
// forward from retired versions, every older pin gets the new shape too).
[assembly: VendorApi(SyncSystem.Shopify, "2026-07")]
[assembly: VendorApi(SyncSystem.Klaviyo, "2026-07-15")]
