using System.Globalization;
using System.Text;

namespace SignalFidelity.Audit.Topology;

/// <summary>Turns code names into words a non-developer reads: TotalSpent -> "Total spent", orders/create -> "An order is placed".</summary>
public static class PlainWords
{
    /// <summary>"TotalSpent" -> "Total spent"; "NpsScore" -> "NPS score".</summary>
    public static string FieldName(string name)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            bool boundary = i > 0 && char.IsUpper(c)
                && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1])));
            if (boundary && current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }

            current.Append(c);
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        for (int i = 0; i < words.Count; i++)
        {
            string w = words[i];
            words[i] = w switch
            {
                "Nps" => "NPS",
                _ when i == 0 => w,
                _ when w.Length > 1 && w.All(char.IsUpper) => w,
                _ => w.ToLower(CultureInfo.InvariantCulture),
            };
        }

        return string.Join(' ', words);
    }

    /// <summary>What a Shopify topic means, or the topic itself when unknown.</summary>
    // The meanings live with the rest of what Shopify's topics are, in the one topic table.
    public static string TopicMeaning(string topic) => SignalFidelity.Runtime.ShopifyTopics.Find(topic)?.Meaning ?? topic;

    /// <summary>The allowed difference of a field in words.</summary>
    public static string Tolerance(LockField field)
    {
        if (field.Tolerance is { } t)
        {
            if (t.Hours > 0)
            {
                return $"up to {Number(t.Hours)} {(t.Hours == 1 ? "hour" : "hours")} apart";
            }

            if (t.Count > 0)
            {
                return $"up to {t.Count.ToString(CultureInfo.InvariantCulture)} {(t.Count == 1 ? "order" : "orders")} apart";
            }

            if (t.Amount > 0)
            {
                return $"up to {Number(t.Amount)} apart (shop currency)";
            }
        }

        return field.Type.StartsWith("string", StringComparison.Ordinal)
            ? "must match exactly (spaces at the ends ignored)"
            : "must match exactly";
    }

    /// <summary>How records of one person are matched.</summary>
    public static string Identity(string identity) => identity switch
    {
        "CanonicalEmailThenPhone" => "matched by email address (normalised), then by phone number when the email cannot be used",
        "CanonicalEmail" => "matched by email address (normalised)",
        "Phone" => "matched by phone number",
        _ => identity,
    };

    public static string Number(double value) => value.ToString("0.########", CultureInfo.InvariantCulture);
}
