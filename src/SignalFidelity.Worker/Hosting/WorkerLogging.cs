using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;

namespace SignalFidelity.Worker.Hosting;

/// <summary>
/// The worker's default log levels: quiet on the per-delivery path. At Information, ASP.NET Core logs every
/// request twice and IHttpClientFactory every vendor call; in a sale that is thousands of lines a minute that
/// say nothing. Intake (<c>SignalFidelity.Worker.Intake</c>) is held at Warning too, so a per-delivery message
/// added there later does not flood the log by default. Any <c>Logging:LogLevel:*</c> setting wins over these.
/// </summary>
internal static class WorkerLogging
{
    public static readonly IReadOnlyDictionary<string, string?> QuietDefaults = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:SignalFidelity.Worker.Intake"] = "Warning",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
    };

    /// <summary>Adds the defaults as the first, weakest source, so appsettings.json, the environment and the command line override them.</summary>
    public static void ApplyQuietDefaults(IConfigurationBuilder configuration) =>
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = QuietDefaults });
}
