using SignalFidelity.Core.Csv;

namespace SignalFidelity.Core.Tests.Csv;

public sealed class ColumnLookAlikesTests
{
    private static readonly string[] HubSpotHeader =
        ["Record ID", "First Name", "Email", "Total Spent", "Total Revenue", "Lifetime spent (USD)", "total_spent_usd", "Create Date", "Lifecycle Stage"];

    [Fact]
    public void The_same_name_in_other_case_and_separators_comes_first_then_containing_and_shared_words()
    {
        var alike = ColumnLookAlikes.Find("total_spent", HubSpotHeader);
        Assert.Equal(["Total Spent", "total_spent_usd", "Lifetime spent (USD)"], alike);
    }

    [Fact]
    public void A_typo_is_close_enough()
    {
        Assert.Equal(["Lifecycle Stage"], ColumnLookAlikes.Find("lifecyle_stage", HubSpotHeader));
    }

    [Fact]
    public void Unrelated_columns_are_not_suggested()
    {
        Assert.Empty(ColumnLookAlikes.Find("primary_tag", HubSpotHeader));
    }

    [Fact]
    public void The_missing_column_message_names_the_look_alike_and_the_flag_that_maps_it()
    {
        using var reader = CsvHeader.OpenReader(new StringReader(string.Join(",", HubSpotHeader) + "\n"));
        var header = new CsvHeader("contacts.csv", reader);
        var e = Assert.Throws<AuditInputException>(() => header.Require("total_spent", "the TotalSpent fidelity field", "TotalSpent"));
        Assert.Contains("contacts.csv: missing column 'total_spent'", e.Message);
        Assert.Contains("Columns that look like it: 'Total Spent', 'total_spent_usd', 'Lifetime spent (USD)'.", e.Message);
        Assert.Contains("--column TotalSpent=\"Total Spent\"", e.Message);
        Assert.Contains("'TotalSpent,Total Spent' in a --columns file", e.Message);
    }

    [Fact]
    public void Without_a_look_alike_the_message_lists_the_columns_found()
    {
        using var reader = CsvHeader.OpenReader(new StringReader(string.Join(",", HubSpotHeader) + "\n"));
        var header = new CsvHeader("contacts.csv", reader);
        var e = Assert.Throws<AuditInputException>(() => header.Require("primary_tag", "the PrimaryTag fidelity field", "PrimaryTag"));
        Assert.Contains("No column looks like it; columns found: Record ID, First Name", e.Message);
        Assert.Contains("--column PrimaryTag=\"<column>\"", e.Message);
    }
}
