using Microsoft.Extensions.Options;
using SignalFidelity.Worker.Hosting;

namespace SignalFidelity.Worker.Tests.Hosting;

/// <summary>
/// The worker refuses to start on settings out of range, naming every key with its value and range in one
/// message, and on a store it cannot open, naming the store's setting; both before anything listens.
/// </summary>
public sealed class StartupValidationTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sigfid-startup-test.");

    [Fact]
    public async Task Two_values_out_of_range_fail_together_in_one_line_naming_both_keys_and_ranges()
    {
        var failure = await Assert.ThrowsAsync<WorkerStartupException>(() => BuildAsync(
            "--SignalFidelity:Shopify:MaxBodyBytes=-1",
            "--SignalFidelity:Dispatch:BatchSize=0"));

        Assert.Equal(WorkerStartupException.ConfigurationExitCode, failure.ExitCode);
        Assert.Contains("SignalFidelity:Shopify:MaxBodyBytes is -1; it must be between 1024 and 104857600", failure.Message);
        Assert.Contains("SignalFidelity:Dispatch:BatchSize is 0; it must be between 1 and 1000", failure.Message);
        Assert.DoesNotContain('\n', failure.Message);
        Assert.Equal(2, failure.Problems.Count);
    }

    [Fact]
    public async Task A_cron_expression_and_a_time_zone_that_cannot_be_read_stop_the_start_naming_each_key()
    {
        var failure = await Assert.ThrowsAsync<WorkerStartupException>(() => BuildAsync(
            "--SignalFidelity:Schedules:DriftCheck=every monday",
            "--SignalFidelity:TimeZone=Mars/Olympus"));

        Assert.Equal(WorkerStartupException.ConfigurationExitCode, failure.ExitCode);
        Assert.Contains("SignalFidelity:Schedules:DriftCheck is 'every monday'; it must be a cron expression of five fields", failure.Message);
        Assert.Contains("SignalFidelity:TimeZone is 'Mars/Olympus'; it must be an IANA time zone id", failure.Message);
        Assert.Equal(2, failure.Problems.Count);
    }

    [Fact]
    public async Task Times_urls_and_half_configured_destinations_are_each_named_with_the_fix()
    {
        var failure = await Assert.ThrowsAsync<WorkerStartupException>(() => BuildAsync(
            "--SignalFidelity:Dispatch:Lease=00:00:00",
            "--SignalFidelity:Dispatch:FirstBackoff=00:00:10",
            "--SignalFidelity:Dispatch:MaxBackoff=00:00:05",
            "--SignalFidelity:Dispatch:IdlePoll=-00:00:01",
            "--SignalFidelity:Dispatch:MaxAttempts=0",
            "--SignalFidelity:Dispatch:BulkThreshold=0",
            "--SignalFidelity:Schedules:CrmPoll=-00:05:00",
            "--SignalFidelity:Klaviyo:BaseUrl=a.klaviyo.com",
            "--SignalFidelity:HubSpot:BaseUrl=https://api.hubapi.com/"));

        Assert.Equal(
        [
            "SignalFidelity:Dispatch:Lease is 00:00:00; it must be longer than zero (a time span such as 00:00:05)",
            "SignalFidelity:Dispatch:BulkThreshold is 0; it must be at least 1",
            "SignalFidelity:Dispatch:MaxAttempts is 0; it must be at least 1",
            "SignalFidelity:Dispatch:MaxBackoff is 00:00:05; it must be at least SignalFidelity:Dispatch:FirstBackoff (00:00:10)",
            "SignalFidelity:Dispatch:IdlePoll is -00:00:01; it must be longer than zero and at most 24.00:00:00 (a time span such as 00:00:05)",
            "SignalFidelity:Schedules:CrmPoll is -00:05:00; it must be between 00:00:00 (which turns it off) and 24.00:00:00",
            "SignalFidelity:Klaviyo:BaseUrl is 'a.klaviyo.com'; it must be an absolute http or https URL, for example https://a.klaviyo.com/",
            "SignalFidelity:Klaviyo:BaseUrl is set but SignalFidelity:Klaviyo:ApiKey is empty; set the private API key (pk_...), or remove SignalFidelity:Klaviyo:BaseUrl to turn Klaviyo off",
            "SignalFidelity:HubSpot:BaseUrl is set but SignalFidelity:HubSpot:AccessToken is empty; set the private app access token (pat-...), or remove SignalFidelity:HubSpot:BaseUrl to turn HubSpot off",
        ], failure.Problems);
    }

    [Fact]
    public async Task A_further_shop_with_a_destination_missing_its_key_is_named_under_its_own_section()
    {
        var failure = await Assert.ThrowsAsync<WorkerStartupException>(() => BuildAsync(
            "--SignalFidelity:Shops:other-store.myshopify.com:WebhookSecret=shpss_other",
            "--SignalFidelity:Shops:other-store.myshopify.com:Klaviyo:BaseUrl=https://a.klaviyo.com/",
            "--SignalFidelity:Shops:other-store.myshopify.com:Shopify:AdminBaseUrl=https://other-store.myshopify.com/",
            "--SignalFidelity:Shops:other-store.myshopify.com:Shopify:AccessToken=shpat_other"));

        Assert.Equal(WorkerStartupException.ConfigurationExitCode, failure.ExitCode);
        Assert.Equal(
        [
            "SignalFidelity:Shops:other-store.myshopify.com:Klaviyo:BaseUrl is set but SignalFidelity:Shops:other-store.myshopify.com:Klaviyo:ApiKey is empty; "
            + "set the private API key (pk_...), or remove SignalFidelity:Shops:other-store.myshopify.com:Klaviyo:BaseUrl to turn Klaviyo off",
        ], failure.Problems);
    }

    [Fact]
    public async Task A_value_that_is_not_a_number_or_time_span_is_named_by_its_key()
    {
        var failure = await Assert.ThrowsAsync<WorkerStartupException>(() => BuildAsync("--SignalFidelity:Dispatch:Lease=two minutes"));

        Assert.Contains("'SignalFidelity:Dispatch:Lease'", failure.Message);
        Assert.Equal(WorkerStartupException.ConfigurationExitCode, failure.ExitCode);
    }

    [Fact]
    public async Task A_missing_webhook_secret_says_where_to_set_it()
    {
        var failure = await Assert.ThrowsAsync<WorkerStartupException>(() => BuildAsync(withSecret: false));

        Assert.Contains("No shop is configured: set SignalFidelity:Shopify:ShopDomain", failure.Message);
        Assert.Contains("SignalFidelity__Shopify__WebhookSecret", failure.Message);
    }

    [Fact]
    public async Task A_setting_changed_after_the_first_check_is_still_refused_at_start()
    {
        await using var app = await WorkerApp.BuildAsync(Args(), builder => builder.Configuration["SignalFidelity:Dispatch:BatchSize"] = "5000");

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("SignalFidelity:Dispatch:BatchSize is 5000; it must be between 1 and 1000", failure.Failures);
    }

    [Fact]
    public async Task An_unwritable_SQLite_path_fails_in_one_line_naming_the_setting()
    {
        var notAFolder = Path.Combine(_folder.FullName, "a-file");
        await File.WriteAllTextAsync(notAFolder, "not a folder");

        var failure = await Assert.ThrowsAsync<WorkerStartupException>(() => BuildAsync(
            $"--SignalFidelity:Store:Sqlite={Path.Combine(notAFolder, "worker.db")}",
            "--SignalFidelity:Store:StartupRetry=00:00:00"));

        Assert.Equal(WorkerStartupException.StoreExitCode, failure.ExitCode);
        Assert.Contains("check SignalFidelity:Store:Sqlite", failure.Message);
        Assert.Contains("tried once", failure.Message);
        Assert.DoesNotContain('\n', failure.Message);
    }

    [Fact]
    public async Task The_store_is_retried_with_backoff_for_the_startup_retry_before_giving_up()
    {
        var notAFolder = Path.Combine(_folder.FullName, "a-file");
        await File.WriteAllTextAsync(notAFolder, "not a folder");
        var started = DateTime.UtcNow;

        var failure = await Assert.ThrowsAsync<WorkerStartupException>(() => BuildAsync(
            $"--SignalFidelity:Store:Sqlite={Path.Combine(notAFolder, "worker.db")}",
            "--SignalFidelity:Store:StartupRetry=00:00:03")); // long enough for a second try on a loaded machine

        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromSeconds(2.9), TimeSpan.FromSeconds(30));
        Assert.Matches("tried ([2-9]|[1-9][0-9]) times over 00:00:03 \\(SignalFidelity:Store:StartupRetry\\)", failure.Message);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    private string[] Args(bool withSecret = true, params string[] extra) =>
    [
        "--urls", "http://127.0.0.1:0",
        .. withSecret ? new[] { "--SignalFidelity:Shopify:WebhookSecret=shpss_test", "--SignalFidelity:Shopify:ShopDomain=snowdevil.myshopify.com" } : [],
        $"--SignalFidelity:Store:Sqlite={Path.Combine(_folder.FullName, "worker.db")}",
        "--Logging:LogLevel:Default=Error",
        .. extra,
    ];

    private async Task BuildAsync(params string[] extra) => await BuildAsync(withSecret: true, extra);

    private async Task BuildAsync(bool withSecret, params string[] extra)
    {
        await using var app = await WorkerApp.BuildAsync(Args(withSecret, extra));
    }
}
