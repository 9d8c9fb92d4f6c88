using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SignalFidelity.Worker.Hosting;

/// <summary>
/// Checks the worker's settings before anything starts: each value out of range is named by its configuration
/// key, its value and the range it must be in, and every problem is reported together. The same rules run twice:
/// explicitly at the top of <see cref="WorkerApp.BuildAsync"/> (which opens the store before the host is built)
/// and through <c>ValidateOnStart</c>, which also covers settings a <c>configure</c> callback changed.
/// </summary>
public sealed class WorkerOptionsValidation : IValidateOptions<WorkerOptions>
{
    /// <summary>The smallest body cap: below it even a small customers/update would be refused with 413.</summary>
    public const int MinBodyBytes = 1024;

    /// <summary>The largest body cap: Shopify's payloads are far smaller, and the body is held in memory.</summary>
    public const int MaxBodyBytes = 100 * 1024 * 1024;

    /// <summary>The largest claim per round: one transaction, and HubSpot takes 100 a call.</summary>
    public const int MaxBatchSize = 1000;

    // Task.Delay refuses longer waits (about 49 days); nothing here needs more than a few weeks.
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(24);

    private const string Shopify = WorkerOptions.Section + ":Shopify:";
    private const string Store = WorkerOptions.Section + ":Store:";
    private const string Dispatch = WorkerOptions.Section + ":Dispatch:";
    private const string Schedules = WorkerOptions.Section + ":Schedules:";

    /// <summary>Registers the rules for <c>ValidateOnStart</c> on <see cref="IOptions{WorkerOptions}"/>, bound from <paramref name="configuration"/>.</summary>
    public static void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IValidateOptions<WorkerOptions>, WorkerOptionsValidation>();
        services.AddOptions<WorkerOptions>().Bind(configuration.GetSection(WorkerOptions.Section)).ValidateOnStart();
    }

    /// <summary>
    /// Binds the <c>SignalFidelity</c> section and checks it; throws <see cref="WorkerStartupException"/> naming every
    /// problem (or the value that could not be converted, which the binder reports one at a time).
    /// </summary>
    public static WorkerOptions BindAndValidate(IConfiguration configuration)
    {
        WorkerOptions options;
        try
        {
            options = configuration.GetSection(WorkerOptions.Section).Get<WorkerOptions>() ?? new WorkerOptions();
        }
        catch (InvalidOperationException exception)
        {
            // "Failed to convert configuration value at 'SignalFidelity:Dispatch:Lease' to type 'System.TimeSpan'."
            var why = exception.InnerException?.Message is { } inner ? $" ({inner.TrimEnd('.')})" : string.Empty;
            throw WorkerStartupException.Configuration([exception.Message.TrimEnd('.') + why], exception);
        }

        var problems = Problems(options);
        return problems.Count == 0 ? options : throw WorkerStartupException.Configuration(problems);
    }

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, WorkerOptions options) =>
        Problems(options) is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;

    /// <summary>Every problem with <paramref name="options"/>, each naming its key, value and the fix; empty when all is well.</summary>
    public static IReadOnlyList<string> Problems(WorkerOptions options)
    {
        var problems = new List<string>();
        // The shops served and their secrets (SignalFidelity:Shopify:ShopDomain/WebhookSecret, SignalFidelity:Shops:*).
        try
        {
            Intake.ShopSecrets.From(options);
        }
        catch (InvalidOperationException shops)
        {
            problems.AddRange(shops.Message.Split(Environment.NewLine));
        }

        Between(problems, Shopify + "MaxBodyBytes", options.Shopify.MaxBodyBytes, MinBodyBytes, MaxBodyBytes);
        Positive(problems, Shopify + "FreshnessWindow", options.Shopify.FreshnessWindow, TimeSpan.MaxValue);
        Positive(problems, Shopify + "MaxFutureSkew", options.Shopify.MaxFutureSkew, LongestWait);
        if (string.IsNullOrWhiteSpace(options.Store.Postgres) && string.IsNullOrWhiteSpace(options.Store.Sqlite))
        {
            problems.Add($"{Store}Sqlite is empty; set the SQLite file (for example /var/lib/sigfid/worker.db) or {Store}Postgres");
        }

        AtLeast(problems, Store + "StartupRetry", options.Store.StartupRetry, "tries once", LongestWait);

        var dispatch = options.Dispatch;
        Positive(problems, Dispatch + "Lease", dispatch.Lease, TimeSpan.MaxValue);
        Between(problems, Dispatch + "BatchSize", dispatch.BatchSize, 1, MaxBatchSize);
        Between(problems, Dispatch + "BulkThreshold", dispatch.BulkThreshold, 1, int.MaxValue);
        Between(problems, Dispatch + "MaxAttempts", dispatch.MaxAttempts, 1, int.MaxValue);
        Positive(problems, Dispatch + "FirstBackoff", dispatch.FirstBackoff, LongestWait);
        Positive(problems, Dispatch + "MaxBackoff", dispatch.MaxBackoff, LongestWait);
        if (dispatch.FirstBackoff > TimeSpan.Zero && dispatch.MaxBackoff > TimeSpan.Zero && dispatch.MaxBackoff < dispatch.FirstBackoff)
        {
            problems.Add($"{Dispatch}MaxBackoff is {Span(dispatch.MaxBackoff)}; it must be at least {Dispatch}FirstBackoff ({Span(dispatch.FirstBackoff)})");
        }

        Positive(problems, Dispatch + "IdlePoll", dispatch.IdlePoll, LongestWait);
        AtLeast(problems, Schedules + "Reconciliation", options.Schedules.Reconciliation, "turns it off", LongestWait);
        AtLeast(problems, Schedules + "CrmPoll", options.Schedules.CrmPoll, "turns it off", LongestWait);
        AtLeast(problems, Schedules + "SubscriptionCheck", options.Schedules.SubscriptionCheck, "turns it off", LongestWait);
        Positive(problems, Schedules + "CheckLease", options.Schedules.CheckLease, LongestWait);
        Checks.CheckSchedules.Parse(options, problems);
        Positive(problems, WorkerOptions.Section + ":Alerts:FlushInterval", options.Alerts.FlushInterval, LongestWait);

        // Every shop's connections, each named under the section its keys are in (the main shop's: the top level).
        foreach (var (_, shop, section) in ShopOptions.All(options))
        {
            Connection(problems, section, "Shopify", "AdminBaseUrl", shop.Shopify.AdminBaseUrl, "AccessToken", shop.Shopify.AccessToken,
                "https://your-shop.myshopify.com/", "the Admin API access token (shpat_...)");
            Connection(problems, section, "Klaviyo", "BaseUrl", shop.Klaviyo.BaseUrl, "ApiKey", shop.Klaviyo.ApiKey,
                "https://a.klaviyo.com/", "the private API key (pk_...)");
            Connection(problems, section, "HubSpot", "BaseUrl", shop.HubSpot.BaseUrl, "AccessToken", shop.HubSpot.AccessToken ?? shop.HubSpot.ApiKey,
                "https://api.hubapi.com/", "the private app access token (pat-...)");
        }

        return problems;
    }

    private static void Between(List<string> problems, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            problems.Add(max == int.MaxValue
                ? Invariant($"{key} is {value}; it must be at least {min}")
                : Invariant($"{key} is {value}; it must be between {min} and {max}"));
        }
    }

    private static void Positive(List<string> problems, string key, TimeSpan value, TimeSpan max)
    {
        if (value <= TimeSpan.Zero || value > max)
        {
            problems.Add(max == TimeSpan.MaxValue
                ? $"{key} is {Span(value)}; it must be longer than zero (a time span such as 00:00:05)"
                : $"{key} is {Span(value)}; it must be longer than zero and at most {Span(max)} (a time span such as 00:00:05)");
        }
    }

    private static void AtLeast(List<string> problems, string key, TimeSpan value, string zeroMeans, TimeSpan max)
    {
        if (value < TimeSpan.Zero || value > max)
        {
            problems.Add($"{key} is {Span(value)}; it must be between {Span(TimeSpan.Zero)} (which {zeroMeans}) and {Span(max)}");
        }
    }

    /// <summary>A vendor connection: the URL must be absolute http(s), and a URL without its credential is a half-configured destination.</summary>
    private static void Connection(
        List<string> problems, string section, string vendor, string urlName, string? url, string credentialName, string? credential, string example, string credentialMeaning)
    {
        var urlKey = $"{section}:{vendor}:{urlName}";
        var credentialKey = $"{section}:{vendor}:{credentialName}";
        if (string.IsNullOrWhiteSpace(url))
        {
            return; // the vendor is off
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add($"{urlKey} is '{url}'; it must be an absolute http or https URL, for example {example}");
        }

        if (string.IsNullOrWhiteSpace(credential))
        {
            problems.Add($"{urlKey} is set but {credentialKey} is empty; set {credentialMeaning}, or remove {urlKey} to turn {vendor} off");
        }
    }

    private static string Span(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
