using System.Globalization;
using System.Text.Json;

namespace SignalFidelity.Connectors.Pacing;

/// <summary>HubSpot's daily request cap is spent: writes resume tomorrow, so the records go back to the caller now.</summary>
public sealed class HubSpotDailyLimitReachedException(int dailyLimit)
    : Exception($"HubSpot's daily API limit ({dailyLimit} requests) is spent; it resets at midnight in the portal's time zone.")
{
    public int DailyLimit { get; } = dailyLimit;
}

/// <summary>
/// HubSpot counts requests per app in a rolling ten-second window (100 on Starter, 190 on Professional
/// and Enterprise) and per day; search has its own five per second. The window sizes come from the
/// X-HubSpot-RateLimit-* headers once seen; a 429 names its policy, and a DAILY 429 ends writing for the day.
/// </summary>
public sealed class HubSpotPacer : IRequestPacer
{
    private readonly TimeProvider _clock;
    private readonly RollingWindowPacer _tenSecond;
    private readonly RollingWindowPacer _search;
    private readonly int _dailyLimit;
    private volatile bool _dailySpent;

    public HubSpotPacer(TimeProvider clock, int tenSecondLimit = 190, int dailyLimit = 625_000, int searchPerSecond = 5)
    {
        _clock = clock;
        _dailyLimit = dailyLimit;
        _tenSecond = new RollingWindowPacer(clock, (tenSecondLimit, TimeSpan.FromSeconds(10)));
        _search = new RollingWindowPacer(clock, (searchPerSecond, TimeSpan.FromSeconds(1)));
    }

    public async ValueTask<IDisposable> AcquireAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_dailySpent) throw new HubSpotDailyLimitReachedException(_dailyLimit);
        if (!request.RequestUri!.AbsolutePath.EndsWith("/search", StringComparison.Ordinal))
            return await _tenSecond.AcquireAsync(cancellationToken);
        var search = await _search.AcquireAsync(cancellationToken);
        var window = await _tenSecond.AcquireAsync(cancellationToken);
        return new Both(search, window);
    }

    public async ValueTask ObserveAsync(HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (Header(response, "X-HubSpot-RateLimit-Daily-Remaining") == 0) _dailySpent = true;
        if ((int)response.StatusCode != 429) return;

        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var policy = "TEN_SECONDLY_ROLLING";
        try
        {
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            if (body.RootElement.TryGetProperty("policyName", out var p) && p.GetString() is { } name) policy = name;
        }
        catch (JsonException)
        {
            // A 429 without HubSpot's body (a proxy's) is treated as the ten-second window.
        }
        if (policy == "DAILY")
        {
            _dailySpent = true;
            return;
        }
        // Another app on the portal may share the window: hold everything for a tenth of it, then let the window decide.
        var target = policy == "SECONDLY" ? _search : _tenSecond;
        target.BlockUntil(_clock.GetUtcNow() + TimeSpan.FromSeconds(1));
    }

    private static int? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) && int.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    private sealed class Both(IDisposable a, IDisposable b) : IDisposable
    {
        public void Dispose()
        {
            a.Dispose();
            b.Dispose();
        }
    }
}
