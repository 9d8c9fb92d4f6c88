namespace SignalFidelity.Connectors.Pacing;

/// <summary>Paces one vendor's requests from that vendor's own signals.</summary>
public interface IRequestPacer
{
    /// <summary>Waits until the request may leave; the returned lease is disposed when its answer arrives.</summary>
    ValueTask<IDisposable> AcquireAsync(HttpRequestMessage request, CancellationToken cancellationToken);

    /// <summary>Reads the vendor's limit headers (or 429) from an answer.</summary>
    ValueTask ObserveAsync(HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken);
}

/// <summary>Runs every attempt through the vendor's pacer; sits inside the retry handler so retries are paced too.</summary>
internal sealed class PacingHandler(IRequestPacer pacer) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var lease = await pacer.AcquireAsync(request, cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        await pacer.ObserveAsync(request, response, cancellationToken);
        return response;
    }
}

/// <summary>Adds a fixed header (the vendor's credential) to every request.</summary>
internal sealed class HeaderHandler(string name, string value) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Remove(name);
        request.Headers.TryAddWithoutValidation(name, value);
        return base.SendAsync(request, cancellationToken);
    }
}
