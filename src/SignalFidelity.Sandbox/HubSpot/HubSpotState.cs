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
        idProperty == "hs_object_id" ? _byId.GetValueOrDefault(id) : _byUnique.GetValueOrDefault((idProperty, Normalize(idProperty, id)));

    internal (HubSpotContactRecord Contact, bool Created) UpsertUnlocked(string idProperty, string id, IReadOnlyDictionary<string, string?> properties,
        IEnumerable<string> uniqueProperties, DateTimeOffset now)
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
            contact.Properties[key] = key == "email" && value is not null ? Normalize("email", value) : value;
        contact.Properties["hs_object_id"] = contact.Id;
        contact.Properties["lastmodifieddate"] = now.ToString("o", System.Globalization.CultureInfo.InvariantCulture);
        contact.Properties.TryAdd("createdate", now.ToString("o", System.Globalization.CultureInfo.InvariantCulture));
        contact.UpdatedAt = now;
        foreach (var unique in uniqueProperties)
            if (contact.Properties.GetValueOrDefault(unique) is { } value) _byUnique[(unique, Normalize(unique, value))] = contact;
        return (contact, created);
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
