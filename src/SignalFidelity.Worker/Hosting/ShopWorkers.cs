using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SignalFidelity.Worker.Intake;
using SignalFidelity.Worker.Pipeline;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Hosting;

/// <summary>
/// The shops this worker serves besides the main one. Each runs what the main shop runs in the app's own services, wired
/// the same way (<see cref="Destinations.Register"/>) from that shop's settings and its view of the store: its dispatcher
/// sends its writes with its own connector clients, and its reconciliation, CRM poll, subscription watchdog and drift and
/// volume checks read and write only its rows. Intake is shared: a delivery is stored under the shop it names.
/// </summary>
public sealed class ShopWorkers : IHostedService, IAsyncDisposable
{
    private readonly List<(string Shop, ServiceProvider Services)> _shops = [];

    /// <summary>Wires every shop of <paramref name="shops"/> (the main shop excluded) on <paramref name="store"/>.</summary>
    public ShopWorkers(IEnumerable<(string Shop, WorkerOptions Options, string Section)> shops, IWorkerStore store, TimeProvider clock, ILoggerFactory loggers)
    {
        foreach (var (shop, options, section) in shops)
        {
            var services = new ServiceCollection();
            services.AddSingleton(loggers);
            services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
            services.AddSingleton(options);
            services.AddSingleton(options.Dispatch);
            services.AddSingleton(clock);
            services.AddSingleton(store.ForShop(shop));
            services.AddSingleton<ITopologyRuntime>(GeneratedTopologyRuntime.Instance);
            Destinations.Register(services, options, clock, reportsOf: shop);
            services.AddSingleton(sp => new DestinationHealth(sp.GetServices<IDestinationWriter>(), clock, section));
            services.AddSingleton<Dispatcher>();
            services.AddHostedService(sp => sp.GetRequiredService<Dispatcher>());
            _shops.Add((shop, services.BuildServiceProvider()));
        }
    }

    /// <summary>Each further shop with its services (its store view, destination health, watchdog...).</summary>
    public IReadOnlyList<(string Shop, IServiceProvider Services)> Shops => _shops.Select(s => (s.Shop, (IServiceProvider)s.Services)).ToList();

    /// <summary>The services of <paramref name="shop"/> (its connector clients...); null when it is not one of the further shops.</summary>
    public IServiceProvider? ServicesOf(string shop) => _shops.FirstOrDefault(s => s.Shop == ShopSecrets.Normalize(shop)).Services;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var hosted in _shops.SelectMany(s => s.Services.GetServices<IHostedService>()))
        {
            await hosted.StartAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var hosted in _shops.SelectMany(s => s.Services.GetServices<IHostedService>()).Reverse())
        {
            await hosted.StopAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var (_, services) in _shops)
        {
            await services.DisposeAsync();
        }
    }
}
