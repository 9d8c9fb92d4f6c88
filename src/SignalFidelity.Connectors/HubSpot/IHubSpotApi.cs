using Refit;

namespace SignalFidelity.Connectors.HubSpot;

/// <summary>HubSpot CRM v3 contacts: the batch and search endpoints SignalFidelity uses.</summary>
public interface IHubSpotApi
{
    [Post("/crm/v3/objects/contacts/batch/upsert")]
    Task<IApiResponse<HubSpotBatchResponse>> BatchUpsertAsync([Body] HubSpotBatchUpsertRequest request, CancellationToken cancellationToken);

    [Post("/crm/v3/objects/contacts/batch/read")]
    Task<IApiResponse<HubSpotBatchResponse>> BatchReadAsync([Body] HubSpotBatchReadRequest request, CancellationToken cancellationToken);

    [Post("/crm/v3/objects/contacts/search")]
    Task<IApiResponse<HubSpotSearchResponse>> SearchAsync([Body] HubSpotSearchRequest request, CancellationToken cancellationToken);

    /// <summary>Merge two contacts: the answer is the merged contact (a SimplePublicObject), under a new id.</summary>
    [Post("/crm/v3/objects/contacts/merge")]
    Task<IApiResponse<HubSpotContact>> MergeAsync([Body] HubSpotMergeRequest request, CancellationToken cancellationToken);

    [Post("/crm/v3/objects/contacts/gdpr-delete")]
    Task<IApiResponse> GdprDeleteAsync([Body] HubSpotGdprDeleteRequest request, CancellationToken cancellationToken);

    [Get("/crm/v3/objects/contacts")]
    Task<IApiResponse<HubSpotContactPage>> GetContactsAsync([AliasAs("limit")] int limit, CancellationToken cancellationToken);

    [Get("/crm/v3/properties/contacts")]
    Task<IApiResponse<HubSpotPropertiesResponse>> GetPropertiesAsync(CancellationToken cancellationToken);
}
