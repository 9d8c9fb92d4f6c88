namespace SignalFidelity.Cli.Demo;

/// <summary>The demo scenario: how many customers, which seed, where the reports go.</summary>
public sealed record DemoOptions
{
    /// <summary>The smallest store the story works on.</summary>
    public const int MinimumCustomers = 50;

    public int Customers { get; init; } = 5_000;
    public int Seed { get; init; } = 42;
    public string OutputDirectory { get; init; } = "signalfidelity-demo";

    /// <summary>The CRM the story is told on (<c>--crm</c>): Klaviyo by default, or HubSpot.</summary>
    public SyncSystem Crm { get; init; } = SyncSystem.Klaviyo;
}
