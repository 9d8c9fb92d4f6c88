using SignalFidelity.Connectors.Klaviyo;
using SignalFidelity.Connectors.Resilience;
using SignalFidelity.Connectors.Shopify;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Pipeline.Destinations;

/// <summary>
/// Writes patches to Klaviyo through the production client: profile-import one by one, or bulk import
/// jobs under backlog. A profile is addressed by the address Shopify holds for the person (from the
/// ledger, else asked of Shopify), never by a guess, so no orphan profile is created. Deletes (customers/redact)
/// go through data-privacy deletion jobs, merges (Shopify merged two customers) through Merge Profiles.
/// </summary>
public sealed class KlaviyoDestinationWriter(KlaviyoClient klaviyo, IWorkerStore store, ShopifyClient? shopify) : IDestinationWriter
{
    /// <inheritdoc />
    public SyncSystem Destination => SyncSystem.Klaviyo;

    /// <inheritdoc />
    public async Task<IReadOnlyList<WriteOutcome>> WriteAsync(IReadOnlyList<ClaimedWrite> writes, bool bulk, CancellationToken cancellationToken)
    {
        var outcomes = new List<WriteOutcome>(writes.Count);
        var profiles = new Dictionary<KlaviyoProfile, ClaimedWrite>(ReferenceEqualityComparer.Instance);
        foreach (var write in writes)
        {
            if (write.Operation == WriteOperation.Delete)
            {
                outcomes.Add(await DeleteAsync(write, cancellationToken));
                continue;
            }

            if (write.Operation == WriteOperation.Merge)
            {
                outcomes.Add(await MergeAsync(write, cancellationToken));
                continue;
            }

            var profile = await ProfileAsync(write, cancellationToken);
            if (profile is null)
            {
                outcomes.Add(WriteOutcome.Because(write.Id, WriteResult.Failed, "no email or phone known for this customer yet; waiting for Shopify"));
                continue;
            }

            profiles[profile] = write;
        }

        if (profiles.Count == 0)
        {
            return outcomes;
        }

        var unwritten = new HashSet<KlaviyoProfile>(ReferenceEqualityComparer.Instance);
        var rejected = new Dictionary<KlaviyoProfile, (string Reason, string LogReason)>(ReferenceEqualityComparer.Instance);
        ConnectorException? failure = null;
        try
        {
            if (bulk)
            {
                var outcome = await klaviyo.ImportProfilesAsync([.. profiles.Keys], cancellationToken: cancellationToken);
                foreach (var error in outcome.Errors)
                {
                    var match = profiles.Keys.FirstOrDefault(p => string.Equals(p.Email, error.Email, StringComparison.OrdinalIgnoreCase));
                    if (match is not null)
                    {
                        // Klaviyo's detail quotes the refused value ("Invalid email address: 'jane@...'"): the log gets code and pointer.
                        rejected[match] = ($"{error.Code}: {error.Detail}", "Klaviyo bulk import: " + VendorRefusal.Of(null, error.Code, error.Pointer).ToLogText());
                    }
                }
            }
            else
            {
                var result = await klaviyo.UpsertProfilesAsync([.. profiles.Keys], cancellationToken);
                foreach (var refused in result.Rejected)
                {
                    rejected[refused.Record] = (refused.Reason, "Klaviyo profile-import: " + refused.LogReason);
                }
            }
        }
        catch (ConnectorWriteException<KlaviyoProfile> exception)
        {
            unwritten.UnionWith(exception.Unwritten);
            failure = exception;
        }

        foreach (var (profile, write) in profiles)
        {
            outcomes.Add(rejected.TryGetValue(profile, out var refusal)
                ? VendorFailure.Rejected(write.Id, refusal.Reason, refusal.LogReason)
                : unwritten.Contains(profile) && failure is not null
                    ? VendorFailure.Unwritten(write.Id, failure)
                    : new WriteOutcome(write.Id, WriteResult.Written));
        }

        return outcomes;
    }

    /// <inheritdoc />
    /// <remarks>One profile of <c>GET /api/profiles</c> (scope profiles:read), the read the CRM poll and redact make anyway.</remarks>
    public async Task CheckCredentialsAsync(CancellationToken cancellationToken)
    {
        await foreach (var _ in klaviyo.GetProfilesAsync(pageSize: 1, cancellationToken: cancellationToken))
        {
            break;
        }
    }

    /// <summary>
    /// Erases the person in Klaviyo (customers/redact) through data-privacy deletion jobs: one per identifier
    /// the redact request carried, plus one per profile the worker linked to the customer by external id, so a
    /// profile keyed by phone alone or whose email changed is erased too. Klaviyo answering 404 counts as done:
    /// there is nothing left to erase. Every call is safe to repeat, so a retry after a partial failure is harmless.
    /// </summary>
    private async Task<WriteOutcome> DeleteAsync(ClaimedWrite write, CancellationToken cancellationToken)
    {
        try
        {
            var targets = new List<KlaviyoDeletionTarget>();
            var filter = $"equals(external_id,{Quoted(write.CustomerKey)})";
            await foreach (var linked in klaviyo.GetProfilesAsync(filter, cancellationToken: cancellationToken))
            {
                if (linked.Id is { } id)
                {
                    targets.Add(KlaviyoDeletionTarget.ByProfileId(id));
                }
            }

            if (PatchValues.Text(write.Fields, "email") is { Length: > 0 } email)
            {
                targets.Add(KlaviyoDeletionTarget.ByEmail(email));
            }

            if (PatchValues.Text(write.Fields, "phone_number") is { Length: > 0 } phone)
            {
                targets.Add(KlaviyoDeletionTarget.ByPhoneNumber(phone));
            }

            foreach (var target in targets)
            {
                await klaviyo.RequestProfileDeletionAsync(target, cancellationToken);
            }

            return new WriteOutcome(write.Id, WriteResult.Written);
        }
        catch (ConnectorException exception)
        {
            // The reason names the operation and status only: the person's identifiers stay out of dead letters and logs.
            return VendorFailure.Outcome(write.Id, exception, "customers/redact: Klaviyo deletion " + exception.Reason, "customers/redact");
        }
    }

    /// <summary>
    /// Shopify merged customers into this one: each merged-away customer's profile is merged into the kept customer's
    /// through Merge Profiles (kept profile as the destination, theirs as the source), then the kept customer's values
    /// are written as any upsert. Profiles are found as this writer finds them everywhere: by the external id it set,
    /// else by the address the ledger held. A merged-away customer without a profile is nothing to merge; when only the
    /// merged-away customer had one, it becomes the kept customer's (updated by its Klaviyo id), so one profile remains
    /// either way. Every step is safe to repeat: a profile already merged is no longer found.
    /// </summary>
    private async Task<WriteOutcome> MergeAsync(ClaimedWrite write, CancellationToken cancellationToken)
    {
        try
        {
            var profile = await ProfileAsync(write, cancellationToken);
            var keptId = await FindProfileAsync(write.CustomerKey, profile?.Email, profile?.PhoneNumber, cancellationToken);
            foreach (var (mergedAway, known) in FieldSet.MergedAwayOf(write.Fields))
            {
                var sourceId = await FindProfileAsync(mergedAway, PatchValues.Text(known, "email"), PatchValues.Text(known, "phone_number"), cancellationToken);
                if (sourceId is null || sourceId == keptId)
                {
                    continue;
                }

                if (keptId is null)
                {
                    keptId = sourceId;
                    continue;
                }

                await klaviyo.MergeProfilesAsync(keptId, sourceId, cancellationToken);
            }

            if (profile is null)
            {
                return WriteOutcome.Because(write.Id, WriteResult.Failed, "no email or phone known for the kept customer yet; waiting for Shopify");
            }

            await klaviyo.UpsertProfileAsync(profile with { Id = keptId }, cancellationToken);
            return new WriteOutcome(write.Id, WriteResult.Written);
        }
        catch (ConnectorException exception)
        {
            return VendorFailure.Outcome(write.Id, exception, "customer merge: Klaviyo " + exception.Reason, "customer merge");
        }
    }

    /// <summary>A customer's profile id: the one carrying their Shopify id as external id, else the one at their address.</summary>
    private async Task<string?> FindProfileAsync(string customerKey, string? email, string? phone, CancellationToken cancellationToken) =>
        await klaviyo.FindProfileIdAsync($"equals(external_id,{Quoted(customerKey)})", cancellationToken)
        ?? (email is { Length: > 0 } ? await klaviyo.FindProfileIdAsync($"equals(email,{Quoted(email)})", cancellationToken) : null)
        ?? (phone is { Length: > 0 } ? await klaviyo.FindProfileIdAsync($"equals(phone_number,{Quoted(phone)})", cancellationToken) : null);

    private static string Quoted(string value) => "\"" + value.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private async Task<KlaviyoProfile?> ProfileAsync(ClaimedWrite write, CancellationToken cancellationToken)
    {
        var (email, phone) = await KnownAddress.ResolveAsync(write, "email", "phone_number", store, shopify, cancellationToken);
        if (email is null && phone is null)
        {
            return null;
        }

        return new KlaviyoProfile
        {
            Email = email,
            PhoneNumber = email is null ? phone : PatchValues.Text(write.Fields, "phone_number"),
            ExternalId = write.CustomerKey,
            FirstName = PatchValues.Text(write.Fields, "first_name"),
            LastName = PatchValues.Text(write.Fields, "last_name"),
            Properties = write.Fields.Where(f => FieldSet.IsValue(f) && !KlaviyoProfile.OwnAttributes.Contains(f.Property)).ToDictionary(f => f.Property, f => PatchValues.ToClr(f.JsonValue)),
        };
    }
}
