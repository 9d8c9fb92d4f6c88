using System.Text.Json.Serialization;
using SignalFidelity.Connectors.Resilience;
using SignalFidelity.Worker.Pipeline;

namespace SignalFidelity.Worker.Hosting;

/// <summary>How one destination answered its credential check: ok, or the reason and the setting to fix.</summary>
public sealed record DestinationStatus(bool Ok, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason = null)
{
    /// <summary>The destination accepted the credentials.</summary>
    public static DestinationStatus Passed { get; } = new(true);
}

/// <summary>
/// Asks each destination to prove its credentials with a cheap authenticated read, at most every few seconds,
/// for <c>/health</c>. A destination that answers but refuses the key is as broken as one that does not answer:
/// every write to it would dead-letter.
/// </summary>
/// <param name="section">Where the checked shop's settings are (the top level for the main shop), so a reason names the key to fix.</param>
public sealed class DestinationHealth(IEnumerable<IDestinationWriter> writers, TimeProvider clock, string section = WorkerOptions.Section)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(2);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (DateTimeOffset At, IReadOnlyDictionary<string, DestinationStatus> Statuses)? _last;

    /// <summary>Whether any destination is configured besides Shopify's own tag write-back (a CRM to sync into).</summary>
    public bool AnyCrmConfigured => writers.Any(w => w.Destination != SyncSystem.Shopify);

    /// <summary>Each configured destination and how its check went.</summary>
    public async Task<IReadOnlyDictionary<string, DestinationStatus>> CheckAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_last is { } last && clock.GetUtcNow() - last.At < CacheFor)
            {
                return last.Statuses;
            }

            var results = new Dictionary<string, DestinationStatus>();
            foreach (var writer in writers)
            {
                results[writer.Destination.ToString()] = await CheckOneAsync(writer, cancellationToken);
            }

            _last = (clock.GetUtcNow(), results);
            return results;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<DestinationStatus> CheckOneAsync(IDestinationWriter writer, CancellationToken cancellationToken)
    {
        var settings = DestinationSettings.For(writer.Destination).In(section);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CheckTimeout);
        try
        {
            await writer.CheckCredentialsAsync(timeout.Token);
            return DestinationStatus.Passed;
        }
        catch (ConnectorException exception)
        {
            return settings.Explain(exception);
        }
        catch (Exception exception) when (exception is HttpRequestException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The resilience pipeline keeps retrying a dead host; the check gives up first.
            return new DestinationStatus(false, $"no answer within {CheckTimeout.TotalSeconds:0} s; check {settings.BaseUrlSetting} and that {writer.Destination} is reachable from the worker");
        }
    }
}
