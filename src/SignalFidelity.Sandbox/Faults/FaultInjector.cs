using Microsoft.AspNetCore.Http;
using SignalFidelity.Sandbox.Http;

namespace SignalFidelity.Sandbox.Faults;

/// <summary>Rolls the configured faults for one request; a simulator calls it before serving.</summary>
public sealed class FaultInjector(FaultOptions options, TimeProvider clock, int seed, TrafficLog traffic)
{
    private readonly Random _random = new(seed);
    private readonly Lock _gate = new();

    public FaultOptions Options => options;

    private double Roll()
    {
        lock (_gate) return _random.NextDouble();
    }

    /// <summary>Returns true when a fault answered (or cut) the request, so the simulator must stop.</summary>
    internal async Task<bool> TryInjectAsync(HttpContext context, string operation, Func<HttpContext, int, Task> writeThrottled)
    {
        if (options.LatencyRate > 0 && Roll() < options.LatencyRate)
            await Task.Delay(options.Latency, context.RequestAborted);

        if ((options.StormUntil is { } until && clock.GetUtcNow() < until) || (options.ThrottleRate > 0 && Roll() < options.ThrottleRate))
        {
            traffic.Throttled(operation);
            await writeThrottled(context, options.ThrottleRetryAfterSeconds);
            return true;
        }
        if (options.DropRate > 0 && Roll() < options.DropRate)
        {
            traffic.Faulted(operation);
            context.Abort();
            return true;
        }
        if (options.ServerErrorRate > 0 && Roll() < options.ServerErrorRate)
        {
            traffic.Faulted(operation);
            var status = Roll() switch { < 0.5 => 500, < 0.8 => 503, _ => 502 };
            context.Response.StatusCode = status;
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync($"<html><body><h1>{status}</h1>Injected by the sandbox.</body></html>", context.RequestAborted);
            return true;
        }
        return false;
    }
}
