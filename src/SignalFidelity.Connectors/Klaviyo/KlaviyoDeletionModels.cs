namespace SignalFidelity.Connectors.Klaviyo;

// Request Profile Deletion (POST /api/data-privacy-deletion-jobs), schema DataPrivacyCreateDeletionJobQuery:
// the profile is named by exactly one of email, phone_number or id; Klaviyo refuses more than one.

/// <summary>DataPrivacyCreateDeletionJobQuery.</summary>
public sealed record KlaviyoDeletionJobCreateDocument
{
    public required KlaviyoDeletionJobCreateResource Data { get; init; }
}

public sealed record KlaviyoDeletionJobCreateResource
{
    public string Type { get; init; } = "data-privacy-deletion-job";
    public required KlaviyoDeletionJobCreateAttributes Attributes { get; init; }
}

public sealed record KlaviyoDeletionJobCreateAttributes
{
    public required KlaviyoDeletionProfileRef Profile { get; init; }
}

public sealed record KlaviyoDeletionProfileRef
{
    public required KlaviyoDeletionProfileResource Data { get; init; }
}

/// <summary>DataPrivacyProfileQueryResourceObject.</summary>
public sealed record KlaviyoDeletionProfileResource
{
    public string Type { get; init; } = "profile";
    public required KlaviyoDeletionProfileAttributes Attributes { get; init; }
}

public sealed record KlaviyoDeletionProfileAttributes
{
    public string? Email { get; init; }
    public string? PhoneNumber { get; init; }

    public string? Id { get; init; }
}

/// <summary>Which profile to erase: by exactly one identifier, as Klaviyo requires.</summary>
public sealed record KlaviyoDeletionTarget
{
    private KlaviyoDeletionTarget(KlaviyoDeletionProfileAttributes attributes, string description) =>
        (Attributes, Description) = (attributes, description);

    internal KlaviyoDeletionProfileAttributes Attributes { get; }

    /// <summary>Which identifier names the profile, never its value (the value is personal data).</summary>
    public string Description { get; }

    public static KlaviyoDeletionTarget ByEmail(string email) => new(new() { Email = Required(email, nameof(email)) }, "by email");

    public static KlaviyoDeletionTarget ByPhoneNumber(string phoneNumber) => new(new() { PhoneNumber = Required(phoneNumber, nameof(phoneNumber)) }, "by phone number");

    public static KlaviyoDeletionTarget ByProfileId(string id) => new(new() { Id = Required(id, nameof(id)) }, "by profile id");

    private static string Required(string value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"A Klaviyo deletion needs a non-empty {name}.", name) : value;
}
