using System.Globalization;

namespace SignalFidelity.Audit.Topology;

/// <summary>
/// The semantic difference between two lock files, like `terraform plan`: what is added, removed or
/// changed in words a reviewer reads, and who must approve it.
/// </summary>
public sealed record TopologyPlan(IReadOnlyList<PlanChange> Changes, IReadOnlyList<string> Approvers)
{
    public bool HasChanges => Changes.Count > 0;

    public static TopologyPlan Between(TopologyLock from, TopologyLock to)
    {
        var changes = new List<PlanChange>();
        CompareOwner(from, to, changes);
        CompareVendorApis(from, to, changes);
        CompareEntities(from, to, changes);
        CompareFields(from, to, changes);
        CompareConsumers(from, to, changes);
        return new TopologyPlan(changes, ApproversOf(from, to));
    }

    /// <summary>The plan as text, one change a line, then the counts and the approvers.</summary>
    public string Render(string fromName, string toName)
    {
        var lines = new List<string> { $"Topology plan: {fromName} -> {toName}", string.Empty };
        if (!HasChanges)
        {
            lines.Add("No changes. The topology is the same; no approval is needed.");
            return string.Join('\n', lines) + "\n";
        }

        lines.AddRange(Changes.Select(c => $"  {Symbol(c.Kind)} {c.Subject}: {c.Detail}"));
        lines.Add(string.Empty);
        int added = Changes.Count(c => c.Kind == PlanChangeKind.Add);
        int changed = Changes.Count(c => c.Kind == PlanChangeKind.Change);
        int removed = Changes.Count(c => c.Kind == PlanChangeKind.Remove);
        lines.Add($"Plan: {added} to add, {changed} to change, {removed} to remove.");
        lines.Add(Approvers.Count == 0
            ? "Approval: no owner with a GitHub handle is declared; declare one with [assembly: TopologyOwner(...)]."
            : "Approval required from: " + string.Join(" or ", Approvers) + ".");
        return string.Join('\n', lines) + "\n";
    }

    private static string Symbol(PlanChangeKind kind) => kind switch
    {
        PlanChangeKind.Add => "+",
        PlanChangeKind.Remove => "-",
        _ => "~",
    };

    private static IReadOnlyList<string> ApproversOf(TopologyLock from, TopologyLock to)
    {
        // The new owner approves; when ownership of the topology itself moves, the old owner must agree too.
        var people = new List<string>();
        foreach (LockOwner? owner in new[] { to.Owner, from.Owner })
        {
            if (owner is null)
            {
                continue;
            }

            people.Add(Person(owner.Name, owner.GitHub, "owner"));
            if (owner.Backup is not null)
            {
                people.Add(Person(owner.Backup, owner.BackupGitHub, "backup"));
            }
        }

        return people.Distinct(StringComparer.Ordinal).ToList();
    }

    private static string Person(string name, string? handle, string role) =>
        handle is null ? $"{name} ({role})" : $"{name} {handle} ({role})";

    private static void CompareOwner(TopologyLock from, TopologyLock to, List<PlanChange> changes)
    {
        if (from.Owner != to.Owner)
        {
            changes.Add(new PlanChange(PlanChangeKind.Change, "owner", $"{Describe(from.Owner)} -> {Describe(to.Owner)}"));
        }

        static string Describe(LockOwner? o) => o is null ? "none" : $"{o.Name} {o.GitHub}, backup {o.Backup ?? "none"} {o.BackupGitHub}".Trim();
    }

    private static void CompareVendorApis(TopologyLock from, TopologyLock to, List<PlanChange> changes)
    {
        var old = from.VendorApis.ToDictionary(v => v.System, v => v.Version, StringComparer.Ordinal);
        var @new = to.VendorApis.ToDictionary(v => v.System, v => v.Version, StringComparer.Ordinal);
        foreach (var (system, version) in @new)
        {
            if (!old.TryGetValue(system, out var previous))
            {
                changes.Add(new PlanChange(PlanChangeKind.Add, $"vendor API {system}", $"pinned to {version}"));
            }
            else if (previous != version)
            {
                changes.Add(new PlanChange(PlanChangeKind.Change, $"vendor API {system}", $"{previous} -> {version}"));
            }
        }

        foreach (var system in old.Keys.Where(s => !@new.ContainsKey(s)))
        {
            changes.Add(new PlanChange(PlanChangeKind.Remove, $"vendor API {system}", "no longer pinned"));
        }
    }

    private static void CompareEntities(TopologyLock from, TopologyLock to, List<PlanChange> changes)
    {
        var old = from.Entities.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        var @new = to.Entities.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        changes.AddRange(to.Entities.Where(e => !old.Contains(e.Name))
            .Select(e => new PlanChange(PlanChangeKind.Add, $"entity {e.Name}", $"{e.Fields.Count} fields")));
        changes.AddRange(from.Entities.Where(e => !@new.Contains(e.Name))
            .Select(e => new PlanChange(PlanChangeKind.Remove, $"entity {e.Name}", $"{e.Fields.Count} fields")));
        foreach (var entity in to.Entities)
        {
            var previous = from.Entities.FirstOrDefault(e => e.Name == entity.Name);
            if (previous is not null && previous.Identity != entity.Identity)
            {
                changes.Add(new PlanChange(PlanChangeKind.Change, $"entity {entity.Name}", $"identity {previous.Identity} -> {entity.Identity}"));
            }
        }
    }

    private static void CompareFields(TopologyLock from, TopologyLock to, List<PlanChange> changes)
    {
        var old = from.AllFields().ToDictionary(x => $"{x.Entity.Name}.{x.Field.Name}", x => x.Field, StringComparer.Ordinal);
        var @new = to.AllFields().ToDictionary(x => $"{x.Entity.Name}.{x.Field.Name}", x => x.Field, StringComparer.Ordinal);
        foreach (var (key, field) in @new)
        {
            string subject = $"field {key}";
            if (!old.TryGetValue(key, out var previous))
            {
                changes.Add(new PlanChange(PlanChangeKind.Add, subject, $"owned by {field.Owner}, {Flows(field)}"));
                continue;
            }

            if (previous.Owner != field.Owner)
            {
                changes.Add(new PlanChange(PlanChangeKind.Change, subject, $"re-owned {previous.Owner} -> {field.Owner}"));
            }

            if (previous.OwnerProperty != field.OwnerProperty || previous.Why != field.Why || previous.Type != field.Type)
            {
                changes.Add(new PlanChange(PlanChangeKind.Change, subject, Details(previous, field)));
            }

            if (Flows(previous) != Flows(field))
            {
                changes.Add(new PlanChange(PlanChangeKind.Change, subject, $"{Flows(previous)} -> {Flows(field)}"));
            }

            if (previous.Fidelity != field.Fidelity || previous.Tolerance != field.Tolerance)
            {
                changes.Add(new PlanChange(PlanChangeKind.Change, subject, $"tolerance {Tolerance(previous)} -> {Tolerance(field)}"));
            }
        }

        foreach (var (key, field) in old.Where(x => !@new.ContainsKey(x.Key)))
        {
            changes.Add(new PlanChange(PlanChangeKind.Remove, $"field {key}", $"was owned by {field.Owner}, {Flows(field)}"));
        }
    }

    private static void CompareConsumers(TopologyLock from, TopologyLock to, List<PlanChange> changes)
    {
        var old = from.Consumers.ToLookup(c => (c.Topic, c.Writes));
        var @new = to.Consumers.ToLookup(c => (c.Topic, c.Writes));
        foreach (var group in @new)
        {
            string subject = $"consumer {group.Key.Topic} -> {group.Key.Writes}";
            string types = string.Join(", ", group.Select(c => c.Type));
            if (!old.Contains(group.Key))
            {
                changes.Add(new PlanChange(PlanChangeKind.Add, subject, $"handled by {types}"));
            }
            else if (string.Join(", ", old[group.Key].Select(c => c.Type)) is var previous && previous != types)
            {
                changes.Add(new PlanChange(PlanChangeKind.Change, subject, $"handler {previous} -> {types}"));
            }
        }

        foreach (var group in old.Where(g => !@new.Contains(g.Key)))
        {
            changes.Add(new PlanChange(PlanChangeKind.Remove, $"consumer {group.Key.Topic} -> {group.Key.Writes}",
                $"was handled by {string.Join(", ", group.Select(c => c.Type))}"));
        }
    }

    private static string Flows(LockField field) => field.Flows.Count == 0
        ? "flows nowhere"
        : "flows to " + string.Join(", ", field.Flows.Select(f => $"{f.To}.{f.Property}"));

    private static string Tolerance(LockField field)
    {
        if (!field.Fidelity)
        {
            return "not checked";
        }

        if (field.Tolerance is not { } t)
        {
            return "exact";
        }

        var parts = new List<string>();
        if (t.Hours != 0) parts.Add($"{PlainWords.Number(t.Hours)} hours");
        if (t.Count != 0) parts.Add($"{t.Count.ToString(CultureInfo.InvariantCulture)} {(t.Count == 1 ? "order" : "orders")}");
        if (t.Amount != 0) parts.Add($"{PlainWords.Number(t.Amount)} in money");
        return parts.Count == 0 ? "exact" : string.Join(", ", parts);
    }

    private static string Details(LockField previous, LockField field)
    {
        var parts = new List<string>();
        if (previous.Type != field.Type) parts.Add($"type {previous.Type} -> {field.Type}");
        if (previous.OwnerProperty != field.OwnerProperty) parts.Add($"name in owner {previous.OwnerProperty ?? "none"} -> {field.OwnerProperty ?? "none"}");
        if (previous.Why != field.Why) parts.Add($"why \"{previous.Why}\" -> \"{field.Why}\"");
        return string.Join("; ", parts);
    }
}

public enum PlanChangeKind
{
    Add,
    Change,
    Remove,
}

/// <summary>One line of a plan.</summary>
public sealed record PlanChange(PlanChangeKind Kind, string Subject, string Detail);
