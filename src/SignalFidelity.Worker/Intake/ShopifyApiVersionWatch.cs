using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using SignalFidelity.Audit.Reviews;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Intake;

/// <summary>
/// Notices Shopify falling forward: once the pinned API version is retired, Shopify renders deliveries in a newer
/// one (header <c>X-Shopify-API-Version</c>) whose body may lack fields the topology reads. Such a delivery is still
/// processed as usual; here it is counted, and the first one of each version opens a 48-hour vendor-change review
/// window, once across restarts and replicas (the store's claim decides who writes the file). Each shop a worker serves
/// is counted apart: Shopify falls forward per shop, as each shop's app installation is upgraded.
/// </summary>
public sealed partial class ShopifyApiVersionWatch(IWorkerStore shopStore, string pinned, ReviewFolder reviews, ILogger<ShopifyApiVersionWatch> logger)
{
    // Versions whose window is known to be open: their deliveries only count, without asking the store for a claim.
    private readonly ConcurrentDictionary<string, bool> _reviewed = new(StringComparer.Ordinal);

    /// <summary>The topology's pinned version the deliveries are compared with.</summary>
    public string Pinned => pinned;

    /// <summary>Counts a delivery under another version and opens its review when none is yet. Never fails the delivery.</summary>
    public async Task ObserveAsync(string shop, string version, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var store = shopStore.ForShop(shop);
        version = version.Trim();
        if (version.Length == 0 || string.Equals(version, pinned, StringComparison.Ordinal))
        {
            return;
        }

        try
        {
            await store.RecordShopifyApiVersionAsync(version, receivedAt, cancellationToken);
            if (_reviewed.ContainsKey(shop + " " + version) || !await store.ClaimShopifyApiVersionReviewAsync(version, cancellationToken))
            {
                _reviewed[shop + " " + version] = true;
                return;
            }

            await OpenReviewAsync(store, version, receivedAt, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The delivery is already committed: a lost count must not turn into a 5xx and hours of Shopify retries.
            LogNotRecorded(logger, version, exception.Message);
        }
    }

    private async Task OpenReviewAsync(IWorkerStore store, string version, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        ReviewWindow window;
        try
        {
            window = reviews.Open(ReviewTrigger.VendorChange, $"Shopify delivers API version {version} instead of the pinned {pinned}", receivedAt, null,
                $"Shopify sent a delivery rendered in API version {version}; the topology pins {pinned} (falling forward from a retired version). "
                + $"Run `sigfid schema check --to {version}` for the reads it breaks, then move the pin or the reads.");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ReviewInputException)
        {
            await store.SetShopifyApiVersionReviewAsync(version, null, cancellationToken); // the next delivery tries again
            LogReviewNotWritten(logger, version, reviews.Directory, exception.Message);
            return;
        }

        await store.SetShopifyApiVersionReviewAsync(version, window.Id, cancellationToken);
        _reviewed[store.Shop + " " + version] = true;
        LogReviewOpened(logger, version, pinned, Path.Combine(reviews.Directory, window.Id + ".md"));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shopify delivered API version {Version} instead of the pinned {Pinned}: opened the 48-hour review {File}")]
    private static partial void LogReviewOpened(ILogger logger, string version, string pinned, string file);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write the review of Shopify API version {Version} into {Directory} (set SignalFidelity:Reviews:Directory): {Reason}")]
    private static partial void LogReviewNotWritten(ILogger logger, string version, string directory, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not count a delivery under Shopify API version {Version}: {Reason}")]
    private static partial void LogNotRecorded(ILogger logger, string version, string reason);
}
