using System.CommandLine;
using Microsoft.Extensions.Hosting;
using SignalFidelity.Worker.Hosting;

namespace SignalFidelity.Cli.Commands;

internal static class WorkerCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Where intake listens, for example http://0.0.0.0:8080 (ASP.NET Core's --urls).",
            DefaultValueFactory = _ => "http://127.0.0.1:5080",
        };
        var command = new Command("worker", "Runs the webhook receiver and the sync pipeline. Configured from appsettings.json and the environment (SignalFidelity__Shopify__WebhookSecret, SignalFidelity__Store__Sqlite, ...).")
        {
            urls,
        };
        // Any other --Key=value goes to ASP.NET Core's configuration, as with any ASP.NET Core app.
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            string[] args = ["--urls", parseResult.GetValue(urls)!, .. parseResult.UnmatchedTokens];
            try
            {
                await using var app = await WorkerApp.BuildAsync(args, cancellationToken: cancellationToken);
                await app.StartAsync(cancellationToken);
                var options = WorkerConfiguration.Load(args);
                Console.WriteLine($"sigfid worker: intake on {string.Join(", ", app.Urls)}/webhooks/shopify, store {StoreFactory.Describe(options.Store)}");
                await app.WaitForShutdownAsync(cancellationToken);
                return 0;
            }
            catch (InvalidOperationException exception) when (exception.Message.StartsWith("No webhook secret", StringComparison.Ordinal))
            {
                await Console.Error.WriteLineAsync(exception.Message);
                return 2;
            }
        });
        return command;
    }
}
