using SignalFidelity.Core.Csv;
using SignalFidelity.Core.Mapping;

namespace SignalFidelity.Core.Tests.Csv;

public sealed class CsvHeaderTests
{
    [Fact]
    public void Missing_column_names_the_file_and_the_column()
    {
        using var reader = CsvHeader.OpenReader(new StringReader("property,who\nx,y\n"));
        var header = new CsvHeader("writers.csv", reader);
        var e = Assert.Throws<AuditInputException>(() => header.Require("writer", "who wrote it"));
        Assert.Contains("writers.csv", e.Message);
        Assert.Contains("'writer'", e.Message);
    }

    [Fact]
    public void Empty_file_is_a_clear_error()
    {
        using var reader = CsvHeader.OpenReader(new StringReader(""));
        var e = Assert.Throws<AuditInputException>(() => new CsvHeader("empty.csv", reader));
        Assert.Contains("empty.csv", e.Message);
    }

    [Fact]
    public void Writers_inventory_counts_malformed_rows_with_line_numbers()
    {
        var malformed = new List<MalformedRow>();
        var writers = FieldMappingReview.ReadWriters("writers.csv", new StringReader(
            "property,writer\ntotal_spent,Shopify app\ntotal_spent,Zapier\nbroken\nprimary_tag,Klaviyo flows\n,nobody\n"), malformed);

        Assert.Equal(["Shopify app", "Zapier"], writers["total_spent"]);
        Assert.Equal([4, 6], malformed.Select(m => m.Line));
        Assert.All(malformed, m => Assert.Equal("writers.csv", m.File));
    }
}
