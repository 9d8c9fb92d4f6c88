using System.Runtime.CompilerServices;
using Refit;
using SignalFidelity.Connectors.Pacing;
using SignalFidelity.Connectors.Resilience;

namespace SignalFidelity.Connectors.HubSpot;

/// <summary>
/// HubSpot contacts: batch upsert (100 per call) and batch read by idProperty, search, and the property
/// list. A 207's per-contact errors come back as rejected records; a spent retry budget or daily cap
/// throws <see cref="ConnectorWriteException{TRecord}"/> with every contact not written.
/// </summary>
public sealed class HubSpotClient(IHubSpotApi api, HubSpotConnection connection)
{
    public const string Vendor = "HubSpot";
    public const int MaxBatch = 100;

    public async Task<WriteResult<HubSpotContactInput>> UpsertContactsAsync(IReadOnlyList<HubSpotContactInput> contacts,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var batches = contacts.Chunk(MaxBatch).ToList();
        var result = WriteResult<HubSpotContactInput>.Empty;
        var unwritten = new List<HubSpotContactInput>();
        ConnectorException? failure = null;
        var done = 0;
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = connection.MaxConcurrency, CancellationToken = cancellationToken },
            async (batch, ct) =>
            {
                try
                {
                    var outcome = await UpsertBatchAsync(batch, ct);
                    lock (unwritten) result = result.Add(outcome);
                    progress?.Report(Interlocked.Add(ref done, batch.Length));
                }
                catch (ConnectorWriteException<HubSpotContactInput> e)
                {
                    lock (unwritten) { unwritten.AddRange(e.Unwritten); failure ??= e; }
                }
            });
        if (failure is not null)
            throw new ConnectorWriteException<HubSpotContactInput>(Vendor, "batch-upsert", failure.Reason, failure.StatusCode, unwritten, failure) { Refusal = failure.Refusal };
        return result;
    }

    /// <summary>One call of at most 100 contacts.</summary>
    public async Task<WriteResult<HubSpotContactInput>> UpsertBatchAsync(IReadOnlyList<HubSpotContactInput> batch, CancellationToken cancellationToken = default)
    {
        if (batch.Count is 0 or > MaxBatch) throw new ArgumentOutOfRangeException(nameof(batch), batch.Count, $"A HubSpot batch holds 1 to {MaxBatch} inputs.");
        var request = new HubSpotBatchUpsertRequest
        {
            Inputs = batch.Select(c => new HubSpotUpsertInput { IdProperty = c.IdProperty, Id = c.Id, Properties = new Dictionary<string, string?>(c.Properties) }).ToList(),
        };
        var response = await SendAsync(() => api.BatchUpsertAsync(request, cancellationToken), "batch-upsert", batch, cancellationToken);
        if (!response.IsSuccessStatusCode || response.Content is null)
            throw new ConnectorWriteException<HubSpotContactInput>(Vendor, "batch-upsert",
                response.Status() == 429 ? "still throttled when the retry budget ran out" : $"HTTP {response.Status()}: {response.ErrorContent()}", response.Status(), batch)
            {
                Refusal = Refusal(response),
            };

        var rejected = new List<RejectedRecord<HubSpotContactInput>>();
        foreach (var error in response.Content.Errors ?? [])
        {
            var ids = error.Context?.GetValueOrDefault("ids") ?? [];
            foreach (var input in batch.Where(c => ids.Contains(c.Id, StringComparer.OrdinalIgnoreCase)))
                rejected.Add(new RejectedRecord<HubSpotContactInput>(input, $"{error.Category}: {error.Message}", RefusalOf(response.Status(), error)));
        }
        // Whatever is neither in results nor named by an error was not confirmed: never count it as written.
        var confirmed = response.Content.Results.Count;
        if (confirmed + rejected.Count < batch.Count)
        {
            var named = rejected.Select(r => r.Record).ToHashSet();
            var unconfirmed = batch.Where(c => !named.Contains(c) && !response.Content.Results.Any(r =>
                r.Properties.TryGetValue(c.IdProperty, out var v) && string.Equals(v, c.Id.Trim(), StringComparison.OrdinalIgnoreCase))).ToList();
            if (unconfirmed.Count > 0)
                throw new ConnectorWriteException<HubSpotContactInput>(Vendor, "batch-upsert", "HubSpot confirmed neither success nor error for some inputs", response.Status(), unconfirmed);
        }
        return new WriteResult<HubSpotContactInput>(confirmed, rejected);
    }

    /// <summary>Reads contacts by an id property; ids HubSpot does not know are returned in <c>Missing</c>.</summary>
    public async Task<(IReadOnlyList<HubSpotContact> Found, IReadOnlyList<string> Missing)> ReadContactsAsync(
        string idProperty, IReadOnlyList<string> ids, IReadOnlyList<string> properties, CancellationToken cancellationToken = default)
    {
        var found = new List<HubSpotContact>();
        var missing = new List<string>();
        foreach (var batch in ids.Chunk(MaxBatch))
        {
            var request = new HubSpotBatchReadRequest { IdProperty = idProperty, Inputs = batch.Select(id => new HubSpotReadInput { Id = id }).ToList(), Properties = properties.ToList() };
            var response = await SendAsync(() => api.BatchReadAsync(request, cancellationToken), "batch-read", Array.Empty<string>(), cancellationToken);
            if (!response.IsSuccessStatusCode || response.Content is null)
                throw new ConnectorException(Vendor, "batch-read", $"HTTP {response.Status()}", response.Status(), null) { Refusal = Refusal(response) };
            found.AddRange(response.Content.Results);
            foreach (var error in response.Content.Errors ?? [])
                if (error.Category == "OBJECT_NOT_FOUND") missing.AddRange(error.Context?.GetValueOrDefault("ids") ?? []);
        }
        return (found, missing);
    }

    /// <summary>Streams every contact matching the filter groups (OR of ANDs), following HubSpot's paging.</summary>
    public async IAsyncEnumerable<HubSpotContact> SearchAsync(IReadOnlyList<HubSpotFilterGroup> filterGroups, IReadOnlyList<string> properties,
        int pageSize = 100, IReadOnlyList<HubSpotSort>? sorts = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? after = null;
        do
        {
            var request = new HubSpotSearchRequest { FilterGroups = filterGroups.ToList(), Properties = properties.ToList(), Limit = pageSize, After = after, Sorts = sorts?.ToList() };
            var response = await SendAsync(() => api.SearchAsync(request, cancellationToken), "search", Array.Empty<string>(), cancellationToken);
            if (!response.IsSuccessStatusCode || response.Content is null)
                throw new ConnectorException(Vendor, "search", $"HTTP {response.Status()}", response.Status(), null) { Refusal = Refusal(response) };
            foreach (var contact in response.Content.Results) yield return contact;
            after = response.Content.Paging?.Next?.After;
        }
        while (after is not null);
    }

    /// <summary>
    /// Erases a contact for good (GDPR delete: <c>POST /crm/v3/objects/contacts/gdpr-delete</c>). True when HubSpot
    /// erased it, false when it held no such contact (404); any other answer throws with the status, never the id.
    /// </summary>
    public async Task<bool> GdprDeleteAsync(string idProperty, string id, CancellationToken cancellationToken = default)
    {
        var request = new HubSpotGdprDeleteRequest { ObjectId = id, IdProperty = idProperty };
        var response = await SendAsync(() => api.GdprDeleteAsync(request, cancellationToken), "gdpr-delete", Array.Empty<string>(), cancellationToken);
        if (response.IsSuccessStatusCode) return true;
        if (response.Status() == 404) return false;
        throw new ConnectorException(Vendor, "gdpr-delete", $"HTTP {response.Status()}", response.Status(), null) { Refusal = Refusal(response) };
    }

    /// <summary>
    /// Merges contact <paramref name="idToMerge"/> into <paramref name="primaryId"/> and returns the merged contact. Per
    /// HubSpot's developer changelog "Updated merge functionality for contacts and companies" the result has a new id
    /// (both old ids still resolve to it) and the primary's current values win; the knowledge base adds that the
    /// primary's email is kept. Any refusal throws with the status and HubSpot's category, never a person's data.
    /// </summary>
    public async Task<HubSpotContact> MergeContactsAsync(string primaryId, string idToMerge, CancellationToken cancellationToken = default)
    {
        var request = new HubSpotMergeRequest { PrimaryObjectId = primaryId, ObjectIdToMerge = idToMerge };
        var response = await SendAsync(() => api.MergeAsync(request, cancellationToken), "merge", [idToMerge], cancellationToken);
        return response.IsSuccessStatusCode && response.Content is not null
            ? response.Content
            : throw new ConnectorWriteException<string>(Vendor, "merge", response.Status() == 429 ? "still throttled when the retry budget ran out" : $"HTTP {response.Status()}",
                response.Status(), [idToMerge]) { Refusal = Refusal(response) };
    }

    public async Task<IReadOnlyList<HubSpotProperty>> GetPropertiesAsync(CancellationToken cancellationToken = default)
    {
        var response = await SendAsync(() => api.GetPropertiesAsync(cancellationToken), "properties", Array.Empty<string>(), cancellationToken);
        return response.IsSuccessStatusCode && response.Content is not null
            ? response.Content.Results
            : throw new ConnectorException(Vendor, "properties", $"HTTP {response.Status()}", response.Status(), null) { Refusal = Refusal(response) };
    }

    /// <summary>
    /// One page of at most <paramref name="limit"/> contacts (<c>GET /crm/v3/objects/contacts</c>): the cheapest call that
    /// proves the token may read contacts, which the worker's health check makes.
    /// </summary>
    public async Task<IReadOnlyList<HubSpotContact>> GetContactsPageAsync(int limit = 1, CancellationToken cancellationToken = default)
    {
        var response = await SendAsync(() => api.GetContactsAsync(limit, cancellationToken), "list-contacts", Array.Empty<string>(), cancellationToken);
        return response.IsSuccessStatusCode && response.Content is not null
            ? response.Content.Results
            : throw new ConnectorException(Vendor, "list-contacts", $"HTTP {response.Status()}", response.Status(), null) { Refusal = Refusal(response) };
    }

    /// <summary>HubSpot's category and the property names it named, for logs and health; its message quotes values and stays out.</summary>
    private static VendorRefusal Refusal(IApiResponse response) => VendorRefusal.FromHubSpot(response.Status(), response.ErrorContent());

    // The batch error's context names the refused ids (emails here): VendorRefusal keeps only its property names.
    private static VendorRefusal RefusalOf(int status, HubSpotBatchError error) =>
        VendorRefusal.FromHubSpotError(status, error.Category, error.Message, error.Context);

    private static async Task<T> SendAsync<T, TRecord>(Func<Task<T>> call, string operation, IReadOnlyList<TRecord> records, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (HubSpotDailyLimitReachedException e)
        {
            throw new ConnectorWriteException<TRecord>(Vendor, operation, e.Message, 429, records, e);
        }
        catch (Exception e) when (e is HttpRequestException or Polly.Timeout.TimeoutRejectedException or ApiException
                                  || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new ConnectorWriteException<TRecord>(Vendor, operation, "no answer within the retry budget: " + e.Message, null, records, e);
        }
    }
}
