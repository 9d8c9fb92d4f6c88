namespace SignalFidelity.Connectors.Klaviyo;

// Merge Profiles (POST /api/profile-merge, revision 2026-07-15), schemas ProfileMergeQuery and PostProfileMergeResponse
// of shared/reference/klaviyo/openapi-stable-profiles.json: the destination profile is data.id, the one source profile
// is data.relationships.profiles.data[0]; Klaviyo merges the source into the destination and deletes the source.

/// <summary>ProfileMergeQuery.</summary>
public sealed record KlaviyoProfileMergeDocument
{
    public required KlaviyoProfileMergeResource Data { get; init; }
}

/// <summary>ProfileMergeQueryResourceObject.</summary>
public sealed record KlaviyoProfileMergeResource
{
    public string Type { get; init; } = "profile-merge";

    /// <summary>The destination profile: it is kept.</summary>
    public required string Id { get; init; }

    public required KlaviyoProfileMergeRelationships Relationships { get; init; }
}

public sealed record KlaviyoProfileMergeRelationships
{
    public required KlaviyoProfileMergeSources Profiles { get; init; }
}

public sealed record KlaviyoProfileMergeSources
{
    /// <summary>The source profiles; Klaviyo accepts exactly one.</summary>
    public required List<KlaviyoProfileRef> Data { get; init; }
}

public sealed record KlaviyoProfileRef
{
    public string Type { get; init; } = "profile";
    public required string Id { get; init; }
}

/// <summary>PostProfileMergeResponse: the destination profile.</summary>
public sealed record KlaviyoProfileMergeResponse
{
    public required KlaviyoProfileRef Data { get; init; }
}
