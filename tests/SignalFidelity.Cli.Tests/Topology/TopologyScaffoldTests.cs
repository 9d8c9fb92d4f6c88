namespace SignalFidelity.Cli.Tests.Topology;

/// <summary>
/// `sigfid topology scaffold` on the inputs the audit reads: which fields it writes and who owns them, and
/// bad input refused with exit 2. The scaffolded project's real build is ScaffoldedTopologyBuildTests (EndToEnd).
/// </summary>
public sealed class TopologyScaffoldTests
{
    private static string Fixture(string file) => Path.Combine(Repository.Root, "tests", "SignalFidelity.Cli.Tests", "Audit", "Fixtures", file);

    [Fact]
    public void A_HubSpot_export_gets_one_field_per_custom_property_owned_by_the_usual_split()
    {
        using var folder = new TempFolder();
        var (exitCode, output, error) = CliRun.Topology("scaffold", "--root", Repository.Root, "--crm", "hubspot",
            "--crm-profiles", Fixture("NativeExports/hubspot_contacts_internal.csv"), "--out", folder.File("t"));

        Assert.True(exitCode == 0, error);
        Assert.Contains("0 contested properties", output);
        var customer = File.ReadAllText(folder.File("t/Customer.cs"));
        // Roll-ups flow from Shopify; engagement and other custom properties stay the CRM's.
        Assert.Contains("[OwnedBy(SyncSystem.Shopify), FlowsTo(SyncSystem.HubSpot, \"total_spent\")]", customer);
        Assert.Contains("[OwnedBy(SyncSystem.Shopify), FlowsTo(SyncSystem.HubSpot, \"last_order_date\")]", customer);
        Assert.Contains("[OwnedBy(SyncSystem.HubSpot, Property = \"primary_tag\")]", customer);
        Assert.Contains("[OwnedBy(SyncSystem.HubSpot, Property = \"loyalty_tier\")]", customer);
        // HubSpot's own columns are not the topology's to declare.
        Assert.DoesNotContain("\"lifecyclestage\"", customer);
        Assert.DoesNotContain("\"hs_object_id\"", customer);
        Assert.DoesNotContain("[assembly: ExternalWriter", File.ReadAllText(folder.File("t/ExternalWriters.cs")));
        Assert.Contains(Repository.Root, File.ReadAllText(folder.File("t/SignalFidelity.Topology.csproj")));
    }

    [Fact]
    public void A_missing_export_is_refused_naming_the_option()
    {
        using var folder = new TempFolder();
        var (exitCode, _, error) = CliRun.Topology("scaffold", "--crm", "klaviyo", "--crm-profiles", folder.File("none.csv"), "--out", folder.File("t"));

        Assert.Equal(2, exitCode);
        Assert.Contains("--crm-profiles", error);
        Assert.False(Directory.Exists(folder.File("t")));
    }

    [Fact]
    public void An_out_folder_holding_a_topology_is_not_overwritten()
    {
        using var folder = new TempFolder();
        string[] args = ["scaffold", "--crm", "klaviyo", "--crm-profiles", Fixture("klaviyo_profiles.csv"), "--writers", Fixture("writers.csv"), "--out", folder.Path];
        Assert.Equal(0, CliRun.Topology(args).ExitCode);
        File.WriteAllText(folder.File("Customer.cs"), "// edited by the team");

        var (exitCode, _, error) = CliRun.Topology(args);

        Assert.Equal(2, exitCode);
        Assert.Contains("already holds a topology project", error);
        Assert.Equal("// edited by the team", File.ReadAllText(folder.File("Customer.cs")));
    }
}
