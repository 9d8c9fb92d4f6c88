namespace SignalFidelity.Sandbox.HubSpot;

/// <summary>A contact as HubSpot holds it: every property value is a string.</summary>
public sealed class HubSpotContactRecord
{
    public required string Id { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public Dictionary<string, string?> Properties { get; } = new(StringComparer.Ordinal);

    public HubSpotContactRecord Snapshot()
    {
        var copy = new HubSpotContactRecord { Id = Id, CreatedAt = CreatedAt, UpdatedAt = UpdatedAt };
        foreach (var (k, v) in Properties) copy.Properties[k] = v;
        return copy;
    }
}

/// <summary>The HubSpot portal's contacts, indexed by id and by each unique property (email is stored lower-cased, as HubSpot does).</summary>
public sealed class HubSpotState
{
    private readonly Dictionary<string, HubSpotContactRecord> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Property, string Value), HubSpotContactRecord> _byUnique = [];
    private readonly List<HubSpotContactRecord> _inOrder = [];
    private readonly Dictionary<string, string> _mergedInto = new(StringComparer.Ordinal);
    private long _nextId = 51_000_000_001;

    internal Lock Gate { get; } = new();

    public IReadOnlyList<HubSpotContactRecord> Contacts
    {
        get { lock (Gate) return _inOrder.Select(c => c.Snapshot()).ToList(); }
    }

    public int ContactCount
    {
        get { lock (Gate) return _inOrder.Count; }
    }

    internal IReadOnlyList<HubSpotContactRecord> ContactsUnlocked => _inOrder;

    internal static string Normalize(string property, string value) => property == "email" ? value.Trim().ToLowerInvariant() : value;

    internal HubSpotContactRecord? FindUnlocked(string idProperty, string id) =>
        idProperty == "hs_object_id"
            ? _byId.GetValueOrDefault(_mergedInto.GetValueOrDefault(id) ?? id)
            : _byUnique.GetValueOrDefault((idProperty, Normalize(idProperty, id)));

    /// <summary>Which API clients wrote each property (<see cref="Http.PropertyWriterLog"/>); the id property is the key, not a write.</summary>
    public Http.PropertyWriterLog Writers { get; } = new();

    /// <summary>The observed-writers inventory so far: property -> the clients that wrote it.</summary>
    public IReadOnlyDictionary<string, IReadOnlyCollection<string>> PropertyWriters => Writers.Snapshot();

    internal (HubSpotContactRecord Contact, bool Created) UpsertUnlocked(string idProperty, string id, IReadOnlyDictionary<string, string?> properties,
        IEnumerable<string> uniqueProperties, DateTimeOffset now, string? writer = null)
    {
        var contact = FindUnlocked(idProperty, id);
        var created = contact is null;
        if (contact is null)
        {
            contact = new HubSpotContactRecord { Id = (_nextId++).ToString(System.Globalization.CultureInfo.InvariantCulture), CreatedAt = now, UpdatedAt = now };
            _byId[contact.Id] = contact;
            _inOrder.Add(contact);
            contact.Properties[idProperty] = Normalize(idProperty, id);
        }
        foreach (var (key, value) in properties)
        {
            contact.Properties[key] = key == "email" && value is not null ? Normalize("email", value) : value;
            if (writer is not null && key != idProperty) Writers.Record(key, writer);
        }
        contact.Properties["hs_object_id"] = contact.Id;
        contact.Properties["lastmodifieddate"] = now.ToString("o", System.Globalization.CultureInfo.InvariantCulture);
        contact.Properties.TryAdd("createdate", now.ToString("o", System.Globalization.CultureInfo.InvariantCulture));
        contact.UpdatedAt = now;
        foreach (var unique in uniqueProperties)
            if (contact.Properties.GetValueOrDefault(unique) is { } value) _byUnique[(unique, Normalize(unique, value))] = contact;
        return (contact, created);
    }

    /// <summary>
    /// Merges <paramref name="other"/> into <paramref name="primary"/> the way HubSpot documents it (developer changelog
    /// "Updated merge functionality for contacts and companies"; knowledge base "Merge records"): a new contact with a
    /// new id replaces both, and both old ids still resolve to it; the primary's current values are the merged contact's
    /// and the other's fill the properties the primary lacks; the primary's email is kept, the other's becomes an
    /// additional email (<c>hs_additional_emails</c>) that still finds the merged contact, so no new contact can take it.
    /// </summary>
    internal HubSpotContactRecord MergeUnlocked(HubSpotContactRecord primary, HubSpotContactRecord other, DateTimeOffset now)
    {
        var merged = new HubSpotContactRecord { Id = (_nextId++).ToString(System.Globalization.CultureInfo.InvariantCulture), CreatedAt = primary.CreatedAt, UpdatedAt = now };
        foreach (var (key, value) in other.Properties) merged.Properties[key] = value;
        foreach (var (key, value) in primary.Properties.Where(p => !string.IsNullOrEmpty(p.Value))) merged.Properties[key] = value;
        var additional = new[] { primary.Properties.GetValueOrDefault("hs_additional_emails"), other.Properties.GetValueOrDefault("hs_additional_emails"), other.Properties.GetValueOrDefault("email") }
            .SelectMany(v => (v ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(e => !string.Equals(e, merged.Properties.GetValueOrDefault("email"), StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (additional.Count > 0) merged.Properties["hs_additional_emails"] = string.Join(';', additional);
        merged.Properties["hs_object_id"] = merged.Id;
        merged.Properties["lastmodifieddate"] = now.ToString("o", System.Globalization.CultureInfo.InvariantCulture);

        _inOrder[_inOrder.IndexOf(primary)] = merged;
        _inOrder.Remove(other);
        foreach (var old in new[] { primary, other })
        {
            _byId.Remove(old.Id);
            _mergedInto[old.Id] = merged.Id;
            foreach (var key in _byUnique.Where(e => ReferenceEquals(e.Value, old)).Select(e => e.Key).ToList()) _byUnique[key] = merged;
        }
        foreach (var alias in _mergedInto.Where(a => a.Value == primary.Id || a.Value == other.Id).Select(a => a.Key).ToList()) _mergedInto[alias] = merged.Id;
        _byId[merged.Id] = merged;
        return merged;
    }

    /// <summary>Erases a contact and every index entry pointing at it (GDPR delete); false when none matched.</summary>
    internal bool DeleteUnlocked(string idProperty, string id)
    {
        if (FindUnlocked(idProperty, id) is not { } contact) return false;
        _byId.Remove(contact.Id);
        _inOrder.Remove(contact);
        foreach (var key in _byUnique.Where(e => ReferenceEquals(e.Value, contact)).Select(e => e.Key).ToList()) _byUnique.Remove(key);
        return true;
    }
}
