using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Refit;
using SignalFidelity.Connectors.Resilience;

namespace SignalFidelity.Connectors.Klaviyo;

/// <summary>
/// What SignalFidelity does with Klaviyo: upsert profiles one by one or through bulk import jobs, read
/// profiles by filter, record idempotent events, and count synced orders per day. Pacing and retries
/// happen below (see <see cref="Pacing.KlaviyoPacer"/>); a write that still fails throws
/// <see cref="ConnectorWriteException{TRecord}"/> with the profiles not written.
/// </summary>
public sealed class KlaviyoClient(IKlaviyoApi api, KlaviyoConnection connection)
{
    public const string Revision = "2026-07-15";
    public const string Vendor = "Klaviyo";

    /// <summary>Klaviyo's bulk import caps: 10,000 profiles and 5 MB per job.</summary>
    public const int MaxProfilesPerJob = 10_000;
    public const int MaxJobBytes = 5 * 1024 * 1024;

    /// <summary>Creates or updates one profile (matched by email, phone or external id) and returns its Klaviyo id.</summary>
    public async Task<string> UpsertProfileAsync(KlaviyoProfile profile, CancellationToken cancellationToken = default)
    {
        var response = await SendAsync(() => api.UpsertProfileAsync(new KlaviyoProfileDocument { Data = profile.ToResource() }, cancellationToken),
            "profile-import", [profile], cancellationToken);
        if (response.IsSuccessStatusCode && response.Content?.Data.Id is { } id) return id;
        if (response.Status() is >= 400 and < 500 and not 429)
            throw new ConnectorWriteException<KlaviyoProfile>(Vendor, "profile-import", ErrorDetail(response), response.Status(), [profile]) { Refusal = Refusal(response) };
        throw Failure("profile-import", response, [profile]);
    }

    /// <summary>
    /// Upserts many profiles through profile-import, as fast as the limits allow. Profiles Klaviyo refuses
    /// on their merits come back in <see cref="WriteResult{T}.Rejected"/>; if the retry budget runs out
    /// the exception carries every profile not yet written.
    /// </summary>
    public async Task<WriteResult<KlaviyoProfile>> UpsertProfilesAsync(IReadOnlyList<KlaviyoProfile> profiles, CancellationToken cancellationToken = default)
    {
        var written = 0;
        var rejected = new List<RejectedRecord<KlaviyoProfile>>();
        var unwritten = new List<KlaviyoProfile>();
        ConnectorException? firstFailure = null;
        await Parallel.ForEachAsync(profiles, new ParallelOptions { MaxDegreeOfParallelism = connection.MaxConcurrency, CancellationToken = cancellationToken },
            async (profile, ct) =>
            {
                try
                {
                    await UpsertProfileAsync(profile, ct);
                    Interlocked.Increment(ref written);
                }
                catch (ConnectorWriteException<KlaviyoProfile> e) when (e.StatusCode is >= 400 and < 500 and not 429)
                {
                    lock (rejected) rejected.Add(new RejectedRecord<KlaviyoProfile>(profile, e.Reason, e.Refusal));
                }
                catch (ConnectorException e)
                {
                    lock (unwritten) { unwritten.Add(profile); firstFailure ??= e; }
                }
            });
        if (unwritten.Count > 0)
            throw new ConnectorWriteException<KlaviyoProfile>(Vendor, "profile-import", firstFailure!.Reason, firstFailure.StatusCode, unwritten, firstFailure) { Refusal = firstFailure.Refusal };
        return new WriteResult<KlaviyoProfile>(written, rejected);
    }

    public async Task<KlaviyoProfileResource?> GetProfileAsync(string id, CancellationToken cancellationToken = default)
    {
        var response = await SendAsync(() => api.GetProfileAsync(id, cancellationToken), "get-profile", Array.Empty<string>(), cancellationToken);
        if (response.Status() == 404) return null;
        return response.IsSuccessStatusCode ? response.Content!.Data : throw Failure("get-profile", response, Array.Empty<string>());
    }

    /// <summary>Streams every profile matching a Klaviyo filter (for example <c>equals(email,'a@b.c')</c>), page by page.</summary>
    public async IAsyncEnumerable<KlaviyoProfileResource> GetProfilesAsync(string? filter = null, int pageSize = 100,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? cursor = null;
        do
        {
            var response = await SendAsync(() => api.GetProfilesAsync(filter, cursor, pageSize, cancellationToken), "get-profiles", Array.Empty<string>(), cancellationToken);
            if (!response.IsSuccessStatusCode) throw Failure("get-profiles", response, Array.Empty<string>());
            foreach (var profile in response.Content!.Data) yield return profile;
            cursor = CursorOf(response.Content.Links?.Next);
        }
        while (cursor is not null);
    }

    /// <summary>Starts one bulk import job (at most 10,000 profiles and 5 MB) and returns its id.</summary>
    public async Task<string> CreateImportJobAsync(IReadOnlyList<KlaviyoProfile> profiles, CancellationToken cancellationToken = default)
    {
        if (profiles.Count is 0 or > MaxProfilesPerJob)
            throw new ArgumentOutOfRangeException(nameof(profiles), profiles.Count, $"A Klaviyo import job holds 1 to {MaxProfilesPerJob} profiles.");
        var document = ImportDocument(profiles);
        var response = await SendAsync(() => api.CreateImportJobAsync(document, cancellationToken), "profile-bulk-import-job", profiles, cancellationToken);
        if (response.IsSuccessStatusCode) return response.Content!.Data.Id;
        throw new ConnectorWriteException<KlaviyoProfile>(Vendor, "profile-bulk-import-job", ErrorDetail(response), response.Status(), profiles) { Refusal = Refusal(response) };
    }

    public async Task<KlaviyoImportJobAttributes> GetImportJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        var response = await SendAsync(() => api.GetImportJobAsync(jobId, cancellationToken), "get-import-job", Array.Empty<string>(), cancellationToken);
        return response.IsSuccessStatusCode ? response.Content!.Data.Attributes : throw Failure("get-import-job", response, Array.Empty<string>());
    }

    public async IAsyncEnumerable<KlaviyoImportError> GetImportErrorsAsync(string jobId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? cursor = null;
        do
        {
            var response = await SendAsync(() => api.GetImportErrorsAsync(jobId, cursor, 100, cancellationToken), "get-import-errors", Array.Empty<string>(), cancellationToken);
            if (!response.IsSuccessStatusCode) throw Failure("get-import-errors", response, Array.Empty<string>());
            foreach (var e in response.Content!.Data)
            {
                var email = e.Attributes.OriginalPayload?["attributes"]?["email"]?.GetValue<string>();
                yield return new KlaviyoImportError(jobId, e.Attributes.Code, e.Attributes.Detail, e.Attributes.Source?.Pointer, email);
            }
            cursor = CursorOf(response.Content.Links?.Next);
        }
        while (cursor is not null);
    }

    /// <summary>
    /// Imports any number of profiles through bulk jobs: splits them under Klaviyo's caps, starts the jobs,
    /// waits for them (polling the oldest unfinished one, so polls stay inside the job endpoint's limit)
    /// and collects the import errors.
    /// </summary>
    public async Task<KlaviyoImportOutcome> ImportProfilesAsync(IReadOnlyList<KlaviyoProfile> profiles, TimeSpan? pollInterval = null,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var chunks = Chunk(profiles).ToList();
        var jobIds = new string?[chunks.Count];
        var unwritten = new List<KlaviyoProfile>();
        ConnectorException? failure = null;
        await Parallel.ForEachAsync(Enumerable.Range(0, chunks.Count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                try { jobIds[i] = await CreateImportJobAsync(chunks[i], ct); }
                catch (ConnectorWriteException<KlaviyoProfile> e) { lock (unwritten) { unwritten.AddRange(e.Unwritten); failure ??= e; } }
            });
        if (failure is not null)
            throw new ConnectorWriteException<KlaviyoProfile>(Vendor, "profile-bulk-import-job", failure.Reason, failure.StatusCode, unwritten, failure) { Refusal = failure.Refusal };

        var interval = pollInterval ?? TimeSpan.FromMilliseconds(500);
        var imported = 0;
        var errors = new List<KlaviyoImportError>();
        for (var i = 0; i < jobIds.Length; i++)
        {
            KlaviyoImportJobAttributes job;
            try
            {
                while ((job = await GetImportJobAsync(jobIds[i]!, cancellationToken)).Status is "queued" or "processing")
                    await Task.Delay(interval, connection.Clock, cancellationToken);
            }
            catch (ConnectorException e)
            {
                // The jobs may still land, but nothing confirms it: hand back every profile not confirmed, upserts are safe to repeat.
                throw new ConnectorWriteException<KlaviyoProfile>(Vendor, "profile-bulk-import-job", "could not confirm job completion: " + e.Reason,
                    e.StatusCode, chunks.Skip(i).SelectMany(c => c).ToList(), e) { Refusal = e.Refusal };
            }
            if (job.Status == "cancelled")
                throw new ConnectorWriteException<KlaviyoProfile>(Vendor, "profile-bulk-import-job", $"job {jobIds[i]} was cancelled", null, chunks.Skip(i).SelectMany(c => c).ToList());
            imported += job.CompletedCount ?? 0;
            if (job.FailedCount > 0)
                await foreach (var error in GetImportErrorsAsync(jobIds[i]!, cancellationToken)) errors.Add(error);
            progress?.Report(imported + errors.Count);
        }
        return new KlaviyoImportOutcome(jobIds!, imported, errors);
    }

    /// <summary>Records an event; a resend with the same unique_id is accepted and not counted twice.</summary>
    public async Task CreateEventAsync(KlaviyoEvent evt, CancellationToken cancellationToken = default)
    {
        var document = new KlaviyoEventCreateDocument
        {
            Data = new KlaviyoEventCreateResource
            {
                Attributes = new KlaviyoEventCreateAttributes
                {
                    Properties = KlaviyoProfile.ToJson(evt.Properties),
                    Time = evt.Time,
                    Value = evt.Value,
                    ValueCurrency = evt.ValueCurrency,
                    UniqueId = evt.UniqueId,
                    Metric = new KlaviyoMetricRef { Data = new KlaviyoMetricRefData { Attributes = new KlaviyoMetricAttributes { Name = evt.MetricName } } },
                    Profile = new KlaviyoEventProfileRef { Data = evt.Profile.ToResource() },
                },
            },
        };
        var response = await SendAsync(() => api.CreateEventAsync(document, cancellationToken), "create-event", [evt], cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new ConnectorWriteException<KlaviyoEvent>(Vendor, "create-event", ErrorDetail(response), response.Status(), [evt]) { Refusal = Refusal(response) };
    }

    /// <summary>
    /// Asks Klaviyo to erase every profile the target names (a GDPR/CCPA deletion; it runs asynchronously
    /// and cannot be undone). Accepted is 202; a 404 means there is nothing to erase and also returns.
    /// A refusal or a failure left after the retry budget throws <see cref="ConnectorWriteException{TRecord}"/>.
    /// </summary>
    public async Task RequestProfileDeletionAsync(KlaviyoDeletionTarget target, CancellationToken cancellationToken = default)
    {
        var document = new KlaviyoDeletionJobCreateDocument
        {
            Data = new KlaviyoDeletionJobCreateResource
            {
                Attributes = new KlaviyoDeletionJobCreateAttributes
                {
                    Profile = new KlaviyoDeletionProfileRef { Data = new KlaviyoDeletionProfileResource { Attributes = target.Attributes } },
                },
            },
        };
        var response = await SendAsync(() => api.RequestProfileDeletionAsync(document, cancellationToken), "data-privacy-deletion-job", [target], cancellationToken);
        if (response.IsSuccessStatusCode || response.Status() == 404) return;
        throw new ConnectorWriteException<KlaviyoDeletionTarget>(Vendor, "data-privacy-deletion-job",
            response.Status() == 429 ? "still throttled when the retry budget ran out" : ErrorDetail(response), response.Status(), [target]) { Refusal = Refusal(response) };
    }

    /// <summary>
    /// Merges the profile <paramref name="sourceId"/> into <paramref name="destinationId"/> (Merge Profiles): Klaviyo keeps
    /// the destination, moves the source's data into it and deletes the source, asynchronously. A refusal or a failure
    /// left after the retry budget throws <see cref="ConnectorWriteException{TRecord}"/> carrying the source id (a
    /// Klaviyo id, not personal data).
    /// </summary>
    public async Task MergeProfilesAsync(string destinationId, string sourceId, CancellationToken cancellationToken = default)
    {
        var document = new KlaviyoProfileMergeDocument
        {
            Data = new KlaviyoProfileMergeResource
            {
                Id = destinationId,
                Relationships = new KlaviyoProfileMergeRelationships { Profiles = new KlaviyoProfileMergeSources { Data = [new KlaviyoProfileRef { Id = sourceId }] } },
            },
        };
        var response = await SendAsync(() => api.MergeProfilesAsync(document, cancellationToken), "profile-merge", [sourceId], cancellationToken);
        if (response.IsSuccessStatusCode) return;
        throw new ConnectorWriteException<string>(Vendor, "profile-merge",
            response.Status() == 429 ? "still throttled when the retry budget ran out" : ErrorDetail(response), response.Status(), [sourceId]) { Refusal = Refusal(response) };
    }

    /// <summary>The id of the first profile matching a Klaviyo filter (<c>equals(external_id,"...")</c>), or null when none does.</summary>
    public async Task<string?> FindProfileIdAsync(string filter, CancellationToken cancellationToken = default)
    {
        await foreach (var profile in GetProfilesAsync(filter, pageSize: 1, cancellationToken: cancellationToken))
        {
            return profile.Id;
        }

        return null;
    }

    /// <summary>The id of a metric by name ("Placed Order"), or null when no event of it was ever recorded.</summary>
    public async Task<string?> FindMetricIdAsync(string name, CancellationToken cancellationToken = default)
    {
        var response = await SendAsync(() => api.GetMetricsAsync($"equals(name,\"{name.Replace("\"", "\\\"", StringComparison.Ordinal)}\")", cancellationToken), "get-metrics", Array.Empty<string>(), cancellationToken);
        if (!response.IsSuccessStatusCode) throw Failure("get-metrics", response, Array.Empty<string>());
        return response.Content!.Data.FirstOrDefault(m => m.Attributes.Name == name)?.Id;
    }

    /// <summary>
    /// Events of one metric per UTC day in [<paramref name="from"/>, <paramref name="to"/>): the CRM side of
    /// the daily volume check (orders synced vs orders placed). Days without events are listed with zero.
    /// </summary>
    public async Task<SortedDictionary<DateOnly, int>> CountEventsPerDayAsync(string metricName, DateTimeOffset from, DateTimeOffset to,
        CancellationToken cancellationToken = default)
    {
        var counts = new SortedDictionary<DateOnly, int>();
        for (var day = DateOnly.FromDateTime(from.UtcDateTime); day.ToDateTime(TimeOnly.MinValue) < to.UtcDateTime; day = day.AddDays(1)) counts[day] = 0;
        if (await FindMetricIdAsync(metricName, cancellationToken) is not { } metricId) return counts;

        var filter = string.Create(CultureInfo.InvariantCulture,
            $"equals(metric_id,\"{metricId}\"),greater-or-equal(datetime,{from.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}),less-than(datetime,{to.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ})");
        string? cursor = null;
        do
        {
            var response = await SendAsync(() => api.GetEventsAsync(filter, "datetime", cursor, 1000, cancellationToken), "get-events", Array.Empty<string>(), cancellationToken);
            if (!response.IsSuccessStatusCode) throw Failure("get-events", response, Array.Empty<string>());
            foreach (var e in response.Content!.Data)
            {
                var at = e.Attributes.Datetime ?? DateTimeOffset.FromUnixTimeSeconds(e.Attributes.Timestamp ?? 0);
                var day = DateOnly.FromDateTime(at.UtcDateTime);
                counts[day] = counts.GetValueOrDefault(day) + 1;
            }
            cursor = CursorOf(response.Content.Links?.Next);
        }
        while (cursor is not null);
        return counts;
    }

    private static KlaviyoImportJobCreateDocument ImportDocument(IEnumerable<KlaviyoProfile> profiles) => new()
    {
        Data = new KlaviyoImportJobCreateResource
        {
            Attributes = new KlaviyoImportJobCreateAttributes { Profiles = new KlaviyoProfileList { Data = profiles.Select(p => p.ToResource()).ToList() } },
        },
    };

    /// <summary>Splits profiles into jobs under both caps, measuring the serialized size rather than guessing it.</summary>
    private static IEnumerable<List<KlaviyoProfile>> Chunk(IReadOnlyList<KlaviyoProfile> profiles)
    {
        var current = new List<KlaviyoProfile>();
        long bytes = 256;
        foreach (var profile in profiles)
        {
            var size = JsonSerializer.SerializeToUtf8Bytes(profile.ToResource(), KlaviyoJsonContext.Default.KlaviyoProfileResource).Length + 1;
            if (current.Count > 0 && (current.Count == MaxProfilesPerJob || bytes + size > MaxJobBytes * 0.98))
            {
                yield return current;
                current = [];
                bytes = 256;
            }
            current.Add(profile);
            bytes += size;
        }
        if (current.Count > 0) yield return current;
    }

    internal static string? CursorOf(string? next)
    {
        if (next is null) return null;
        var query = new Uri(next).Query.TrimStart('?');
        foreach (var pair in query.Split('&'))
        {
            var eq = pair.IndexOf('=');
            if (eq > 0 && Uri.UnescapeDataString(pair[..eq]) == "page[cursor]") return Uri.UnescapeDataString(pair[(eq + 1)..]);
        }
        return null;
    }

    /// <summary>Runs a call, turning transport failures left after the retry budget into a typed failure carrying the records.</summary>
    private static async Task<T> SendAsync<T, TRecord>(Func<Task<T>> call, string operation, IReadOnlyList<TRecord> records, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (e is HttpRequestException or Polly.Timeout.TimeoutRejectedException or ApiException
                                  || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new ConnectorWriteException<TRecord>(Vendor, operation, "no answer within the retry budget: " + e.Message, null, records, e);
        }
    }

    private static ConnectorWriteException<TRecord> Failure<TRecord>(string operation, IApiResponse response, IReadOnlyList<TRecord> records) =>
        new(Vendor, operation, response.Status() == 429 ? "still throttled when the retry budget ran out" : ErrorDetail(response), response.Status(), records)
        {
            Refusal = Refusal(response),
        };

    /// <summary>The codes and pointers of Klaviyo's error document, for logs; the detail, which quotes values, stays in the reason.</summary>
    private static VendorRefusal Refusal(IApiResponse response) => VendorRefusal.FromKlaviyo(response.Status(), response.ErrorContent());

    private static string ErrorDetail(IApiResponse response)
    {
        var content = response.ErrorContent();
        if (content is not null)
        {
            try
            {
                using var doc = JsonDocument.Parse(content);
                if (doc.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0
                    && errors[0].TryGetProperty("detail", out var detail))
                    return $"HTTP {response.Status()}: {detail.GetString()}";
            }
            catch (JsonException)
            {
                // not JSON:API: fall through to the status line
            }
        }
        return $"HTTP {response.Status()} {response.ReasonPhrase}";
    }
}
