namespace SignalFidelity
{
    /// <summary>A system that holds customer data and can own or receive a field.</summary>
    public enum SyncSystem
    {
        /// <summary>The Shopify store: the source of truth for transactional facts.</summary>
        Shopify = 0,

        /// <summary>Klaviyo: a CRM that owns lifecycle facts (subscriptions, segments, predictions).</summary>
        Klaviyo = 1,

        /// <summary>HubSpot: a CRM that owns lifecycle facts (subscriptions, segments, scores).</summary>
        HubSpot = 2,
    }
}
