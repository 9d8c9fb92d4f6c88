using Refit;

namespace SignalFidelity.Connectors.Klaviyo;

/// <summary>
/// Klaviyo's REST API at the pinned revision. Every call returns the raw answer so the client decides
/// what a failure means for the records it carries.
/// </summary>
[Headers("revision: " + KlaviyoClient.Revision, "Accept: application/vnd.api+json")]
public interface IKlaviyoApi
{
    [Post("/api/profile-import")]
    [Headers("Content-Type: application/vnd.api+json")]
    Task<IApiResponse<KlaviyoProfileDocument>> UpsertProfileAsync([Body] KlaviyoProfileDocument profile, CancellationToken cancellationToken);

    [Get("/api/profiles")]
    Task<IApiResponse<KlaviyoProfileCollection>> GetProfilesAsync(
        [AliasAs("filter")] string? filter,
        [AliasAs("page[cursor]")] string? cursor,
        [AliasAs("page[size]")] int? pageSize,
        CancellationToken cancellationToken);

    [Get("/api/profiles/{id}")]
    Task<IApiResponse<KlaviyoProfileDocument>> GetProfileAsync(string id, CancellationToken cancellationToken);

    [Post("/api/profile-bulk-import-jobs")]
    [Headers("Content-Type: application/vnd.api+json")]
    Task<IApiResponse<KlaviyoImportJobDocument>> CreateImportJobAsync([Body] KlaviyoImportJobCreateDocument job, CancellationToken cancellationToken);

    [Get("/api/profile-bulk-import-jobs/{jobId}")]
    Task<IApiResponse<KlaviyoImportJobDocument>> GetImportJobAsync(string jobId, CancellationToken cancellationToken);

    [Get("/api/profile-bulk-import-jobs/{jobId}/import-errors")]
    Task<IApiResponse<KlaviyoImportErrorCollection>> GetImportErrorsAsync(
        string jobId, [AliasAs("page[cursor]")] string? cursor, [AliasAs("page[size]")] int? pageSize, CancellationToken cancellationToken);

    [Post("/api/events")]
    [Headers("Content-Type: application/vnd.api+json")]
    Task<IApiResponse> CreateEventAsync([Body] KlaviyoEventCreateDocument evt, CancellationToken cancellationToken);

    [Get("/api/events")]
    Task<IApiResponse<KlaviyoEventCollection>> GetEventsAsync(
        [AliasAs("filter")] string? filter,
        [AliasAs("sort")] string? sort,
        [AliasAs("page[cursor]")] string? cursor,
        [AliasAs("page[size]")] int? pageSize,
        CancellationToken cancellationToken);

    /// <summary>Request Profile Deletion (data privacy category, outside the stored OpenAPI): answered 202 with no body.</summary>
    [Post("/api/data-privacy-deletion-jobs")]
    [Headers("Content-Type: application/vnd.api+json")]
    Task<IApiResponse> RequestProfileDeletionAsync([Body] KlaviyoDeletionJobCreateDocument job, CancellationToken cancellationToken);

    /// <summary>Merge Profiles (operationId merge_profiles): answered 201 with the destination profile's id; the merge itself runs asynchronously.</summary>
    [Post("/api/profile-merge")]
    [Headers("Content-Type: application/vnd.api+json")]
    Task<IApiResponse<KlaviyoProfileMergeResponse>> MergeProfilesAsync([Body] KlaviyoProfileMergeDocument merge, CancellationToken cancellationToken);

    /// <summary>Outside the stored OpenAPI (metrics category); used to find the "Placed Order" metric id.</summary>
    [Get("/api/metrics")]
    Task<IApiResponse<KlaviyoMetricCollection>> GetMetricsAsync([AliasAs("filter")] string? filter, CancellationToken cancellationToken);
}
