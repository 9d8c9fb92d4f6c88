using SignalFidelity.Connectors.Resilience;

namespace SignalFidelity.Worker.Hosting;

/// <summary>
/// Where each destination's connection is configured and what its credential must allow, so a failed check
/// names the setting to fix rather than only the vendor's status.
/// </summary>
internal sealed record DestinationSettings(string Vendor, string Credential, string CredentialSetting, string BaseUrlSetting, string NeededScopes)
{
    public static DestinationSettings Klaviyo { get; } = new(
        "Klaviyo", "API key", "SignalFidelity:Klaviyo:ApiKey", "SignalFidelity:Klaviyo:BaseUrl",
        "profiles:read, profiles:write, lists:write (bulk import) and data-privacy:write (customers/redact)");

    public static DestinationSettings HubSpot { get; } = new(
        "HubSpot", "access token", "SignalFidelity:HubSpot:AccessToken", "SignalFidelity:HubSpot:BaseUrl",
        "crm.objects.contacts.read and crm.objects.contacts.write");

    public static DestinationSettings Shopify { get; } = new(
        "Shopify", "Admin API access token", "SignalFidelity:Shopify:AccessToken", "SignalFidelity:Shopify:AdminBaseUrl",
        "read_customers and write_customers (tags)");

    private static readonly DestinationSettings[] All = [Klaviyo, HubSpot, Shopify];

    /// <summary>The settings of <paramref name="destination"/>: each record names its vendor as the SyncSystem member does.</summary>
    public static DestinationSettings For(SyncSystem destination) =>
        All.FirstOrDefault(s => s.Vendor == destination.ToString()) ?? throw new ArgumentOutOfRangeException(nameof(destination), destination, "no connection settings known");

    /// <summary>
    /// The same settings as one shop's section has them (<c>SignalFidelity:Shops:&lt;domain&gt;:Klaviyo:ApiKey</c>);
    /// <paramref name="section"/> <see cref="WorkerOptions.Section"/> is the top level, as it is for the main shop.
    /// </summary>
    public DestinationSettings In(string section) => section == WorkerOptions.Section
        ? this
        : this with
        {
            CredentialSetting = section + CredentialSetting[WorkerOptions.Section.Length..],
            BaseUrlSetting = section + BaseUrlSetting[WorkerOptions.Section.Length..],
        };

    /// <summary>
    /// A refused check as an operator reads it: the vendor's status and code, what it means, and the setting to
    /// fix. Only the status and codes are used, never the vendor's prose.
    /// </summary>
    public DestinationStatus Explain(ConnectorException exception)
    {
        var code = exception.Refusal?.Code is { } c ? " " + c : string.Empty;
        var reason = exception.StatusCode switch
        {
            401 => $"401{code}: the {Credential} was refused; check {CredentialSetting}",
            403 => $"403{code}: the {Credential} lacks a scope this worker needs ({NeededScopes}); check {CredentialSetting}",
            404 => $"404{code}: nothing of {Vendor}'s answers at this address; check {BaseUrlSetting}",
            // Throttled means the credentials were accepted: writes wait for the window, nothing is lost.
            429 => null,
            >= 500 => $"{exception.StatusCode}{code}: {Vendor} is failing; writes are retried with backoff",
            null => $"no answer ({exception.Reason}); check {BaseUrlSetting} and that {Vendor} is reachable from the worker",
            _ => $"{exception.StatusCode}{code}: {Vendor} refused the check; check {BaseUrlSetting} and {CredentialSetting}",
        };
        return reason is null ? DestinationStatus.Passed : new DestinationStatus(false, reason);
    }
}
