namespace SignalFidelity.Sandbox.Seeding;

/// <summary>The shape of a seeded store. Defaults: a mid-size shop whose ninety days end on Black Friday.</summary>
public sealed record StoreScenario
{
    public int Customers { get; init; } = 5_000;
    public int Seed { get; init; } = 42;

    /// <summary>Black Friday; the ninety days of orders end with it.</summary>
    public DateOnly BlackFriday { get; init; } = new(2026, 11, 27);
    public int Days { get; init; } = 90;

    /// <summary>Orders per customer over the window, on average (drives the normal daily volume).</summary>
    public double OrdersPerCustomer { get; init; } = 1.8;

    /// <summary>Black Friday's volume as a multiple of a normal day.</summary>
    public double BlackFridayMultiplier { get; init; } = 10;

    /// <summary>Share of customers who never ordered (accounts, newsletter sign-ups).</summary>
    public double NeverOrderedShare { get; init; } = 0.25;

    /// <summary>Share of orders placed as a guest with a variant of the customer's address (case, dots, +tag, spaces).</summary>
    public double VariantEmailOrderShare { get; init; } = 0.06;

    public double RefundShare { get; init; } = 0.04;
    public double CancelShare { get; init; } = 0.015;

    public DateTimeOffset WindowStart => new(BlackFriday.AddDays(-(Days - 1)).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
    public DateTimeOffset WindowEnd => new(BlackFriday.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
