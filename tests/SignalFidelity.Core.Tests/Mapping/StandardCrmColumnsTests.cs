using SignalFidelity.Core.Mapping;

namespace SignalFidelity.Core.Tests.Mapping;

/// <summary>The CRMs' own export columns, which are never unowned custom properties.</summary>
public sealed class StandardCrmColumnsTests
{
    [Theory]
    [InlineData("Email")]
    [InlineData("First Name")]
    [InlineData("Last Name")]
    [InlineData("Phone Number")]
    [InlineData("Email Suppressions")]
    [InlineData("Email Marketing Consent")]
    [InlineData("Created")]
    [InlineData("Last Active")]
    [InlineData("Klaviyo ID")]
    [InlineData("Predicted Customer Lifetime Value")]
    [InlineData("zip code")] // exports are matched ignoring case
    public void Klaviyo_s_own_columns_are_standard(string column) => Assert.True(StandardCrmColumns.IsStandard(SyncSystem.Klaviyo, column));

    [Theory]
    [InlineData("Record ID")]
    [InlineData("First Name")]
    [InlineData("Last Name")]
    [InlineData("Email")]
    [InlineData("Phone Number")]
    [InlineData("Create Date")]
    [InlineData("Lifecycle Stage")]
    [InlineData("Contact owner")]
    [InlineData("Marketing contact status")]
    [InlineData("Associated Company IDs (Primary)")]
    [InlineData("Became a Customer Date")]
    [InlineData("Date entered \"Lead (Lifecycle Stage Pipeline)\"")]
    public void HubSpot_s_own_columns_are_standard(string column) => Assert.True(StandardCrmColumns.IsStandard(SyncSystem.HubSpot, column));

    [Theory]
    [InlineData(SyncSystem.Klaviyo, "loyalty_points")]
    [InlineData(SyncSystem.Klaviyo, "total_spent")]
    [InlineData(SyncSystem.Klaviyo, "Associated Company IDs")] // HubSpot's families are HubSpot's only
    [InlineData(SyncSystem.HubSpot, "hs_legacy_score")]
    [InlineData(SyncSystem.HubSpot, "Email Suppressions")]
    public void Custom_properties_are_not(SyncSystem crm, string column) => Assert.False(StandardCrmColumns.IsStandard(crm, column));

    [Fact]
    public void Unowned_are_the_columns_neither_standard_nor_declared_in_file_order()
    {
        var columns = new[] { "Email", "Klaviyo ID", "loyalty_points", "total_spent", "Email Suppressions", "old_zapier_ltv", "LOYALTY_POINTS" };
        var declared = new HashSet<string>(["total_spent"], StringComparer.OrdinalIgnoreCase);
        Assert.Equal(["loyalty_points", "old_zapier_ltv"], FieldMappingReview.UnownedCustomProperties(columns, declared, SyncSystem.Klaviyo));
    }
}
