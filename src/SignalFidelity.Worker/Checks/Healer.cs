using SignalFidelity.Audit.Listings;
using SignalFidelity.Core.Reports;
using SignalFidelity.Worker.Pipeline;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Checks;

/// <summary>One customer's heal: healed, or why not (the field and both values still differing, or what stood in the way).</summary>
public sealed record HealOutcome(string CustomerId, bool Healed, IReadOnlyList<string> Reasons);

/// <summary>The heal of one <c>drifted.csv</c>: each customer's outcome, whether the queue drained, where the re-check's report is.</summary>
public sealed record HealResult(SyncSystem Crm, IReadOnlyList<HealOutcome> Customers, bool Drained, string RecheckDirectory)
{
    /// <summary>Every customer healed.</summary>
    public bool AllHealed => Customers.All(c => c.Healed);
}

/// <summary>
/// The loop that heals: each customer of a <c>drifted.csv</c> is re-read from its owner (Shopify, by id) and Shopify's
/// values are queued again through the ledger (<see cref="Reconciler.ReassertAsync"/>: the stale guard and the
/// re-assert of equal values, exactly as the reconciliation pull). The worker's dispatcher sends them with its pacing;
/// this waits until the store's queue is empty, then re-checks exactly those customers (<see cref="DriftCheck.RecheckAsync"/>).
/// </summary>
/// <remarks>
/// It does not send anything itself: a second sender beside a running worker would race its leases and pacers. With
/// no worker running against the store the queue never drains, and every customer is reported not healed, saying so.
/// </remarks>
public sealed class Healer(Reconciler reconciler, DriftCheck check, IWorkerStore store)
{
    /// <summary>How often the store's queue is looked at while waiting.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Heals the customers listed in <paramref name="driftedCsv"/>, waiting up to <paramref name="wait"/> for the writes to go out.</summary>
    /// <exception cref="Core.Csv.AuditInputException">The listing is absent or unreadable, or the CRM it names is not connected.</exception>
    public async Task<HealResult> HealAsync(string driftedCsv, TimeSpan wait, string recheckDirectory, CancellationToken cancellationToken = default)
    {
        var (crm, rows) = DriftedListing.Read(driftedCsv);
        var ids = rows.Select(r => r.CustomerId).Distinct(StringComparer.Ordinal).ToList();
        var gone = (await reconciler.ReassertAsync(ids.Select(DriftCheck.CustomerGid).ToList(), cancellationToken))
            .Select(DriftCheck.NumericId).ToHashSet(StringComparer.Ordinal);
        var drained = await WaitForQueueAsync(wait, cancellationToken);

        var present = ids.Where(id => !gone.Contains(DriftCheck.NumericId(id))).ToList();
        var still = new List<DriftedRow>();
        IReadOnlySet<string> missing = new HashSet<string>();
        if (present.Count > 0)
        {
            var recheck = await check.RecheckAsync(crm, present, recheckDirectory, cancellationToken);
            still.AddRange(DriftedListing.Read(recheck.DriftedListing).Rows);
            missing = DriftedListing.CustomerIds(Path.Combine(recheckDirectory, AuditListings.MissingFile));
        }

        var outcomes = ids.Select(id => Outcome(DriftCheck.NumericId(id), crm, gone, missing, still, drained)).ToList();
        return new HealResult(crm, outcomes, drained, recheckDirectory);
    }

    private static HealOutcome Outcome(string id, SyncSystem crm, IReadOnlySet<string> gone, IReadOnlySet<string> missing, IReadOnlyList<DriftedRow> still, bool drained)
    {
        if (gone.Contains(id)) return new HealOutcome(id, false, ["Shopify no longer has this customer: nothing to re-send."]);
        if (missing.Contains(id)) return new HealOutcome(id, false, [$"not found in {crm} by the identity rule after the heal (see {AuditListings.MissingFile})."]);
        var reasons = still.Where(r => r.CustomerId == id).Select(r => Reason(r, crm, drained)).ToList();
        return new HealOutcome(id, reasons.Count == 0, reasons);
    }

    private static string Reason(DriftedRow row, SyncSystem crm, bool drained)
    {
        var values = $"{row.Field}: Shopify '{row.ShopifyValue}', {crm} '{row.CrmValue}'";
        if (string.Equals(row.Owner, crm.ToString(), StringComparison.Ordinal))
            return $"{values}; owned by {row.Owner}, so only the CRM poll heals it (it carries {row.Owner}'s value into Shopify).";
        if (!drained) return $"{values}; the writes were still queued when the wait ended: is a worker running against this store?";
        return $"{values}; still differs after Shopify's value was sent: a CRM-side writer may have overwritten it again.";
    }

    // The dispatcher empties the queue; pending and in-flight writes at zero means ours were sent (or dead-lettered).
    private async Task<bool> WaitForQueueAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        var until = DateTimeOffset.UtcNow + wait;
        while (true)
        {
            var stats = await store.GetStatsAsync(cancellationToken);
            if (stats.PendingWrites + stats.InFlightWrites == 0) return true;
            if (DateTimeOffset.UtcNow >= until) return false;
            await Task.Delay(PollInterval, cancellationToken);
        }
    }
}
