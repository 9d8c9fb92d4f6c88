using Microsoft.Extensions.Configuration;

namespace SignalFidelity.Worker.Hosting;

/// <summary>
/// The worker's configuration as the CLI's other verbs read it: the same sources, in the same order,
/// as ASP.NET Core's host (appsettings.json, appsettings.{Environment}.json, environment variables,
/// command line), so <c>sigfid deadletters</c> and <c>sigfid status</c> open the worker's store.
/// </summary>
public static class WorkerConfiguration
{
    /// <summary>Loads the options from the current folder, the environment and <paramref name="args"/>.</summary>
    public static WorkerOptions Load(string[]? args = null)
    {
        var environment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
            ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
            ?? "Production";
        var configuration = new ConfigurationBuilder()
            .SetBasePath(Directory.GetCurrentDirectory())
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args ?? [])
            .Build();
        return configuration.GetSection(WorkerOptions.Section).Get<WorkerOptions>() ?? new WorkerOptions();
    }
}
