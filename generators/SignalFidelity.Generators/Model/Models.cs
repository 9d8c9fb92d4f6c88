namespace SignalFidelity.Generators.Model
{
    // The generator's models: plain values only (strings, numbers, EquatableArray), so that the
    // incremental pipeline can tell "same input" from "changed input" and hold no compilation alive.
    // Enum members of the Abstractions (SyncSystem, IdentityRule) are carried as their member names,
    // resolved from the referenced enum, so new members need no generator change.

    /// <summary>A synchronised entity: one [SyncEntity] record and its owned fields.</summary>
    internal readonly record struct EntityModel(
        string Name,
        string Namespace,
        string TypeName,
        string FullyQualifiedTypeName,
        string Accessibility,
        string Identity,
        EquatableArray<FieldModel> Fields,
        bool CanBuild = false);

    /// <summary>One property with exactly one owner. Properties without one (SF0002) or with two (SF0001) are skipped.</summary>
    internal readonly record struct FieldModel(
        string Name,
        string FullyQualifiedType,
        string DisplayType,
        ValueKind Kind,
        bool IsNullableValueType,
        string Owner,
        string? OwnerProperty,
        string? Why,
        EquatableArray<FlowModel> Flows,
        bool IsFidelityField,
        ToleranceModel? Tolerance,
        EquatableArray<WebhookSourceModel> Sources = default,
        bool IsSettable = false,
        string UnderlyingType = "",
        string? Summary = null);

    /// <summary>
    /// A [FromWebhook]: the topic (normalised as Shopify sends it) and the dotted path in its body; with
    /// <paramref name="ResolveThrough"/> (a known <c>ShopifyLookups</c> name) the path holds a reference the worker resolves.
    /// </summary>
    internal readonly record struct WebhookSourceModel(string Topic, string Path, string? ResolveThrough = null);

    /// <summary>A flow of a field's value into a property of another system.</summary>
    internal readonly record struct FlowModel(string Destination, int DestinationOrder, string Property);

    /// <summary>A drift tolerance; zero members are exact.</summary>
    internal readonly record struct ToleranceModel(double Hours, int Count, double Amount);

    /// <summary>A [WebhookConsumer] partial class.</summary>
    internal readonly record struct ConsumerModel(
        string Topic,
        string Writes,
        int WritesOrder,
        string Namespace,
        string TypeName,
        string MetadataName,
        bool IsStatic);

    /// <summary>The [TopologyOwner] declaration.</summary>
    internal readonly record struct OwnerModel(
        string Name,
        string Email,
        string? GitHub,
        string? Backup,
        string? BackupEmail,
        string? BackupGitHub);

    /// <summary>A pinned [VendorApi] version.</summary>
    internal readonly record struct VendorApiModel(string System, int SystemOrder, string Version);

    /// <summary>An [assembly: ExternalWriter] declaration: who, into which system, which properties.</summary>
    internal readonly record struct ExternalWriterModel(string Name, string System, int SystemOrder, EquatableArray<string> Properties);

    /// <summary>
    /// What a webhook consumer needs to know about an entity to call its mapper. Small on purpose:
    /// editing a field of an entity leaves its summary equal, so consumers are not regenerated.
    /// </summary>
    internal readonly record struct EntitySummary(
        string Name,
        string Namespace,
        string TypeName,
        string FullyQualifiedTypeName,
        EquatableArray<string> ShopifyDestinations);

    /// <summary>How a field's values are compared and formatted.</summary>
    internal enum ValueKind
    {
        String,
        Boolean,
        DateTimeOffset,
        DateTime,
        Integer,
        Decimal,
        Floating,
        Other,
    }
}
