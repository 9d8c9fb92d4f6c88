using System.Globalization;
using SignalFidelity.Connectors.Klaviyo;
using SignalFidelity.Worker.Pipeline.ChangeFeeds;

namespace SignalFidelity.Worker.Checks;

/// <summary>
/// Klaviyo profiles (<c>GET /api/profiles</c>): every profile page by page for a whole-population check (100 per page,
/// Klaviyo's largest), else the sampled people by <c>any(email,[...])</c> and, for those matched by phone,
/// <c>any(phone_number,[...])</c>. The connector's pacer holds the endpoint's published burst and steady limits.
/// </summary>
public sealed class KlaviyoPeopleReader(KlaviyoClient klaviyo) : ICrmPeopleReader
{
    // Values per any(...) filter: a short URL, and a page of 100 answers holds the whole chunk.
    private const int FilterChunk = 50;

    /// <inheritdoc />
    public bool PagesEveryone => true;

    /// <inheritdoc />
    public SyncSystem Crm => SyncSystem.Klaviyo;

    /// <inheritdoc />
    public async IAsyncEnumerable<CrmPerson> ReadAsync(IReadOnlyList<PersonKey> people, bool everyone, IReadOnlyList<string> properties,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (everyone)
        {
            await foreach (var profile in klaviyo.GetProfilesAsync(null, pageSize: 100, cancellationToken: cancellationToken)) yield return Person(profile, properties);
            yield break;
        }

        var emails = people.Where(p => !string.IsNullOrWhiteSpace(p.Email)).Select(p => p.Email!.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var phones = people.Where(p => string.IsNullOrWhiteSpace(p.Email) && !string.IsNullOrWhiteSpace(p.Phone)).Select(p => p.Phone!.Trim()).Distinct(StringComparer.Ordinal).ToList();
        foreach (var (attribute, values) in new[] { ("email", emails), ("phone_number", phones) })
        {
            foreach (var chunk in values.Chunk(FilterChunk))
            {
                var filter = string.Create(CultureInfo.InvariantCulture, $"any({attribute},[{string.Join(",", chunk.Select(Quoted))}])");
                await foreach (var profile in klaviyo.GetProfilesAsync(filter, pageSize: 100, cancellationToken: cancellationToken)) yield return Person(profile, properties);
            }
        }
    }

    private static CrmPerson Person(KlaviyoProfileResource profile, IReadOnlyList<string> properties)
    {
        var a = profile.Attributes;
        return new CrmPerson(profile.Id, a.Email, a.PhoneNumber, KlaviyoChangeFeed.Values(a.Properties, properties));
    }

    // Klaviyo's filter strings are double-quoted; a quote inside an address is escaped.
    private static string Quoted(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
