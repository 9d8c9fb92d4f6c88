using SignalFidelity.Runtime;
using SignalFidelity.Sandbox.Naive;
using SignalFidelity.Worker.Intake;

namespace SignalFidelity.Cli.Demo.Weeks;

/// <summary>
/// The field the loyalty app overwrites in the demo's weeks, chosen from the topology, never named in code: the first
/// fidelity field Shopify owns that flows to the CRM (so the weekly check measures it and the heal re-sends it) and
/// whose kind the app's cache can hold a wrong value of.
/// </summary>
/// <param name="Field">The topology's field name.</param>
/// <param name="Property">The CRM property it flows to, as the manifest names it.</param>
/// <param name="Kind">How its value is read, which decides what the app writes.</param>
public sealed record OverwrittenField(string Field, string Property, FieldValueKind Kind)
{
    /// <summary>The field for <paramref name="crm"/>.</summary>
    /// <exception cref="InvalidOperationException">The topology has no such field: the demo's weeks cannot be told on it.</exception>
    public static OverwrittenField For(SyncSystem crm)
    {
        foreach (var field in CustomerManifest.Entity.Fields)
        {
            if (!field.IsFidelityField || field.Owner != SyncSystem.Shopify || !LoyaltyAppWriter.CanWrite(field.Kind)) continue;
            if (field.Flows.FirstOrDefault(f => f.Destination == crm) is { } flow) return new OverwrittenField(field.Name, flow.Property, field.Kind);
        }
        throw new InvalidOperationException($"the topology has no fidelity field owned by Shopify that flows to {crm}: the demo's weeks need one for the loyalty app to overwrite.");
    }
}
