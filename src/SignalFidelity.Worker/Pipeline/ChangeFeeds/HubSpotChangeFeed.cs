using System.Globalization;
using SignalFidelity.Connectors.HubSpot;
using SignalFidelity.Worker.Pipeline.Destinations;

namespace SignalFidelity.Worker.Pipeline.ChangeFeeds;

/// <summary>
/// HubSpot contacts modified since the cursor, through CRM search (<c>POST /crm/v3/objects/contacts/search</c>,
/// <c>lastmodifieddate GT</c> in epoch milliseconds, sorted ascending). The worker links a contact to its Shopify
/// customer through the <see cref="HubSpotDestinationWriter.CustomerIdProperty"/> it writes with every upsert.
/// </summary>
public sealed class HubSpotChangeFeed(HubSpotClient hubSpot) : ICrmChangeFeed
{
    private const string LastModified = "lastmodifieddate";

    /// <inheritdoc />
    public SyncSystem Crm => SyncSystem.HubSpot;

    /// <inheritdoc />
    public async IAsyncEnumerable<CrmRecordChange> ChangedSinceAsync(DateTimeOffset? since, IReadOnlyList<string> properties,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filters = since is { } at
            ? new List<HubSpotFilterGroup> { new() { Filters = [new HubSpotFilter { PropertyName = LastModified, Operator = "GT", Value = at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) }] } }
            : [];
        var asked = properties.Append(HubSpotDestinationWriter.CustomerIdProperty).Append(LastModified).Distinct(StringComparer.Ordinal).ToList();
        await foreach (var contact in hubSpot.SearchAsync(filters, asked, sorts: [new HubSpotSort { PropertyName = LastModified, Direction = "ASCENDING" }], cancellationToken: cancellationToken))
        {
            var key = contact.Properties.GetValueOrDefault(HubSpotDestinationWriter.CustomerIdProperty) is { } id && id.StartsWith("gid://shopify/Customer/", StringComparison.Ordinal) ? id : null;
            var values = properties
                .Where(p => contact.Properties.GetValueOrDefault(p) is { Length: > 0 })
                .ToDictionary(p => p, p => contact.Properties[p]!, StringComparer.Ordinal);
            yield return new CrmRecordChange(key, values, contact.UpdatedAt ?? Modified(contact) ?? DateTimeOffset.UnixEpoch);
        }
    }

    private static DateTimeOffset? Modified(HubSpotContact contact) =>
        DateTimeOffset.TryParse(contact.Properties.GetValueOrDefault(LastModified), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
}
