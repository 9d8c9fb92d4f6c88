using SignalFidelity.Worker.Alerts;
using Microsoft.Extensions.DependencyInjection;
using SignalFidelity.Connectors;
using SignalFidelity.Connectors.HubSpot;
using SignalFidelity.Connectors.Klaviyo;
using SignalFidelity.Connectors.Shopify;
using SignalFidelity.Topology;
using SignalFidelity.Worker.Checks;
using SignalFidelity.Worker.Intake;
using SignalFidelity.Worker.Pipeline;
using SignalFidelity.Worker.Pipeline.ChangeFeeds;
using SignalFidelity.Worker.Pipeline.Destinations;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Hosting;

/// <summary>
/// Wires the production connectors for every vendor the configuration names: Klaviyo and HubSpot as
/// destinations and change feeds for the CRM poll, Shopify for reconciliation and the primary tag's way back. A vendor with no
/// base URL is simply off; intake works without any.
/// </summary>
public static class Destinations
{
    /// <param name="reportsOf">A shop other than the main one, whose check reports go to a folder of its own under reports/.</param>
    public static void Register(IServiceCollection services, WorkerOptions options, TimeProvider clock, string? reportsOf = null)
    {
        var shopifyOn = !string.IsNullOrWhiteSpace(options.Shopify.AdminBaseUrl);
        var klaviyoOn = !string.IsNullOrWhiteSpace(options.Klaviyo.BaseUrl);
        if (shopifyOn)
        {
            services.AddShopifyConnector(ShopifyConnectionOf(options, clock));
            services.AddSingleton<IDestinationWriter>(sp => new ShopifyTagWriter(sp.GetRequiredService<ShopifyClient>(), sp.GetRequiredService<IWorkerStore>()));
            services.AddSingleton(sp => new DriftCheck(sp.GetRequiredService<ShopifyClient>(), sp.GetServices<ICrmPeopleReader>()));
            services.AddSingleton(sp => new Reconciler(sp.GetRequiredService<ShopifyClient>(), sp.GetRequiredService<IWorkerStore>(), sp.GetRequiredService<ITopologyRuntime>()));
            if (Uri.TryCreate(options.Shopify.WebhookUrl, UriKind.Absolute, out var webhookUrl))
            {
                services.AddSingleton(sp => new SubscriptionWatchdog(
                    sp.GetRequiredService<ShopifyClient>(), webhookUrl, sp.GetRequiredService<IWorkerStore>(), sp.GetService<Reconciler>(), clock,
                    sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<SubscriptionWatchdog>>()));
            }
        }

        if (klaviyoOn)
        {
            services.AddKlaviyoConnector(KlaviyoConnectionOf(options, clock));
            services.AddSingleton<IDestinationWriter>(sp => new KlaviyoDestinationWriter(
                sp.GetRequiredService<KlaviyoClient>(), sp.GetRequiredService<IWorkerStore>(), sp.GetService<ShopifyClient>()));
            services.AddSingleton<ICrmChangeFeed>(sp => new KlaviyoChangeFeed(sp.GetRequiredService<KlaviyoClient>()));
            services.AddSingleton<ICrmPeopleReader>(sp => new KlaviyoPeopleReader(sp.GetRequiredService<KlaviyoClient>()));
        }

        var hubSpotOn = !string.IsNullOrWhiteSpace(options.HubSpot.BaseUrl);
        if (hubSpotOn)
        {
            services.AddHubSpotConnector(new HubSpotConnection
            {
                BaseUrl = WithSlash(options.HubSpot.BaseUrl!),
                AccessToken = options.HubSpot.AccessToken ?? options.HubSpot.ApiKey ?? string.Empty,
                Clock = clock,
                UserAgent = Core.Mapping.GovernedWriter.UserAgent,
            });
            services.AddSingleton<IDestinationWriter>(sp => new HubSpotDestinationWriter(
                sp.GetRequiredService<HubSpotClient>(), sp.GetRequiredService<IWorkerStore>(), sp.GetService<ShopifyClient>()));
            services.AddSingleton<ICrmChangeFeed>(sp => new HubSpotChangeFeed(sp.GetRequiredService<HubSpotClient>()));
            services.AddSingleton<ICrmPeopleReader>(sp => new HubSpotPeopleReader(sp.GetRequiredService<HubSpotClient>()));
        }

        if (shopifyOn && (klaviyoOn || hubSpotOn))
        {
            // CRM-owned fields flow into Shopify: the poller reads every connected CRM the topology says owns one.
            services.AddSingleton(sp => new CrmPoller(sp.GetServices<ICrmChangeFeed>(), sp.GetRequiredService<IWorkerStore>(), GeneratedTopologyRuntime.Instance));
        }

        var reports = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(options.Store.Sqlite)) ?? ".", "reports", reportsOf ?? string.Empty);
        services.AddHttpClient(nameof(DriftAlerts));
        services.AddSingleton(sp => new DriftAlerts(
            sp.GetRequiredService<IWorkerStore>(),
            DriftAlerts.ChannelsOf(options.Alerts, sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(DriftAlerts))),
            options.Alerts));
        if (AlertChannels.Configured(options.Alerts).Count > 0)
        {
            // A refused message goes out when its receiver is back, not with the next weekly check.
            services.AddSingleton(sp => new AlertOutboxFlusher(
                sp.GetRequiredService<DriftAlerts>(), options.Alerts, clock, sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<AlertOutboxFlusher>>()));
            services.AddHostedService(sp => sp.GetRequiredService<AlertOutboxFlusher>());
        }

        if (shopifyOn && (klaviyoOn || hubSpotOn))
        {
            services.AddSingleton<IScheduledCheck>(sp => new DriftCheckJob(
                sp.GetRequiredService<DriftCheck>(),
                sp.GetServices<ICrmPeopleReader>(),
                sp.GetRequiredService<DriftAlerts>(),
                reports,
                // The dispatcher runs in this process, so the heal's wait for the queue is a wait for our own sends.
                options.Alerts.HealAutomatically
                    ? new Healer(sp.GetRequiredService<Reconciler>(), sp.GetRequiredService<DriftCheck>(), sp.GetRequiredService<IWorkerStore>())
                    : null,
                options.Alerts.HealWait));
        }

        if (shopifyOn && klaviyoOn)
        {
            // HubSpot keeps no order events here, so the volume check reads Klaviyo's.
            services.AddSingleton<IScheduledCheck>(sp => new VolumeCheckJob(
                new VolumeCheck(sp.GetRequiredService<ShopifyClient>(), sp.GetRequiredService<KlaviyoClient>(), clock), reports, sp.GetRequiredService<DriftAlerts>()));
        }

        services.AddSingleton(sp => new CheckScheduler(
            CheckSchedules.From(options),
            sp.GetServices<IScheduledCheck>(),
            sp.GetRequiredService<IWorkerStore>(),
            options.Schedules.CheckLease,
            clock,
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<CheckScheduler>>()));
        services.AddHostedService(sp => sp.GetRequiredService<CheckScheduler>());

        services.AddSingleton(options.Schedules);
        services.AddSingleton(sp => new Schedules(
            options.Schedules,
            clock,
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<Schedules>>(),
            sp.GetService<Reconciler>(),
            sp.GetService<CrmPoller>(),
            sp.GetService<SubscriptionWatchdog>()));
        services.AddHostedService(sp => sp.GetRequiredService<Schedules>());
    }

    /// <summary>The Admin API connection the settings describe (the worker and <c>sigfid webhooks</c> share it).</summary>
    public static ShopifyConnection ShopifyConnectionOf(WorkerOptions options, TimeProvider clock) => new()
    {
        ShopUrl = WithSlash(options.Shopify.AdminBaseUrl!),
        AccessToken = options.Shopify.AccessToken ?? string.Empty,
        Clock = clock,
        CustomerSelection = CustomerTopology.AdminSelection,
    };

    /// <summary>The Klaviyo connection the settings describe (the worker and <c>sigfid reconcile</c> share it).</summary>
    public static KlaviyoConnection KlaviyoConnectionOf(WorkerOptions options, TimeProvider clock) => new()
    {
        BaseUrl = WithSlash(options.Klaviyo.BaseUrl!),
        ApiKey = options.Klaviyo.ApiKey ?? string.Empty,
        Clock = clock,
        UserAgent = Core.Mapping.GovernedWriter.UserAgent,
    };

    private static Uri WithSlash(string url) => new(url.EndsWith('/') ? url : url + "/");
}
