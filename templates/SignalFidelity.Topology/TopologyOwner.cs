// Who approves a change of field ownership (their names become the CODEOWNERS of topology/).
[assembly: TopologyOwner("OWNER_NAME", "OWNER_EMAIL", Backup = "BACKUP_NAME", BackupEmail = "BACKUP_EMAIL")]

// The vendor API versions the topology is written against; the Shopify pin needs a payload snapshot (SF0008).
[assembly: VendorApi(SyncSystem.Shopify, "2026-04")]
[assembly: VendorApi(SyncSystem.Klaviyo, "2026-07-15")]
