using System.Text;

namespace SignalFidelity.Audit.Topology;

/// <summary>
/// docs/topology.md: the one page an operator reads in five minutes. Who is accountable, which system
/// owns each customer field and why, what each Shopify event updates, how much difference is tolerated,
/// and a diagram of the flows. Written from the lock so the page and the lock file cannot disagree.
/// </summary>
public static class TopologyDocument
{
    public static string Render(TopologyLock topology)
    {
        var md = new StringBuilder();
        void Line(string text = "") => md.Append(text).Append('\n');

        Line("# Customer data topology");
        Line();
        Line("> Written by `sigfid topology doc` from the compiled topology in `topology/`. Do not edit this page:");
        Line("> change `topology/` and rerun the command. CI fails when this page is out of date.");
        Line();
        Line("Every customer field has exactly **one owner**: the only system allowed to write it. Values are copied");
        Line("outward from the owner and never back, so two systems can never fight over a field. Shopify owns what");
        Line("customers bought and paid; the CRM owns what marketing learns about them.");
        Line();

        WriteGlance(topology, Line);
        WriteOwner(topology, Line);
        foreach (LockEntity entity in topology.Entities)
        {
            WriteEntity(entity, Line);
        }

        WriteRouting(topology, Line);
        WriteExternalWriters(topology, Line);
        WriteTolerances(topology, Line);
        WriteDiagram(topology, Line);
        return md.ToString();
    }

    private static void WriteGlance(TopologyLock topology, Action<string> line)
    {
        var fields = topology.AllFields().Select(x => x.Field).ToList();
        var byOwner = fields.GroupBy(f => f.Owner).OrderBy(g => g.Key == "Shopify" ? 0 : 1).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Count()} owned by {g.Key}");
        line("**At a glance:** " +
            $"{fields.Count} fields ({string.Join(", ", byOwner)}); " +
            $"{topology.Consumers.Count} Shopify events handled; " +
            $"{fields.Count(f => f.Fidelity)} fields checked for drift every week.");
        line("");
    }

    private static void WriteOwner(TopologyLock topology, Action<string> line)
    {
        line("## Who is responsible");
        line("");
        if (topology.Owner is not { } owner)
        {
            line("**No owner is declared.** Add `[assembly: TopologyOwner(...)]` to `topology/`.");
            line("");
            return;
        }

        line("| Role | Name | Email | GitHub |");
        line("|---|---|---|---|");
        line($"| Owner | {Cell(owner.Name)} | {Cell(owner.Email)} | {Cell(owner.GitHub)} |");
        line($"| Backup | {Cell(owner.Backup)} | {Cell(owner.BackupEmail)} | {Cell(owner.BackupGitHub)} |");
        line("");
        line("Any change to field ownership, flows or webhook handling needs the review of one of them (enforced by");
        line("`.github/CODEOWNERS`). Ask the owner for new fields; vendor API upgrades are reviewed the same way.");
        line("");
        if (topology.VendorApis.Count > 0)
        {
            line("Vendor API versions this topology is written against: " +
                string.Join(", ", topology.VendorApis.Select(v => $"{v.System} `{v.Version}`")) + ".");
            line("");
        }
    }

    private static void WriteEntity(LockEntity entity, Action<string> line)
    {
        string title = PlainWords.FieldName(entity.Type[(entity.Type.LastIndexOf('.') + 1)..]);
        line($"## {title} fields");
        line("");
        line($"A {entity.Name} is the same person in every system when {PlainWords.Identity(entity.Identity)}.");
        line("");

        var shopify = entity.Fields.Where(f => f.Owner == "Shopify").ToList();
        var crm = entity.Fields.Where(f => f.Owner != "Shopify").ToList();
        if (shopify.Count > 0)
        {
            line("### Owned by Shopify");
            line("");
            line("Shopify records these at checkout and on orders, so Shopify is their source of truth.");
            line("");
            WriteFieldTable(shopify, line);
            WriteLookups(shopify, line);
        }

        if (crm.Count > 0)
        {
            line("### Owned by the CRM");
            line("");
            line("Marketing learns these in the CRM, so the CRM is their source of truth.");
            line("");
            WriteFieldTable(crm, line);
        }
    }

    /// <summary>
    /// The fields an event names by reference only (<c>ResolveThrough</c>): where the value really comes from, and what
    /// happens when Shopify cannot be asked, said once so nobody expects the event's own time to stand in for it.
    /// </summary>
    private static void WriteLookups(IReadOnlyList<LockField> fields, Action<string> line)
    {
        var resolved = fields
            .SelectMany(f => (f.FromWebhooks ?? []).Where(w => w.ResolveThrough is not null).Select(w => (Field: f, Source: w)))
            .ToList();
        if (resolved.Count == 0)
        {
            return;
        }

        line("Looked up in Shopify: an event names these by id only, so each id is read once from Shopify's Admin API. If");
        line("Shopify cannot answer, the event's other fields are still copied and this one waits for the next reconciliation.");
        line("");
        foreach (var (field, source) in resolved)
        {
            line($"- {PlainWords.FieldName(field.Name)}: `{source.Topic}` names `{source.Path}`; the value is `{source.ResolveThrough}`.");
        }

        line("");
    }

    private static void WriteFieldTable(IReadOnlyList<LockField> fields, Action<string> line)
    {
        // A column only when some field fills it: its own reason (the section's sentence covers the rest), its
        // <summary> (a topology written without XML comments gets no empty column).
        bool withMeaning = fields.Any(f => !string.IsNullOrWhiteSpace(f.Summary));
        bool withReason = fields.Any(f => !string.IsNullOrWhiteSpace(f.Why));
        var headers = new List<string> { "Field" };
        if (withMeaning)
        {
            headers.Add("What it is");
        }

        headers.AddRange(["Owner (name there)", "Copied to"]);
        if (withReason)
        {
            headers.Add("Why this owner");
        }

        line("| " + string.Join(" | ", headers) + " |");
        line("|" + string.Concat(headers.Select(_ => "---|")));
        foreach (LockField field in fields)
        {
            string ownerName = field.OwnerProperty is { } p ? $"{field.Owner} (`{p}`)" : field.Owner;
            string copies = field.Flows.Count == 0
                ? "not copied"
                : string.Join(", ", field.Flows.Select(f => $"{f.To} (`{f.Property}`)"));
            string fidelity = field.Fidelity ? " ★" : string.Empty;
            var cells = new List<string> { Cell(PlainWords.FieldName(field.Name)) + fidelity };
            if (withMeaning)
            {
                cells.Add(Cell(field.Summary));
            }

            cells.AddRange([ownerName, copies]);
            if (withReason)
            {
                cells.Add(Cell(field.Why ?? "as above"));
            }

            line("| " + string.Join(" | ", cells) + " |");
        }

        line("");
        if (fields.Any(f => f.Fidelity))
        {
            line("★ checked every week for drift (see the tolerances below).");
            line("");
        }
    }

    private static void WriteRouting(TopologyLock topology, Action<string> line)
    {
        line("## What each Shopify event updates");
        line("");
        if (topology.Consumers.Count == 0)
        {
            line("No Shopify events are consumed.");
            line("");
            return;
        }

        line("Each Shopify event has exactly one handler per destination. An event not listed here is ignored and logged as unrouted.");
        line("");
        line("| Shopify event | When | Updates | Handler |");
        line("|---|---|---|---|");
        foreach (LockConsumer consumer in topology.Consumers)
        {
            string handler = consumer.Type[(consumer.Type.LastIndexOf('.') + 1)..];
            line($"| `{consumer.Topic}` | {PlainWords.TopicMeaning(consumer.Topic)} | {consumer.Writes} | `{handler}` |");
        }

        line("");
    }

    private static void WriteExternalWriters(TopologyLock topology, Action<string> line)
    {
        line("## Other writers");
        line("");
        var writers = topology.ExternalWriters ?? [];
        if (writers.Count == 0)
        {
            line("No integration outside SignalFidelity is declared as writing customer properties.");
            line("");
            return;
        }

        line("These integrations write customer properties outside SignalFidelity. The topology never copies a field");
        line("into a property listed here (the build fails if it does), so each property keeps one writer.");
        line("");
        line("| Integration | Writes in | Properties |");
        line("|---|---|---|");
        foreach (LockExternalWriter writer in writers)
        {
            line($"| {Cell(writer.Name)} | {writer.System} | {Cell(string.Join(", ", writer.Properties.Select(p => $"`{p}`")))} |");
        }

        line("");
    }

    private static void WriteTolerances(TopologyLock topology, Action<string> line)
    {
        var checkedFields = topology.AllFields().Where(x => x.Field.Fidelity).ToList();
        line("## Drift tolerances");
        line("");
        if (checkedFields.Count == 0)
        {
            line("No field is checked for drift.");
            line("");
            return;
        }

        line("A weekly sample of customers is compared between Shopify and the CRM on these fields. A customer");
        line("counts as drifted when any of them differs by more than allowed.");
        line("");
        line("| Field | Owner | Allowed difference |");
        line("|---|---|---|");
        foreach (var (_, field) in checkedFields)
        {
            line($"| {Cell(PlainWords.FieldName(field.Name))} | {field.Owner} | {PlainWords.Tolerance(field)} |");
        }

        line("");
    }

    private static void WriteDiagram(TopologyLock topology, Action<string> line)
    {
        var edges = topology.AllFields()
            .SelectMany(x => x.Field.Flows.Select(f => (From: x.Field.Owner, f.To, Field: PlainWords.FieldName(x.Field.Name))))
            .GroupBy(e => (e.From, e.To))
            .OrderBy(g => g.Key.From == "Shopify" ? 0 : 1).ThenBy(g => g.Key.From, StringComparer.Ordinal).ThenBy(g => g.Key.To, StringComparer.Ordinal)
            .ToList();
        var systems = edges.SelectMany(g => new[] { g.Key.From, g.Key.To })
            .Concat(topology.AllFields().Select(x => x.Field.Owner))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(s => s == "Shopify" ? 0 : 1).ThenBy(s => s, StringComparer.Ordinal)
            .ToList();

        line("## How values flow");
        line("");
        line("Each arrow carries the fields its source owns. Nothing flows into a field's owner.");
        line("");
        line("```mermaid");
        line("flowchart LR");
        foreach (string system in systems)
        {
            line($"    {system}[(\"{system}\")]");
        }

        foreach (var edge in edges)
        {
            // Three names a line keeps the arrow label compact enough to read next to the boxes.
            var names = edge.Select(e => e.Field).ToList();
            var rows = names.Chunk(3).Select(chunk => string.Join(", ", chunk));
            string count = names.Count == 1 ? "1 field" : $"{names.Count} fields";
            string label = $"{count}<br/>" + string.Join("<br/>", rows);
            line($"    {edge.Key.From} -->|\"{label}\"| {edge.Key.To}");
        }

        line("```");
    }

    private static string Cell(string? text) => string.IsNullOrEmpty(text) ? "—" : text.Replace("|", "\\|", StringComparison.Ordinal);
}
