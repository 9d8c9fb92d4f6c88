using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SignalFidelity.Worker.Hosting;

namespace SignalFidelity.Cli.Worker;

/// <summary>
/// The worker's vendor connections (connectors, pacers, drift check, reconciler, writers) for a CLI verb, wired by
/// the same <see cref="Destinations.Register"/> the worker uses, so a check from the command line reads and paces
/// exactly as the scheduled one.
/// </summary>
internal static class LiveConnections
{
    public static ServiceProvider Build(WorkerOptions options)
    {
        var services = new ServiceCollection();
        services.AddLogging(l => l.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
        Destinations.Register(services, options, TimeProvider.System);
        return services.BuildServiceProvider();
    }
}
