using SignalFidelity.Worker.Hosting;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Cli.Worker;

/// <summary>Opens the store the worker uses, from the same configuration sources the worker reads.</summary>
internal static class ConfiguredStore
{
    /// <summary>Loads the configuration (plus any <c>--SignalFidelity:...</c> overrides) and opens the store.</summary>
    public static async Task<(WorkerOptions Options, IWorkerStore Store)> OpenAsync(IReadOnlyList<string> configurationArgs, CancellationToken cancellationToken)
    {
        var options = WorkerConfiguration.Load([.. configurationArgs]);
        return (options, await StoreFactory.OpenAsync(options.Store, cancellationToken: cancellationToken));
    }
}
