namespace SignalFidelity.Topology;

// One owner per field. Add a field here, build, then `sigfid topology lock` and `sigfid topology doc`.
[SyncEntity("customer", Identity = IdentityRule.CanonicalEmailThenPhone)]
public partial record Customer
{
    [OwnedBy(SyncSystem.Shopify, Property = "defaultEmailAddress.emailAddress"),
     FromWebhook("customers/create", "email"), FromWebhook("customers/update", "email"),
     FlowsTo(SyncSystem.Klaviyo, "email")]
    public string? Email { get; init; }

    [OwnedBy(SyncSystem.Shopify, Property = "amountSpent.amount"),
     FromWebhook("customers/purchasing_summary", "amountSpent.amount"),
     FlowsTo(SyncSystem.Klaviyo, "total_spent"),
     FidelityField, DriftTolerance(Amount = 0.01)]
    public decimal TotalSpent { get; init; }

    [OwnedBy(SyncSystem.Klaviyo, Property = "primary_tag", Why = "Segments are built in Klaviyo"),
     FlowsTo(SyncSystem.Shopify, "tags"), FidelityField]
    public string? PrimaryTag { get; init; }
}
