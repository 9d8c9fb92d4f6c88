using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SignalFidelity.Core.Mapping;
using SignalFidelity.Sandbox;
using SignalFidelity.Sandbox.Faults;
using SignalFidelity.Sandbox.Http;

namespace SignalFidelity.Cli.Demo;

/// <summary>
/// The CRM side of the demo for one CRM: its profile export as the vendor writes it, its observed-writers log,
/// its faults and its traffic. Each declares its system; <see cref="DemoCrms"/> finds it by that.
/// </summary>
internal sealed record DemoCrm(
    SyncSystem System,
    string ProfilesFile,
    Action<SandboxHost, string> WriteProfiles,
    Func<SandboxHost, PropertyWriterLog> Writers,
    Func<SandboxHost, FaultOptions> Faults,
    string TrafficPrefix,
    Action<SandboxHost, string>? WritePlacedOrders);

/// <summary>The demo's CRMs.</summary>
internal static class DemoCrms
{
    private static readonly DemoCrm[] All =
    [
        new(SyncSystem.Klaviyo, "klaviyo_profiles_export.csv", WriteKlaviyoProfiles, s => s.Klaviyo.State.Writers, s => s.Options.KlaviyoFaults, "klaviyo", WriteKlaviyoPlacedOrders),
        new(SyncSystem.HubSpot, "hubspot-crm-exports-all-contacts.csv", WriteHubSpotContacts, s => s.HubSpot.State.Writers, s => s.Options.HubSpotFaults, "hubspot", null),
    ];

    public static DemoCrm For(SyncSystem system) =>
        All.FirstOrDefault(c => c.System == system) ?? throw new ArgumentOutOfRangeException(nameof(system), system, "--crm: the demo runs on klaviyo or hubspot");

    private static readonly string[] KlaviyoStandard = ["Email", "Phone Number", "First Name", "Last Name", "Klaviyo ID", "External ID", "Profile Created On"];

    private static void WriteKlaviyoProfiles(SandboxHost sandbox, string path)
    {
        var profiles = sandbox.Klaviyo.State.Profiles;
        var propertyColumns = profiles.SelectMany(p => p.Properties.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        using var csv = new CsvWriter(path);
        csv.Row([.. KlaviyoStandard, .. propertyColumns]);
        foreach (var p in profiles)
        {
            var cells = new List<string?> { p.Email, p.PhoneNumber, p.FirstName, p.LastName, p.Id, p.ExternalId, p.Created.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) };
            cells.AddRange(propertyColumns.Select(k => p.Properties.TryGetValue(k, out var v) ? Cell(v) : ""));
            csv.Row([.. cells]);
        }
    }

    private static string Cell(JsonNode? value) => value switch
    {
        null => "",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => value.ToJsonString(),
    };

    private static void WriteKlaviyoPlacedOrders(SandboxHost sandbox, string path)
    {
        var metric = sandbox.Klaviyo.State.MetricIdByName(Core.Mapping.KlaviyoNativeIntegration.OrderMetric);
        using var csv = new CsvWriter(path);
        csv.Row("Timestamp", "Order ID");
        foreach (var e in sandbox.Klaviyo.State.Events.Where(e => e.MetricId == metric).OrderBy(e => e.Datetime))
            csv.Row(e.Datetime.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), e.UniqueId);
    }

    /// <summary>
    /// HubSpot's contact export as its UI writes it by default: headed by labels, <c>Record ID</c> first, HubSpot's
    /// own properties under their labels and custom properties under the labels their internal names were made from.
    /// </summary>
    private static void WriteHubSpotContacts(SandboxHost sandbox, string path)
    {
        var contacts = sandbox.HubSpot.State.Contacts;
        var labelOf = HubSpotContactExportColumns.InternalNames.ToDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal);
        var properties = contacts.SelectMany(c => c.Properties.Keys).Distinct(StringComparer.Ordinal)
            .Where(k => k != "hs_object_id").OrderBy(k => labelOf.ContainsKey(k) ? 0 : 1).ThenBy(k => k, StringComparer.Ordinal).ToList();
        using var csv = new CsvWriter(path);
        csv.Row(["Record ID", .. properties.Select(k => labelOf.GetValueOrDefault(k) ?? Label(k))]);
        foreach (var c in contacts)
            csv.Row([c.Id, .. properties.Select(k => c.Properties.GetValueOrDefault(k))]);
    }

    // HubSpot makes a property's internal name from the label it was created with; the label is that, in words.
    private static string Label(string internalName) =>
        string.Join(' ', internalName.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
}
