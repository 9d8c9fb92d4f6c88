using SignalFidelity.Connectors.HubSpot;
using SignalFidelity.Connectors.Resilience;
using SignalFidelity.Connectors.Shopify;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Pipeline.Destinations;

/// <summary>
/// Writes patches to HubSpot contacts through the production client's batch upsert (at most 100 inputs a
/// call, keyed by <c>idProperty</c> email). HubSpot's batch endpoint is synchronous, so one write and a backlog
/// take the same path; <c>bulk</c> changes nothing here. A contact is addressed by the address Shopify holds for
/// the person (from the write, the ledger, else Shopify), never by a guess. Every write gets its own outcome:
/// an input a 207 names is rejected with HubSpot's reason, a batch HubSpot did not take is retried, and an input
/// HubSpot neither confirmed nor refused is never counted as written. Deletes go through HubSpot's GDPR delete,
/// merges (Shopify merged two customers) through its contact merge.
/// </summary>
public sealed class HubSpotDestinationWriter(HubSpotClient hubSpot, IWorkerStore store, ShopifyClient? shopify) : IDestinationWriter
{
    private const string IdProperty = "email";

    /// <summary>
    /// The contact property holding the Shopify customer id, written with every upsert: HubSpot keys contacts by email,
    /// and the CRM poll needs to know which customer a changed contact is (Klaviyo's equivalent is <c>external_id</c>).
    /// A HubSpot portal needs it defined once as a single-line text contact property.
    /// </summary>
    public const string CustomerIdProperty = "shopify_customer_id";

    /// <inheritdoc />
    public SyncSystem Destination => SyncSystem.HubSpot;

    /// <inheritdoc />
    public async Task<IReadOnlyList<WriteOutcome>> WriteAsync(IReadOnlyList<ClaimedWrite> writes, bool bulk, CancellationToken cancellationToken)
    {
        var outcomes = new List<WriteOutcome>(writes.Count);
        var inputs = new Dictionary<HubSpotContactInput, ClaimedWrite>(ReferenceEqualityComparer.Instance);
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var write in writes)
        {
            if (write.Operation == WriteOperation.Delete)
            {
                outcomes.Add(await DeleteAsync(write, cancellationToken));
                continue;
            }

            var (email, _) = await KnownAddress.ResolveAsync(write, "email", "phone", store, shopify, cancellationToken);
            if (string.IsNullOrWhiteSpace(email))
            {
                outcomes.Add(WriteOutcome.Because(write.Id, WriteResult.Failed, "no email known for this customer yet (HubSpot contacts are keyed by email); waiting for Shopify"));
                continue;
            }

            if (write.Operation == WriteOperation.Merge)
            {
                outcomes.Add(await MergeAsync(write, email, cancellationToken));
                continue;
            }

            // HubSpot refuses a whole batch that names one id twice; the second write waits for the next round.
            if (!keys.Add(email.Trim()))
            {
                outcomes.Add(WriteOutcome.Because(write.Id, WriteResult.Failed, "another write for the same HubSpot contact is in this batch; retried next round"));
                continue;
            }

            inputs[Input(write, email)] = write;
        }

        // One call per 100 inputs, each with its own outcome: a batch that fails must not hide what another batch's 207 refused.
        foreach (var batch in inputs.Keys.Chunk(HubSpotClient.MaxBatch))
        {
            outcomes.AddRange(await WriteBatchAsync(batch, inputs, cancellationToken));
        }

        return outcomes;
    }

    /// <inheritdoc />
    /// <remarks>One contact of <c>GET /crm/v3/objects/contacts</c> (scope crm.objects.contacts.read).</remarks>
    public Task CheckCredentialsAsync(CancellationToken cancellationToken) => hubSpot.GetContactsPageAsync(limit: 1, cancellationToken);

    /// <summary>
    /// Erases the person's contact (customers/redact) through HubSpot's GDPR delete, by the email the request
    /// names. HubSpot answering 404 counts as done: there is nothing left to erase. Reasons name the operation
    /// and status, never the person's identifiers.
    /// </summary>
    private async Task<WriteOutcome> DeleteAsync(ClaimedWrite write, CancellationToken cancellationToken)
    {
        if (PatchValues.Text(write.Fields, IdProperty) is not { Length: > 0 } email)
        {
            return WriteOutcome.Because(write.Id, WriteResult.Rejected, "customers/redact named no email and HubSpot contacts are keyed by email: erase the contact in HubSpot by hand");
        }

        try
        {
            await hubSpot.GdprDeleteAsync(IdProperty, email, cancellationToken);
            return new WriteOutcome(write.Id, WriteResult.Written);
        }
        catch (ConnectorException exception)
        {
            return VendorFailure.Outcome(write.Id, exception, "customers/redact: HubSpot GDPR delete " + exception.Reason, "customers/redact");
        }
    }

    /// <summary>
    /// Shopify merged customers into this one: the kept customer's contact is written first (created from the kept
    /// customer's values if HubSpot lacked it), then each merged-away customer's contact, found by the email the ledger
    /// held for them, is merged into it with <c>POST /crm/v3/objects/contacts/merge</c> (<c>primaryObjectId</c> the kept
    /// contact, <c>objectIdToMerge</c> theirs). HubSpot keeps a merged contact's email as an additional address of the
    /// result, so a repeat finds the same contact under both addresses and merges nothing twice.
    /// </summary>
    private async Task<WriteOutcome> MergeAsync(ClaimedWrite write, string email, CancellationToken cancellationToken)
    {
        var input = Input(write, email);
        var written = (await WriteBatchAsync([input], new Dictionary<HubSpotContactInput, ClaimedWrite>(ReferenceEqualityComparer.Instance) { [input] = write }, cancellationToken)).Single();
        if (written.Result != WriteResult.Written)
        {
            return written;
        }

        try
        {
            var primary = await FindContactAsync(email, cancellationToken);
            foreach (var (_, known) in FieldSet.MergedAwayOf(write.Fields))
            {
                if (primary is null || PatchValues.Text(known, IdProperty) is not { Length: > 0 } theirs
                    || await FindContactAsync(theirs, cancellationToken) is not { } other || other.Id == primary.Id)
                {
                    continue;
                }

                primary = await hubSpot.MergeContactsAsync(primary.Id, other.Id, cancellationToken);
            }

            return new WriteOutcome(write.Id, WriteResult.Written);
        }
        catch (ConnectorException exception)
        {
            return VendorFailure.Outcome(write.Id, exception, "customer merge: HubSpot " + exception.Reason, "customer merge");
        }
    }

    private async Task<HubSpotContact?> FindContactAsync(string email, CancellationToken cancellationToken) =>
        (await hubSpot.ReadContactsAsync(IdProperty, [email], [IdProperty], cancellationToken)).Found.FirstOrDefault();

    /// <summary>The write's values as a batch-upsert input keyed by the email; bookkeeping fields stay out.</summary>
    private static HubSpotContactInput Input(ClaimedWrite write, string email)
    {
        var properties = write.Fields
            .Where(f => FieldSet.IsValue(f) && f.Property != IdProperty)
            .ToDictionary(f => f.Property, f => (string?)PatchValues.ToVendorText(f.JsonValue));
        properties[CustomerIdProperty] = write.CustomerKey;
        return new(IdProperty, email, properties);
    }

    private async Task<IEnumerable<WriteOutcome>> WriteBatchAsync(
        HubSpotContactInput[] batch, Dictionary<HubSpotContactInput, ClaimedWrite> writes, CancellationToken cancellationToken)
    {
        var rejected = new Dictionary<HubSpotContactInput, RejectedRecord<HubSpotContactInput>>(ReferenceEqualityComparer.Instance);
        var unwritten = new HashSet<HubSpotContactInput>(ReferenceEqualityComparer.Instance);
        ConnectorException? failure = null;
        try
        {
            var result = await hubSpot.UpsertBatchAsync(batch, cancellationToken);
            foreach (var refused in result.Rejected)
            {
                rejected[refused.Record] = refused;
            }
        }
        catch (ConnectorWriteException<HubSpotContactInput> exception)
        {
            unwritten.UnionWith(exception.Unwritten);
            failure = exception;
        }

        // HubSpot's message quotes the refused value ("Email address jane@... is invalid"): the log gets its category and property names.
        return batch.Select(input => rejected.TryGetValue(input, out var refused)
            ? VendorFailure.Rejected(writes[input].Id, refused.Reason, $"HubSpot batch-upsert: {refused.LogReason} (contact keyed by {IdProperty})")
            : unwritten.Contains(input) && failure is not null
                ? VendorFailure.Unwritten(writes[input].Id, failure)
                : new WriteOutcome(writes[input].Id, WriteResult.Written));
    }
}
