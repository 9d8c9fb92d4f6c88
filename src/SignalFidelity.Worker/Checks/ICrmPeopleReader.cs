namespace SignalFidelity.Worker.Checks;

/// <summary>
/// Reads people from one CRM for the drift check, at the vendor's ceiling through its connector's pacer. Each
/// vendor's reader declares the system it reads and the check picks it by <c>--crm</c>: no list of CRMs elsewhere.
/// </summary>
public interface ICrmPeopleReader
{
    /// <summary>The CRM this reader reads.</summary>
    SyncSystem Crm { get; }

    /// <summary>
    /// Whether a whole-population read pages every record without being told who to look for: then the check runs it
    /// beside Shopify's bulk operation instead of after it.
    /// </summary>
    bool PagesEveryone { get; }

    /// <summary>
    /// The CRM's records of <paramref name="people"/> (or every record when <paramref name="everyone"/> and the vendor can
    /// page them all more cheaply), with the values of <paramref name="properties"/> as text. Records are matched to the
    /// people by the identity rule afterwards, so a reader may return more than asked.
    /// </summary>
    IAsyncEnumerable<CrmPerson> ReadAsync(IReadOnlyList<PersonKey> people, bool everyone, IReadOnlyList<string> properties, CancellationToken cancellationToken);
}

/// <summary>How a Shopify customer is looked up in a CRM: the address and phone Shopify holds.</summary>
public sealed record PersonKey(string? Email, string? Phone);

/// <summary>One CRM record: its id, the identifiers the identity rule reads, and property values (absent when unset).</summary>
public sealed record CrmPerson(string? Id, string? Email, string? Phone, IReadOnlyDictionary<string, string> Values);
