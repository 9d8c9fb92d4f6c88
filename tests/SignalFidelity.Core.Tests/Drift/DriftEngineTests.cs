using SignalFidelity.Core.Csv;
using SignalFidelity.Core.Drift;
using SignalFidelity.Core.Identity;
using SignalFidelity.Runtime;

namespace SignalFidelity.Core.Tests.Drift;

/// <summary>
/// The engine's counting rules over a tiny entity. The comparer here is written by hand for the test
/// entity; the generated Customer comparer is exercised end to end by the 200-customer fixture test.
/// </summary>
public sealed class DriftEngineTests
{
    private sealed record Person(decimal Spent, string? Tag);

    private sealed class PersonComparer : IFidelityComparer<Person>
    {
        public IReadOnlyList<string> FieldNames { get; } = ["Spent", "Tag"];

        public FidelityComparison Compare(Person expected, Person actual) => new(new FieldSet(
            (Math.Abs(expected.Spent - actual.Spent) <= 0.01m ? 0UL : 1UL) | (expected.Tag == actual.Tag ? 0UL : 2UL)));

        public string? Format(Person record, int fieldIndex) => fieldIndex == 0 ? record.Spent.ToString(System.Globalization.CultureInfo.InvariantCulture) : record.Tag;
    }

    private static readonly IdentityResolver Identity = new();

    private static SourceRecord<Person> Rec(string email, decimal spent, string? tag = null, string? id = null) =>
        new(Identity.Resolve(email, null), new Person(spent, tag), id ?? email, 0);

    private static DriftResult Run(IEnumerable<SourceRecord<Person>> crm, IEnumerable<SourceRecord<Person>> shopify, int? sample = null, int maxExamples = 10) =>
        new DriftEngine<Person>(new PersonComparer(), null, new DriftOptions { SampleSize = sample, Seed = 1, MaxExamples = maxExamples }).Run(crm, shopify);

    [Fact]
    public void Counts_drift_missing_and_per_field()
    {
        var crm = new[] { Rec("a@x.com", 10m, "vip"), Rec("b@x.com", 10.02m, "vip"), Rec("c@x.com", 10m, "new"), Rec("d@x.com", 10.01m, "vip") };
        var shopify = new[] { Rec("A@X.com", 10m, "vip"), Rec("b@x.com", 10m, "vip"), Rec("c@x.com", 99m, "vip"), Rec("d@x.com", 10m, "vip"), Rec("e@x.com", 1m) };

        var result = Run(crm, shopify);

        Assert.Equal(5, result.SampleSize);
        Assert.Equal(3, result.DriftedCount);           // b (spent), c (both), e (missing)
        Assert.Equal(1, result.MissingCount);
        Assert.Equal(60.0, result.DriftPercent, 9);
        Assert.Equal(40.0, result.FidelityPercent, 9);
        Assert.Equal([new FieldDrift("Spent", 2), new FieldDrift("Tag", 1)], result.PerField);
        Assert.Equal("c@x.com", result.Examples[0].Id);  // two drifted fields first
        Assert.Equal("99", result.Examples[0].Fields[0].Expected);
        Assert.Equal("10", result.Examples[0].Fields[0].Actual);
        Assert.Equal("e@x.com", Assert.Single(result.Missing).Id);
    }

    [Fact]
    public void A_crm_row_that_names_the_person_but_cannot_be_read_is_unreadable_not_missing()
    {
        var unreadable = Rec("b@x.com", 0m) with { Unreadable = new MalformedRow("crm.csv", 3, "column 'Spent': 'abc' is not an amount") };
        var result = Run([Rec("a@x.com", 1m), unreadable], [Rec("a@x.com", 1m), Rec("b@x.com", 1m), Rec("c@x.com", 1m)]);

        Assert.Equal(2, result.DriftedCount);
        Assert.Equal("c@x.com", Assert.Single(result.Missing).Id);
        Assert.Equal(1, result.UnreadableCount);
        var b = Assert.Single(result.Unreadable);
        Assert.Equal("b@x.com", b.Id);
        Assert.Equal("unreadable in the CRM (crm.csv:3, column 'Spent': 'abc' is not an amount)", b.Reason);
        Assert.All(result.PerField, f => Assert.Equal(0, f.DriftedCount)); // its values are unknown, not wrong
        Assert.Equal(1, result.DestinationRecords); // only the readable record is indexed
    }

    [Fact]
    public void A_readable_record_of_the_same_key_is_compared_before_an_unreadable_one()
    {
        var unreadable = Rec("a@x.com", 0m) with { Unreadable = new MalformedRow("crm.csv", 2, "bad") };
        var result = Run([unreadable, Rec("a@x.com", 1m)], [Rec("a@x.com", 1m)]);
        Assert.Equal(0, result.DriftedCount);
        Assert.Equal(0, result.UnreadableCount);
    }

    private sealed class RecordingListener : IDriftListener<Person>
    {
        public List<string> Drifted { get; } = [];
        public List<string> Missing { get; } = [];

        public void OnDrifted(in SourceRecord<Person> record, FieldSet drifted, Person expected, Person actual) => Drifted.Add(record.DisplayId);

        public void OnMissing(MissingRecord missing) => Missing.Add(missing.Id);

        public void OnUnreadable(UnreadableRecord unreadable) { }
    }

    [Fact]
    public void The_listener_hears_every_record_past_the_example_and_listing_caps()
    {
        var crm = Enumerable.Range(0, 30).Select(i => Rec($"c{i}@x.com", 1m)).ToArray();
        var shopify = Enumerable.Range(0, 30).Select(i => Rec($"c{i}@x.com", 2m))
            .Concat(Enumerable.Range(0, 7).Select(i => Rec($"gone{i}@x.com", 1m))).ToArray();
        var listener = new RecordingListener();
        var engine = new DriftEngine<Person>(new PersonComparer(), null, new DriftOptions { SampleSize = null, MaxExamples = 3, MaxListed = 2 });

        var result = engine.Run(DestinationIndex<Person>.Build(crm, 2), shopify, listener);

        Assert.Equal(3, result.Examples.Count);
        Assert.Equal(2, result.Missing.Count);
        Assert.Equal(30, listener.Drifted.Distinct().Count());
        Assert.Equal(7, listener.Missing.Count);
    }

    [Fact]
    public void Every_duplicate_is_enumerable_past_the_listing_cap()
    {
        var crm = Enumerable.Range(0, 5).SelectMany(i => new[] { Rec($"d{i}@x.com", 1m, id: $"{i}a"), Rec($"D{i}@x.com", 1m, id: $"{i}b") }).ToArray();
        var index = DestinationIndex<Person>.Build(crm, maxListed: 2);
        Assert.Equal(2, index.Duplicates.Count);
        Assert.Equal(5, index.AllDuplicates().Count());
        Assert.All(index.AllDuplicates(), d => Assert.Equal(2, d.Ids.Count));
    }

    [Fact]
    public void Duplicate_crm_keys_are_listed_and_the_first_is_compared()
    {
        var crm = new[] { Rec("jane.doe@gmail.com", 5m, id: "1"), Rec("janedoe+x@googlemail.com", 7m, id: "2"), Rec("jd@x.com", 1m, id: "3") };
        var result = Run(crm, [Rec("JaneDoe@gmail.com", 5m)]);

        var duplicate = Assert.Single(result.Duplicates);
        Assert.Equal("janedoe@gmail.com", duplicate.Key);
        Assert.Equal(["1", "2"], duplicate.Ids);
        Assert.Equal(1, result.DuplicateCount);
        Assert.Equal(0, result.DriftedCount);
    }

    [Fact]
    public void Keyless_shopify_customer_counts_as_missing_with_the_reason()
    {
        var result = Run([Rec("a@x.com", 1m)], [Rec("a@x.com", 1m), Rec("r@privaterelay.appleid.com", 1m)]);
        Assert.Equal(1, result.MissingCount);
        Assert.Contains("Apple relay", result.Missing[0].Reason);
    }

    [Fact]
    public void Sample_is_reproducible_and_bounded()
    {
        var crm = Enumerable.Range(0, 5_000).Select(i => Rec($"c{i}@x.com", i % 7 == 0 ? 1m : 0m)).ToArray();
        var shopify = Enumerable.Range(0, 5_000).Select(i => Rec($"c{i}@x.com", 0m)).ToArray();

        var first = Run(crm, shopify, sample: 200);
        var second = Run(crm, shopify, sample: 200);

        Assert.Equal(200, first.SampleSize);
        Assert.Equal(5_000, first.PopulationSize);
        Assert.Equal(first.DriftedCount, second.DriftedCount);
        Assert.False(first.WholePopulation);
        Assert.InRange(first.DriftPercent, 8, 22); // the population drifts 1 in 7 (14.3%)
    }

    [Fact]
    public void Whole_population_measures_everyone()
    {
        var crm = Enumerable.Range(0, 700).Select(i => Rec($"c{i}@x.com", i % 7 == 0 ? 1m : 0m));
        var shopify = Enumerable.Range(0, 700).Select(i => Rec($"c{i}@x.com", 0m));
        var result = Run(crm, shopify, sample: null, maxExamples: 3);
        Assert.True(result.WholePopulation);
        Assert.Equal(100, result.DriftedCount);
        Assert.Equal(3, result.Examples.Count);
    }

    [Fact]
    public void Empty_shopify_export_is_a_clear_error()
    {
        var e = Assert.Throws<AuditInputException>(() => Run([Rec("a@x.com", 1m)], []));
        Assert.Contains("no customers", e.Message);
    }

    [Fact]
    public void Nothing_matched_is_a_clear_error()
    {
        var e = Assert.Throws<AuditInputException>(() => Run([Rec("a@x.com", 1m)], [Rec("b@x.com", 1m)]));
        Assert.Contains("matched", e.Message);
        Assert.Contains("--crm", e.Message);
    }

    [Fact]
    public void Ignored_fields_do_not_drift()
    {
        var engine = new DriftEngine<Person>(new PersonComparer(), null, new DriftOptions { SampleSize = null, IgnoredFields = FieldSet.Of(1) });
        var result = engine.Run([Rec("a@x.com", 1m, "x")], [Rec("a@x.com", 1m, "y")]);
        Assert.Equal(0, result.DriftedCount);
    }
}
