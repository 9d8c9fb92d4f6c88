using System.Globalization;

namespace SignalFidelity.Sandbox.Klaviyo;

/// <summary>
/// Klaviyo's filter syntax for the fields the simulator supports: <c>equals(field,'v')</c>,
/// <c>any(field,['a','b'])</c>, <c>greater-than</c>, <c>greater-or-equal</c>, <c>less-than</c>,
/// <c>less-or-equal</c> on dates, combined with commas or <c>and(...)</c>.
/// </summary>
public sealed record KlaviyoFilterTerm(string Operator, string Field, IReadOnlyList<string> Values)
{
    public static IReadOnlyList<KlaviyoFilterTerm> Parse(string? filter)
    {
        var terms = new List<KlaviyoFilterTerm>();
        if (string.IsNullOrWhiteSpace(filter)) return terms;
        foreach (var part in SplitTopLevel(filter.Trim()))
        {
            var open = part.IndexOf('(');
            if (open <= 0 || !part.EndsWith(')')) throw new FormatException($"Invalid filter term '{part}'.");
            var op = part[..open].Trim();
            var inner = part[(open + 1)..^1];
            if (op == "and") { terms.AddRange(Parse(inner)); continue; }
            var args = SplitTopLevel(inner);
            if (args.Count != 2) throw new FormatException($"Filter '{part}' needs a field and a value.");
            var raw = args[1].Trim();
            var values = raw.StartsWith('[') ? SplitTopLevel(raw[1..^1]).Select(Unquote).ToList() : [Unquote(raw)];
            terms.Add(new KlaviyoFilterTerm(op, args[0].Trim(), values));
        }
        return terms;
    }

    public bool MatchesText(string? actual) => Operator switch
    {
        "equals" => Values.Any(v => string.Equals(v, actual, StringComparison.OrdinalIgnoreCase)),
        "any" => Values.Any(v => string.Equals(v, actual, StringComparison.OrdinalIgnoreCase)),
        _ => throw new FormatException($"Operator '{Operator}' is not allowed on '{Field}'."),
    };

    public bool MatchesDate(DateTimeOffset actual)
    {
        var bound = DateTimeOffset.Parse(Values[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        return Operator switch
        {
            "greater-than" => actual > bound,
            "greater-or-equal" => actual >= bound,
            "less-than" => actual < bound,
            "less-or-equal" => actual <= bound,
            "equals" => actual == bound,
            _ => throw new FormatException($"Operator '{Operator}' is not allowed on '{Field}'."),
        };
    }

    private static string Unquote(string s)
    {
        s = s.Trim();
        return s.Length >= 2 && (s[0] == '\'' || s[0] == '"') && s[^1] == s[0] ? s[1..^1] : s;
    }

    private static List<string> SplitTopLevel(string s)
    {
        var parts = new List<string>();
        int depth = 0, start = 0;
        char quote = '\0';
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (quote != '\0') { if (c == quote) quote = '\0'; continue; }
            if (c is '\'' or '"') quote = c;
            else if (c is '(' or '[') depth++;
            else if (c is ')' or ']') depth--;
            else if (c == ',' && depth == 0) { parts.Add(s[start..i]); start = i + 1; }
        }
        parts.Add(s[start..]);
        return parts.Where(p => p.Trim().Length > 0).Select(p => p.Trim()).ToList();
    }
}
