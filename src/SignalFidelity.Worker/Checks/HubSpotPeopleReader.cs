using SignalFidelity.Connectors.HubSpot;

namespace SignalFidelity.Worker.Checks;

/// <summary>
/// HubSpot contacts by batch read (<c>POST /crm/v3/objects/contacts/batch/read</c>, <c>idProperty</c> email, 100 per
/// call), for a sample and for the whole population alike: HubSpot's search stops at 10,000 results and its list
/// endpoint returns no chosen properties per page cheaper than this. The worker writes HubSpot by email, so a
/// customer with no address has no contact to read and is reported missing.
/// </summary>
public sealed class HubSpotPeopleReader(HubSpotClient hubSpot) : ICrmPeopleReader
{
    private const string EmailProperty = "email";
    private const string PhoneProperty = "phone";

    /// <inheritdoc />
    public bool PagesEveryone => false;

    /// <inheritdoc />
    public SyncSystem Crm => SyncSystem.HubSpot;

    /// <inheritdoc />
    public async IAsyncEnumerable<CrmPerson> ReadAsync(IReadOnlyList<PersonKey> people, bool everyone, IReadOnlyList<string> properties,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var asked = properties.Append(EmailProperty).Append(PhoneProperty).Distinct(StringComparer.Ordinal).ToList();
        var emails = people.Where(p => !string.IsNullOrWhiteSpace(p.Email)).Select(p => p.Email!.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var chunk in emails.Chunk(HubSpotClient.MaxBatch))
        {
            var (found, _) = await hubSpot.ReadContactsAsync(EmailProperty, chunk, asked, cancellationToken);
            foreach (var contact in found)
            {
                var values = properties.Where(p => contact.Properties.GetValueOrDefault(p) is { Length: > 0 })
                    .ToDictionary(p => p, p => contact.Properties[p]!, StringComparer.Ordinal);
                yield return new CrmPerson(contact.Id, contact.Properties.GetValueOrDefault(EmailProperty), contact.Properties.GetValueOrDefault(PhoneProperty), values);
            }
        }
    }
}
