using System.Text.Json.Nodes;

namespace SignalFidelity.Sandbox.Klaviyo;

/// <summary>
/// The Klaviyo account's in-memory state. Profiles are found the way Klaviyo finds them: by id, then
/// by email (trimmed, case-insensitive, nothing else: Klaviyo does not fold gmail dots), then phone,
/// then external id. Guarded by one lock; the simulator's throughput is far above the vendor limits.
/// </summary>
public sealed class KlaviyoState(TimeProvider clock, double bulkImportProfilesPerSecond)
{
    private readonly Dictionary<string, KlaviyoProfileRecord> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, KlaviyoProfileRecord> _byEmail = new(StringComparer.Ordinal);
    private readonly Dictionary<string, KlaviyoProfileRecord> _byPhone = new(StringComparer.Ordinal);
    private readonly Dictionary<string, KlaviyoProfileRecord> _byExternalId = new(StringComparer.Ordinal);
    private readonly List<KlaviyoProfileRecord> _inOrder = [];
    private readonly List<KlaviyoEventRecord> _events = [];
    private readonly HashSet<(string Profile, string Metric, string UniqueId)> _eventKeys = [];
    private readonly Dictionary<string, (string Id, DateTimeOffset Created)> _metricsByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, KlaviyoImportJob> _jobs = new(StringComparer.Ordinal);
    private DateTimeOffset _importQueueFreeAt = DateTimeOffset.MinValue;
    private long _sequence;

    internal Lock Gate { get; } = new();

    public TimeProvider Clock => clock;

    /// <summary>Snapshot of every profile, in creation order.</summary>
    public IReadOnlyList<KlaviyoProfileRecord> Profiles
    {
        get { lock (Gate) { ApplyFinishedJobs(); return _inOrder.Select(p => p.Snapshot()).ToList(); } }
    }

    public IReadOnlyList<KlaviyoEventRecord> Events
    {
        get { lock (Gate) return _events.ToList(); }
    }

    public int ProfileCount
    {
        get { lock (Gate) { ApplyFinishedJobs(); return _inOrder.Count; } }
    }

    public string? MetricIdByName(string name)
    {
        lock (Gate) return _metricsByName.TryGetValue(name, out var m) ? m.Id : null;
    }

    internal IReadOnlyList<KlaviyoProfileRecord> ProfilesUnlocked => _inOrder;
    internal IReadOnlyList<KlaviyoEventRecord> EventsUnlocked => _events;
    internal IEnumerable<(string Name, string Id, DateTimeOffset Created)> MetricsUnlocked =>
        _metricsByName.Select(m => (m.Key, m.Value.Id, m.Value.Created));

    internal string NewId(string prefix) => $"{prefix}{Interlocked.Increment(ref _sequence):D10}";

    internal static string? EmailKey(string? email) => string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();

    internal KlaviyoProfileRecord? FindUnlocked(string? id, string? email, string? phone, string? externalId)
    {
        if (id is not null && _byId.TryGetValue(id, out var p)) return p;
        if (EmailKey(email) is { } e && _byEmail.TryGetValue(e, out p)) return p;
        if (!string.IsNullOrWhiteSpace(phone) && _byPhone.TryGetValue(phone.Trim(), out p)) return p;
        if (!string.IsNullOrWhiteSpace(externalId) && _byExternalId.TryGetValue(externalId, out p)) return p;
        return null;
    }

    internal KlaviyoProfileRecord? FindByIdUnlocked(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Creates or updates a profile from JSON:API attributes; returns it and whether it was created.</summary>
    internal (KlaviyoProfileRecord Profile, bool Created) UpsertUnlocked(string? id, JsonObject attributes, string? writer = null)
    {
        var email = (string?)attributes["email"];
        var phone = (string?)attributes["phone_number"];
        var externalId = (string?)attributes["external_id"];
        var now = clock.GetUtcNow();
        var profile = FindUnlocked(id, email, phone, externalId);
        var created = profile is null;
        if (profile is null)
        {
            profile = new KlaviyoProfileRecord { Id = NewId("01KSANDBOXP"), Created = now, Updated = now };
            _byId[profile.Id] = profile;
            _inOrder.Add(profile);
        }
        if (attributes.ContainsKey("email")) SetIndexed(_byEmail, profile.Email is null ? null : EmailKey(profile.Email), EmailKey(email), profile, v => profile.Email = email?.Trim());
        if (attributes.ContainsKey("phone_number")) SetIndexed(_byPhone, profile.PhoneNumber, phone?.Trim(), profile, v => profile.PhoneNumber = v);
        if (attributes.ContainsKey("external_id")) SetIndexed(_byExternalId, profile.ExternalId, externalId, profile, v => profile.ExternalId = v);
        if (attributes.ContainsKey("first_name")) profile.FirstName = (string?)attributes["first_name"];
        if (attributes.ContainsKey("last_name")) profile.LastName = (string?)attributes["last_name"];
        if (attributes["properties"] is JsonObject properties)
        {
            // Klaviyo merges custom properties key by key: a key sent replaces the stored one, others stay.
            foreach (var (key, value) in properties)
            {
                profile.Properties[key] = value?.DeepClone();
                if (writer is not null) Writers.Record(key, writer);
            }
        }
        profile.Updated = now;
        return (profile, created);
    }

    /// <summary>
    /// Writes one profile as a profile-import call with these JSON:API attributes would, without HTTP and without the
    /// endpoint's rate limit: how a benchmark gives the account a large population before it measures reads.
    /// </summary>
    public void SeedProfile(JsonObject attributes)
    {
        lock (Gate) UpsertUnlocked(null, attributes);
    }

    /// <summary>Which API clients wrote each custom property (<see cref="Http.PropertyWriterLog"/>).</summary>
    public Http.PropertyWriterLog Writers { get; } = new();

    /// <summary>The observed-writers inventory so far: property -> the clients that wrote it.</summary>
    public IReadOnlyDictionary<string, IReadOnlyCollection<string>> PropertyWriters => Writers.Snapshot();

    private static void SetIndexed(Dictionary<string, KlaviyoProfileRecord> index, string? oldKey, string? newKey,
        KlaviyoProfileRecord profile, Action<string?> assign)
    {
        if (oldKey is not null && index.TryGetValue(oldKey, out var holder) && ReferenceEquals(holder, profile)) index.Remove(oldKey);
        if (newKey is not null) index.TryAdd(newKey, profile);
        assign(newKey);
    }

    /// <summary>
    /// Erases every profile the identifier names, with its events (a data-privacy deletion). Klaviyo runs
    /// the job asynchronously; the sandbox finishes it at once. Returns how many profiles were erased.
    /// </summary>
    internal int DeleteUnlocked(string? id, string? email, string? phone)
    {
        ApplyFinishedJobs(); // a job still importing the person must not bring them back afterwards
        var doomed = _inOrder.Where(p => (id is not null && p.Id == id)
            || (EmailKey(email) is { } e && EmailKey(p.Email) == e)
            || (!string.IsNullOrWhiteSpace(phone) && p.PhoneNumber == phone.Trim())).ToList();
        foreach (var profile in doomed)
        {
            _inOrder.Remove(profile);
            _byId.Remove(profile.Id);
            RemoveIndexed(_byEmail, EmailKey(profile.Email), profile);
            RemoveIndexed(_byPhone, profile.PhoneNumber, profile);
            RemoveIndexed(_byExternalId, profile.ExternalId, profile);
            _events.RemoveAll(evt => evt.ProfileId == profile.Id);
            _eventKeys.RemoveWhere(key => key.Profile == profile.Id);
        }
        return doomed.Count;
    }

    /// <summary>
    /// Merges profile <paramref name="sourceId"/> into <paramref name="destinationId"/> and deletes the source. Klaviyo's
    /// destination profile "retains its primary email and identities" while the other profile adds its properties and
    /// event history (help.klaviyo.com Multi-Email Profiles, "When and How Profiles Merge"; Merge Profiles in the
    /// OpenAPI): every value the destination holds stays, and each one it lacks (identifiers, names, custom
    /// properties) is taken from the source. Both must exist.
    /// </summary>
    internal void MergeUnlocked(string destinationId, string sourceId)
    {
        var destination = _byId[destinationId];
        var source = _byId[sourceId];
        _inOrder.Remove(source);
        _byId.Remove(source.Id);
        RemoveIndexed(_byEmail, EmailKey(source.Email), source);
        RemoveIndexed(_byPhone, source.PhoneNumber, source);
        RemoveIndexed(_byExternalId, source.ExternalId, source);
        if (destination.Email is null && source.Email is not null) SetIndexed(_byEmail, null, EmailKey(source.Email), destination, _ => destination.Email = source.Email);
        if (destination.PhoneNumber is null && source.PhoneNumber is not null) SetIndexed(_byPhone, null, source.PhoneNumber, destination, v => destination.PhoneNumber = v);
        if (destination.ExternalId is null && source.ExternalId is not null) SetIndexed(_byExternalId, null, source.ExternalId, destination, v => destination.ExternalId = v);
        destination.FirstName ??= source.FirstName;
        destination.LastName ??= source.LastName;
        foreach (var (key, value) in source.Properties)
        {
            if (destination.Properties.GetValueOrDefault(key) is null) destination.Properties[key] = value?.DeepClone();
        }
        for (var i = 0; i < _events.Count; i++)
        {
            if (_events[i].ProfileId == source.Id) _events[i] = _events[i] with { ProfileId = destination.Id };
        }
        foreach (var key in _eventKeys.Where(k => k.Profile == source.Id).ToList())
        {
            _eventKeys.Remove(key);
            _eventKeys.Add((destination.Id, key.Metric, key.UniqueId));
        }
        destination.Updated = clock.GetUtcNow();
    }

    private static void RemoveIndexed(Dictionary<string, KlaviyoProfileRecord> index, string? key, KlaviyoProfileRecord profile)
    {
        if (key is not null && index.TryGetValue(key, out var holder) && ReferenceEquals(holder, profile)) index.Remove(key);
    }

    /// <summary>Stores an event unless its unique_id was already seen for this profile and metric.</summary>
    internal bool AddEventUnlocked(string metricName, KlaviyoProfileRecord profile, DateTimeOffset time, string? uniqueId, JsonObject properties, double? value)
    {
        if (!_metricsByName.TryGetValue(metricName, out var metric))
        {
            metric = (NewId("SBXM"), clock.GetUtcNow());
            _metricsByName[metricName] = metric;
        }
        if (uniqueId is not null && !_eventKeys.Add((profile.Id, metric.Id, uniqueId))) return false;
        _events.Add(new KlaviyoEventRecord(NewId("SBXE"), metric.Id, profile.Id, time, uniqueId, properties, value));
        return true;
    }

    /// <summary>Queues a job behind the ones before it: the import pipeline processes profiles at a fixed rate.</summary>
    internal KlaviyoImportJob AddJobUnlocked(List<JsonObject> profiles)
    {
        var now = clock.GetUtcNow();
        var starts = _importQueueFreeAt > now ? _importQueueFreeAt : now;
        var completes = starts + TimeSpan.FromSeconds(profiles.Count / bulkImportProfilesPerSecond);
        _importQueueFreeAt = completes;
        var job = new KlaviyoImportJob { Id = NewId("SBXJ"), CreatedAt = now, StartsAt = starts, CompletesAt = completes, Profiles = profiles };
        _jobs[job.Id] = job;
        return job;
    }

    internal KlaviyoImportJob? JobUnlocked(string id)
    {
        ApplyFinishedJobs();
        return _jobs.GetValueOrDefault(id);
    }

    internal IEnumerable<KlaviyoImportJob> JobsUnlocked
    {
        get { ApplyFinishedJobs(); return _jobs.Values; }
    }

    /// <summary>The profiles of a finished job land when anyone next looks, exactly as if it had happened on time.</summary>
    internal void ApplyFinishedJobs()
    {
        var now = clock.GetUtcNow();
        foreach (var job in _jobs.Values)
        {
            if (job.Applied || job.CompletesAt > now) continue;
            job.Applied = true;
            for (var i = 0; i < job.Profiles.Count; i++)
            {
                var resource = job.Profiles[i];
                var attributes = resource["attributes"] as JsonObject ?? new JsonObject();
                var email = (string?)attributes["email"];
                if (email is not null && !IsPlausibleEmail(email))
                {
                    job.Errors.Add(("invalid", "Invalid input.", $"Invalid email address: '{email}'.", $"/data/attributes/profiles/data/{i}/attributes/email", resource));
                    continue;
                }
                if (email is null && attributes["phone_number"] is null && attributes["external_id"] is null)
                {
                    job.Errors.Add(("invalid", "Invalid input.", "A profile needs an email, a phone number or an external id.", $"/data/attributes/profiles/data/{i}/attributes", resource));
                    continue;
                }
                var (profile, _) = UpsertUnlocked((string?)resource["id"], attributes);
                job.ProfileIds.Add(profile.Id);
            }
        }
    }

    internal static bool IsPlausibleEmail(string email)
    {
        var at = email.IndexOf('@');
        return at > 0 && at < email.Length - 3 && email.IndexOf('.', at) > at + 1 && !email.Trim().Contains(' ');
    }
}
