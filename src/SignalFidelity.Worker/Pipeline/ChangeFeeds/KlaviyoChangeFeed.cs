using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SignalFidelity.Connectors.Klaviyo;

namespace SignalFidelity.Worker.Pipeline.ChangeFeeds;

/// <summary>
/// Klaviyo profiles updated since the cursor (<c>GET /api/profiles?filter=greater-than(updated,...)</c>). The worker
/// links a profile to its Shopify customer through <c>external_id</c>, so only linked profiles name a customer.
/// </summary>
public sealed class KlaviyoChangeFeed(KlaviyoClient klaviyo) : ICrmChangeFeed
{
    /// <inheritdoc />
    public SyncSystem Crm => SyncSystem.Klaviyo;

    /// <inheritdoc />
    public async IAsyncEnumerable<CrmRecordChange> ChangedSinceAsync(DateTimeOffset? since, IReadOnlyList<string> properties,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = since is { } at ? $"greater-than(updated,{at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)})" : null;
        await foreach (var profile in klaviyo.GetProfilesAsync(filter, pageSize: 100, cancellationToken: cancellationToken))
        {
            var attributes = profile.Attributes;
            var key = attributes.ExternalId is { } id && id.StartsWith("gid://shopify/Customer/", StringComparison.Ordinal) ? id : null;
            yield return new CrmRecordChange(key, Values(attributes.Properties, properties), attributes.Updated ?? DateTimeOffset.UnixEpoch);
        }
    }

    // Klaviyo holds custom properties as JSON values; each is handed on as the text it holds (a string unquoted).
    internal static Dictionary<string, string> Values(JsonObject? held, IReadOnlyList<string> wanted)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in wanted)
        {
            if (held?[property] is JsonValue value)
            {
                var text = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
                if (text.Length > 0) values[property] = text;
            }
        }

        return values;
    }
}
