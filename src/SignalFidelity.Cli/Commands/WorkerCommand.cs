using System.CommandLine;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
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
            // Whatever the operator must fix is one line on stderr naming the setting, and an exit code a supervisor can
            // tell apart (2 configuration, 3 store); a stack trace would only bury the setting's name.
            catch (WorkerStartupException exception)
            {
                await Console.Error.WriteLineAsync("sigfid worker: " + exception.Message);
                return exception.ExitCode;
            }
            catch (OptionsValidationException exception)
            {
                // ValidateOnStart: settings a configure callback changed after the first check.
                await Console.Error.WriteLineAsync("sigfid worker: " + WorkerStartupException.Configuration([.. exception.Failures]).Message);
                return WorkerStartupException.ConfigurationExitCode;
            }
            catch (IOException exception) when (exception.InnerException is AddressInUseException || exception.Message.Contains("address", StringComparison.OrdinalIgnoreCase))
            {
                await Console.Error.WriteLineAsync($"sigfid worker: cannot listen on {parseResult.GetValue(urls)}: {exception.Message.TrimEnd('.')}; choose another address with --urls");
                return 1;
            }
        });
        return command;
    }
}
