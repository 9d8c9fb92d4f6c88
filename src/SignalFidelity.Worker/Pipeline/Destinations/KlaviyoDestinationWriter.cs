using SignalFidelity.Connectors.Klaviyo;
using SignalFidelity.Connectors.Resilience;
using SignalFidelity.Connectors.Shopify;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Pipeline.Destinations;

/// <summary>
/// Writes patches to Klaviyo through the production client: profile-import one by one, or bulk import
/// jobs under backlog. A profile is addressed by the address Shopify holds for the person (from the
/// ledger, else asked of Shopify), never by a guess, so no orphan profile is created.
/// </summary>
public sealed class KlaviyoDestinationWriter(KlaviyoClient klaviyo, IWorkerStore store, ShopifyClient? shopify) : IDestinationWriter
{
    private static readonly HashSet<string> Identity = ["email", "phone_number", "first_name", "last_name"];

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
                // Klaviyo erases people through its data-privacy deletion jobs, which the connector does not
                // call yet: the request is kept as a dead letter naming the person, for the operator to finish.
                outcomes.Add(new WriteOutcome(write.Id, WriteResult.Rejected, "customers/redact: delete this profile in Klaviyo (data privacy deletion); the worker has already erased it locally"));
                continue;
            }

            var profile = await ProfileAsync(write, cancellationToken);
            if (profile is null)
            {
                outcomes.Add(new WriteOutcome(write.Id, WriteResult.Failed, "no email or phone known for this customer yet; waiting for Shopify"));
                continue;
            }

            profiles[profile] = write;
        }

        if (profiles.Count == 0)
        {
            return outcomes;
        }

        var unwritten = new HashSet<KlaviyoProfile>(ReferenceEqualityComparer.Instance);
        var rejected = new Dictionary<KlaviyoProfile, string>(ReferenceEqualityComparer.Instance);
        string? failure = null;
        int? failureStatus = null;
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
                        rejected[match] = $"{error.Code}: {error.Detail}";
                    }
                }
            }
            else
            {
                var result = await klaviyo.UpsertProfilesAsync([.. profiles.Keys], cancellationToken);
                foreach (var refused in result.Rejected)
                {
                    rejected[refused.Record] = refused.Reason;
                }
            }
        }
        catch (ConnectorWriteException<KlaviyoProfile> exception)
        {
            unwritten.UnionWith(exception.Unwritten);
            (failure, failureStatus) = (exception.Reason, exception.StatusCode);
        }

        foreach (var (profile, write) in profiles)
        {
            outcomes.Add(rejected.TryGetValue(profile, out var reason)
                ? new WriteOutcome(write.Id, WriteResult.Rejected, reason)
                : unwritten.Contains(profile)
                    ? new WriteOutcome(write.Id, failureStatus == 429 ? WriteResult.Throttled : WriteResult.Failed, failure)
                    : new WriteOutcome(write.Id, WriteResult.Written));
        }

        return outcomes;
    }

    /// <inheritdoc />
    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var _ in klaviyo.GetProfilesAsync(pageSize: 1, cancellationToken: cancellationToken))
            {
                break;
            }

            return true;
        }
        catch (ConnectorException exception)
        {
            return exception.StatusCode is not null; // it answered, if only to refuse
        }
    }

    private async Task<KlaviyoProfile?> ProfileAsync(ClaimedWrite write, CancellationToken cancellationToken)
    {
        var email = PatchValues.Text(write.Fields, "email");
        var phone = PatchValues.Text(write.Fields, "phone_number");
        if (email is null && phone is null)
        {
            var ledger = await store.GetLedgerAsync(write.CustomerKey, SyncSystem.Klaviyo, cancellationToken);
            email = PatchValues.Text(ledger, "email");
            phone = PatchValues.Text(ledger, "phone_number");
        }

        if (email is null && phone is null && shopify is not null)
        {
            var customer = await shopify.GetCustomerAsync(write.CustomerKey, cancellationToken);
            (email, phone) = (customer?.Email, customer?.Phone);
        }

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
            Properties = write.Fields.Where(f => !Identity.Contains(f.Property)).ToDictionary(f => f.Property, f => PatchValues.ToClr(f.JsonValue)),
        };
    }
}
