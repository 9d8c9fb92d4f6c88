using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using SignalFidelity.Runtime;

namespace SignalFidelity.Audit.Topology;

/// <summary>
/// The committed lock file: the compiled topology as plain JSON in a fixed order, so that its diff in a
/// pull request is exactly the topology change a reviewer has to approve.
/// </summary>
public sealed record TopologyLock(
    int Schema,
    LockOwner? Owner,
    IReadOnlyList<LockVendorApi> VendorApis,
    IReadOnlyList<LockEntity> Entities,
    IReadOnlyList<LockConsumer> Consumers,
    IReadOnlyList<LockExternalWriter>? ExternalWriters = null)
{
    /// <summary>The lock file format version; bump it when the shape changes.</summary>
    public const int CurrentSchema = 1;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        NewLine = "\n",
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        // Keep '+', '<' and non-ASCII names readable in the diff a reviewer reads.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The lock of a compiled topology; the manifest's order is already stable.</summary>
    public static TopologyLock From(TopologyManifest manifest) => new(
        CurrentSchema,
        manifest.Owner is { } o ? new LockOwner(o.Name, o.Email, o.GitHub, o.Backup, o.BackupEmail, o.BackupGitHub) : null,
        manifest.VendorApis.Select(v => new LockVendorApi(v.System.ToString(), v.Version)).ToList(),
        manifest.Entities.Select(e => new LockEntity(
            e.Name,
            e.TypeName,
            e.Identity.ToString(),
            e.Fields.Select(f => new LockField(
                f.Name,
                f.ClrType,
                f.Owner.ToString(),
                f.OwnerProperty,
                f.Why,
                f.Flows.Select(flow => new LockFlow(flow.Destination.ToString(), flow.Property)).ToList(),
                f.IsFidelityField,
                f.Tolerance is { } t ? new LockTolerance(t.Hours, t.Count, t.Amount) : null,
                f.WebhookSources.Count == 0 ? null : f.WebhookSources.Select(w => new LockWebhookSource(w.Topic, w.Path, w.ResolveThrough)).ToList(),
                f.Summary)).ToList())).ToList(),
        manifest.Consumers.Select(c => new LockConsumer(c.Topic, c.Writes.ToString(), c.TypeName)).ToList(),
        manifest.ExternalWriters.Select(w => new LockExternalWriter(w.Name, w.System.ToString(), w.Properties.ToList())).ToList());

    /// <summary>The file's text: indented JSON with '\n' line ends and a final newline.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions) + "\n";

    /// <summary>Reads a lock file; the message names the file and how to fix it when it cannot be read.</summary>
    public static TopologyLock Parse(string json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<TopologyLock>(json, JsonOptions)
                ?? throw new TopologyInputException($"{source} is empty; regenerate it with `sigfid topology lock`.");
        }
        catch (JsonException e)
        {
            throw new TopologyInputException($"{source} is not a topology lock file ({e.Message}); regenerate it with `sigfid topology lock`.");
        }
    }

    /// <summary>Every field with its entity, for lookups by (entity, field).</summary>
    public IEnumerable<(LockEntity Entity, LockField Field)> AllFields() =>
        Entities.SelectMany(e => (e.Fields ?? []).Select(f => (e, f)));
}

/// <summary>The named owner and backup.</summary>
public sealed record LockOwner(string Name, string Email, string? GitHub, string? Backup, string? BackupEmail, string? BackupGitHub);

/// <summary>A pinned vendor API version.</summary>
public sealed record LockVendorApi(string System, string Version);

/// <summary>An entity and its fields in declaration order.</summary>
public sealed record LockEntity(string Name, string Type, string Identity, IReadOnlyList<LockField> Fields);

/// <summary>A field: its single owner, where it flows, whether fidelity is measured on it and how strictly, and its <c>&lt;summary&gt;</c> text.</summary>
public sealed record LockField(
    string Name,
    string Type,
    string Owner,
    string? OwnerProperty,
    string? Why,
    IReadOnlyList<LockFlow> Flows,
    bool Fidelity,
    LockTolerance? Tolerance,
    IReadOnlyList<LockWebhookSource>? FromWebhooks = null,
    string? Summary = null);

/// <summary>Where a field is read from a Shopify webhook (<c>[FromWebhook]</c>).</summary>
/// <summary>A <c>[FromWebhook]</c>: where a field is read from a Shopify topic's body.</summary>
/// <param name="Topic">The Shopify topic.</param>
/// <param name="Path">The dotted path in its body.</param>
/// <param name="ResolveThrough">The Admin API lookup that turns the reference at the path into the value; left out of the file when the path holds the value.</param>
public sealed record LockWebhookSource(
    string Topic,
    string Path,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ResolveThrough = null);

/// <summary>A flow into a destination property.</summary>
public sealed record LockFlow(string To, string Property);

/// <summary>A drift tolerance; zero members are exact.</summary>
public sealed record LockTolerance(double Hours, int Count, double Amount);

/// <summary>The single consumer of a Shopify topic for one destination.</summary>
public sealed record LockConsumer(string Topic, string Writes, string Type);

/// <summary>An integration outside SignalFidelity and the properties it writes (<c>[assembly: ExternalWriter]</c>).</summary>
public sealed record LockExternalWriter(string Name, string System, IReadOnlyList<string> Properties);

/// <summary>Bad input to a topology verb: the message names the input and the fix.</summary>
public sealed class TopologyInputException(string message) : Exception(message);
