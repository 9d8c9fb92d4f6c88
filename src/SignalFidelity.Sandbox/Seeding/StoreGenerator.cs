using Bogus;
using SignalFidelity.Sandbox.Shopify;

namespace SignalFidelity.Sandbox.Seeding;

/// <summary>
/// Generates a reproducible store with the identity traps real stores have: gmail addresses with dots and
/// +tags, Apple relay addresses (matchable by phone only), mixed case and stray whitespace, and guest
/// orders typed with a variant of the customer's address. Ninety days of orders end on a Black Friday at
/// ten times a normal day, concentrated in the morning peak as real sales are.
/// </summary>
public static class StoreGenerator
{
    public static readonly string[] Segments = ["vip", "loyal", "new", "at-risk", "winback"];
    private static readonly string[] StaffTags = ["newsletter", "local-pickup", "wholesale-lead", "review-left"];
    private static readonly (string Title, string Sku, decimal Price)[] Catalogue =
    [
        ("Merino crew sock", "SOCK-MER", 18m), ("Trail runner", "SHOE-TRL", 129m), ("Rain shell", "JKT-RAIN", 189m),
        ("Canvas tote", "BAG-TOTE", 34m), ("Wool beanie", "HAT-WOOL", 29m), ("Insulated bottle", "BTL-INS", 39m),
        ("Gift card", "GIFT-50", 50m), ("Down vest", "VST-DWN", 149m),
    ];

    public static SeededStore Generate(StoreScenario scenario)
    {
        var faker = new Faker("en") { Random = new Randomizer(scenario.Seed) };
        var random = new Random(scenario.Seed);
        var customers = new List<ShopifyCustomerRecord>(scenario.Customers);
        var segmentTags = new Dictionary<long, string>();
        var usedEmails = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var historyStart = scenario.WindowStart.AddDays(-730);

        for (var i = 0; i < scenario.Customers; i++)
        {
            var first = faker.Name.FirstName();
            var last = faker.Name.LastName();
            string email;
            do email = Email(faker, random, first, last); while (!usedEmails.Add(email.Trim()));
            var id = 7_000_000_000_000L + i * 37L;
            var created = historyStart + TimeSpan.FromMinutes(random.NextDouble() * (scenario.WindowEnd - historyStart).TotalMinutes * 0.97);
            var customer = new ShopifyCustomerRecord
            {
                Id = id,
                Email = email,
                Phone = email.Contains("privaterelay", StringComparison.Ordinal) || random.NextDouble() < 0.45 ? Phone(random) : null,
                FirstName = first,
                LastName = last,
                CreatedAt = created,
                UpdatedAt = created,
            };
            var segment = Segments[random.Next(Segments.Length)];
            segmentTags[id] = segment;
            customer.Tags.Add(segment);
            if (random.NextDouble() < 0.3) customer.Tags.Add(StaffTags[random.Next(StaffTags.Length)]);
            customers.Add(customer);
        }

        var orders = GenerateOrders(scenario, customers, random);
        return new SeededStore(scenario, customers, orders, segmentTags);
    }

    private static List<ShopifyOrderRecord> GenerateOrders(StoreScenario scenario, List<ShopifyCustomerRecord> customers, Random random)
    {
        // Buyers are weighted: a few loyal customers order often, most order once or twice.
        var buyers = customers.Where(_ => random.NextDouble() >= scenario.NeverOrderedShare).ToList();
        var weights = buyers.Select(_ => Math.Pow(random.NextDouble(), 2.5) + 0.05).ToArray();
        var cumulative = new double[weights.Length];
        double sum = 0;
        for (var i = 0; i < weights.Length; i++) cumulative[i] = sum += weights[i];

        var totalOrders = (int)(scenario.Customers * scenario.OrdersPerCustomer);
        var normalPerDay = totalOrders / (scenario.Days - 1 + scenario.BlackFridayMultiplier);
        var orders = new List<ShopifyOrderRecord>(totalOrders + 100);
        var number = 1001;
        for (var day = 0; day < scenario.Days; day++)
        {
            var date = scenario.WindowStart.AddDays(day);
            var isBlackFriday = DateOnly.FromDateTime(date.UtcDateTime) == scenario.BlackFriday;
            var count = Poisson(random, normalPerDay * (isBlackFriday ? scenario.BlackFridayMultiplier : 1));
            for (var k = 0; k < count; k++)
            {
                var at = date + TimeOfDay(random, isBlackFriday);
                var pick = Array.BinarySearch(cumulative, random.NextDouble() * sum);
                var customer = buyers[pick < 0 ? ~pick : pick];
                if (customer.CreatedAt > at) at = customer.CreatedAt.AddMinutes(5) > date.AddDays(1) ? date.AddDays(1).AddMinutes(-1) : customer.CreatedAt.AddMinutes(5);
                if (at < date) at = date.AddMinutes(random.Next(60, 1400));
                var lines = Enumerable.Range(0, 1 + (random.NextDouble() < 0.35 ? random.Next(1, 4) : 0))
                    .Select(_ => Catalogue[random.Next(Catalogue.Length)])
                    .Select(p => new ShopifyLineItem(p.Title, p.Sku, random.NextDouble() < 0.2 ? 2 : 1, isBlackFriday ? Math.Round(p.Price * 0.75m, 2) : p.Price))
                    .ToList();
                var total = lines.Sum(l => l.Price * l.Quantity) + (random.NextDouble() < 0.5 ? 7.95m : 0m);
                var order = new ShopifyOrderRecord
                {
                    Id = 5_500_000_000_000L + number,
                    Number = number++,
                    CustomerId = customer.Id,
                    Email = random.NextDouble() < scenario.VariantEmailOrderShare ? VariantOf(customer.Email!, random) : customer.Email!.Trim(),
                    Phone = customer.Phone,
                    CreatedAt = at,
                    Total = total,
                    LineItems = lines,
                    FulfillmentStatus = isBlackFriday ? null : "fulfilled",
                };
                var roll = random.NextDouble();
                if (roll < scenario.CancelShare) { order.CancelledAt = at.AddHours(2); order.FinancialStatus = "voided"; }
                else if (roll < scenario.CancelShare + scenario.RefundShare && !isBlackFriday) { order.Refunded = Math.Round(total * 0.5m, 2); order.FinancialStatus = "partially_refunded"; }
                orders.Add(order);
            }
        }
        orders.Sort((a, b) => a.CreatedAt.CompareTo(b.CreatedAt));
        return orders;
    }

    private static string Email(Faker faker, Random random, string first, string last)
    {
        var f = Clean(first);
        var l = Clean(last);
        var n = random.Next(1, 999);
        var roll = random.NextDouble();
        var address = roll switch
        {
            < 0.30 => $"{f}.{l}@gmail.com",
            < 0.38 => $"{f}{l}{n}+shop@gmail.com",
            < 0.46 => $"{faker.Random.AlphaNumeric(10)}@privaterelay.appleid.com",
            < 0.60 => $"{f}{n}@yahoo.com",
            < 0.72 => $"{f}.{l}@outlook.com",
            < 0.80 => $"{f[0]}{l}@icloud.com",
            < 0.88 => $"{f}_{l}{n}@hotmail.com",
            _ => $"{f}@{l}-{faker.Internet.DomainWord()}.com",
        };
        // Some people type their address with capitals or a trailing space; Shopify keeps what they typed.
        var style = random.NextDouble();
        if (style < 0.06) address = char.ToUpperInvariant(address[0]) + address[1..];
        else if (style < 0.09) address += " ";
        return address;
    }

    /// <summary>The same person typing their address differently at a guest checkout.</summary>
    internal static string VariantOf(string email, Random random)
    {
        var trimmed = email.Trim();
        var at = trimmed.IndexOf('@');
        var local = trimmed[..at];
        var domain = trimmed[(at + 1)..];
        if (domain.Equals("gmail.com", StringComparison.OrdinalIgnoreCase))
        {
            return random.Next(3) switch
            {
                0 => local.Replace(".", "", StringComparison.Ordinal) + "@gmail.com",
                1 => local.Split('+')[0] + "+bf@googlemail.com",
                _ => local.ToUpperInvariant() + "@Gmail.com",
            };
        }
        return random.Next(2) == 0 ? trimmed.ToUpperInvariant() : " " + trimmed;
    }

    private static string Clean(string name) => new(name.ToLowerInvariant().Where(char.IsAsciiLetter).ToArray());

    // Real area codes and the UK 0791x-0799x mobile ranges (07911 is only partly allocated): Shopify refuses phone numbers that are not valid for
    // their country, so a store only ever holds valid ones (in whatever format the customer typed).
    private static readonly int[] UsAreaCodes = [201, 202, 206, 212, 213, 305, 310, 312, 404, 415, 503, 512, 602, 617, 646, 702, 713, 718, 773, 805, 818, 917, 972];

    private static string Phone(Random random) => random.Next(3) switch
    {
        0 => $"+1{UsAreaCodes[random.Next(UsAreaCodes.Length)]}{Exchange(random)}{random.Next(1000, 9999)}",
        1 => $"({UsAreaCodes[random.Next(UsAreaCodes.Length)]}) {Exchange(random)}-{random.Next(1000, 9999)}",
        _ => $"+44 79{random.Next(12, 99)} {random.Next(100000, 999999)}",
    };

    /// <summary>A US exchange: 200-999 but never N11, which is reserved for services (411, 911).</summary>
    private static int Exchange(Random random)
    {
        var exchange = random.Next(200, 999);
        return exchange % 100 == 11 ? exchange + 1 : exchange;
    }

    private static TimeSpan TimeOfDay(Random random, bool blackFriday)
    {
        // Black Friday: most orders land in the hours after the doorbusters open (13:00-19:00 UTC, 8am-2pm US Eastern).
        var hour = blackFriday && random.NextDouble() < 0.8 ? 13 + random.NextDouble() * 6 : random.NextDouble() * 24;
        return TimeSpan.FromHours(hour);
    }

    private static int Poisson(Random random, double mean)
    {
        if (mean > 30) return Math.Max(0, (int)Math.Round(mean + Math.Sqrt(mean) * Gaussian(random)));
        var l = Math.Exp(-mean);
        var k = 0;
        var p = 1.0;
        do { k++; p *= random.NextDouble(); } while (p > l);
        return k - 1;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
