using System.Text.Json.Nodes;

namespace SignalFidelity.Sandbox.Shopify;

/// <summary>
/// Just enough GraphQL to answer as Shopify does: the selection sets of a query document (arguments and
/// variables skipped, fragment spreads resolved), so the simulator returns exactly the fields asked for and
/// refuses a field <c>Customer</c> does not have with Shopify's own error. Not a GraphQL engine.
/// </summary>
internal sealed class GraphQlSelection
{
    private GraphQlSelection(Dictionary<string, GraphQlSelection> fields) => Fields = fields;

    /// <summary>The selected fields by name (aliases are not used by any client here), each with its own selection.</summary>
    public Dictionary<string, GraphQlSelection> Fields { get; }

    /// <summary>The selection under a path of field names (<c>customers</c>, <c>nodes</c>), or null when the document does not select it.</summary>
    public GraphQlSelection? At(params string[] path)
    {
        var at = this;
        foreach (var step in path)
        {
            if (!at.Fields.TryGetValue(step, out var next)) return null;
            at = next;
        }

        return at;
    }

    /// <summary>The operation's root selection with every fragment spread replaced by the fragment's fields.</summary>
    public static GraphQlSelection Parse(string document)
    {
        var tokens = Tokenize(document);
        var fragments = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        List<string>? operation = null;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i] == "fragment" && i + 4 < tokens.Count)
            {
                var name = tokens[i + 1];
                var body = Block(tokens, i + 4, out var end); // fragment NAME on TYPE { ... }
                fragments[name] = body;
                i = end;
            }
            else if (tokens[i] == "{" && operation is null)
            {
                operation = Block(tokens, i, out var end);
                i = end;
            }
        }

        var position = 0;
        return Read(operation ?? [], ref position, fragments, depth: 0);
    }

    /// <summary>
    /// Projects <paramref name="value"/> onto this selection: the fields asked for, nested selections applied to
    /// nested objects and arrays. A field <paramref name="value"/>'s type lacks is Shopify's <c>undefinedField</c> error.
    /// </summary>
    public JsonNode? Project(JsonNode? value, string typeName, ICollection<string> errors)
    {
        if (value is JsonArray array) return new JsonArray([.. array.Select(v => Project(v, typeName, errors))]);
        if (value is not JsonObject source || Fields.Count == 0) return value?.DeepClone();
        var result = new JsonObject();
        foreach (var (name, selection) in Fields)
        {
            if (name == "__typename") { result[name] = typeName; continue; }
            if (!source.TryGetPropertyValue(name, out var field))
            {
                errors.Add($"Field '{name}' doesn't exist on type '{typeName}'");
                continue;
            }

            result[name] = selection.Project(field, TypeOf(name), errors);
        }

        return result;
    }

    // The GraphQL Admin type of the nested objects the simulator serves, for Shopify's error text.
    private static readonly Dictionary<string, string> NestedTypes = new(StringComparer.Ordinal)
    {
        ["amountSpent"] = "MoneyV2", ["shopMoney"] = "MoneyV2", ["lastOrder"] = "Order", ["node"] = "Order",
        ["defaultEmailAddress"] = "CustomerEmailAddress", ["defaultPhoneNumber"] = "CustomerPhoneNumber",
        ["totalPriceSet"] = "MoneyBag", ["totalRefundedSet"] = "MoneyBag",
    };

    private static string TypeOf(string field) => NestedTypes.GetValueOrDefault(field, field);

    private static GraphQlSelection Read(List<string> tokens, ref int position, Dictionary<string, List<string>> fragments, int depth)
    {
        var fields = new Dictionary<string, GraphQlSelection>(StringComparer.Ordinal);
        while (position < tokens.Count)
        {
            var token = tokens[position++];
            if (token == "}") break;
            if (token == "...")
            {
                var name = position < tokens.Count ? tokens[position++] : "";
                if (depth < 16 && fragments.TryGetValue(name, out var body))
                {
                    var at = 0;
                    Merge(fields, Read(body, ref at, fragments, depth + 1));
                }

                continue;
            }

            var selection = new GraphQlSelection(new Dictionary<string, GraphQlSelection>(StringComparer.Ordinal));
            if (position < tokens.Count && tokens[position] == "(")
            {
                SkipArguments(tokens, ref position);
            }

            if (position < tokens.Count && tokens[position] == "{")
            {
                position++;
                selection = Read(tokens, ref position, fragments, depth + 1);
            }

            Merge(fields, new GraphQlSelection(new Dictionary<string, GraphQlSelection>(StringComparer.Ordinal) { [token] = selection }));
        }

        return new GraphQlSelection(fields);
    }

    // GraphQL merges a field selected twice into one with both selections.
    private static void Merge(Dictionary<string, GraphQlSelection> into, GraphQlSelection from)
    {
        foreach (var (name, selection) in from.Fields)
        {
            if (into.TryGetValue(name, out var existing)) Merge(existing.Fields, selection);
            else into[name] = selection;
        }
    }

    private static void SkipArguments(List<string> tokens, ref int position)
    {
        var depth = 0;
        do
        {
            if (tokens[position] == "(") depth++;
            else if (tokens[position] == ")") depth--;
            position++;
        }
        while (depth > 0 && position < tokens.Count);
    }

    // The tokens between the brace at start and its match, without the outer braces; end is the closing brace.
    private static List<string> Block(List<string> tokens, int start, out int end)
    {
        var depth = 0;
        for (end = start; end < tokens.Count; end++)
        {
            if (tokens[end] == "{") depth++;
            else if (tokens[end] == "}" && --depth == 0) break;
        }

        return tokens.GetRange(start + 1, Math.Max(0, Math.Min(end, tokens.Count) - start - 1)).Append("}").ToList();
    }

    private static List<string> Tokenize(string document)
    {
        var tokens = new List<string>();
        for (var i = 0; i < document.Length;)
        {
            var c = document[i];
            if (char.IsWhiteSpace(c) || c == ',') { i++; continue; }
            if (c == '#') { while (i < document.Length && document[i] != '\n') i++; continue; }
            if (c == '"')
            {
                var start = i++;
                while (i < document.Length && document[i] != '"') i += document[i] == '\\' ? 2 : 1;
                tokens.Add(document[start..Math.Min(++i, document.Length)]);
                continue;
            }

            if (c == '.' && i + 2 < document.Length && document[i + 1] == '.' && document[i + 2] == '.') { tokens.Add("..."); i += 3; continue; }
            if (char.IsLetterOrDigit(c) || c == '_' || c == '$' || c == '-')
            {
                var start = i;
                while (i < document.Length && (char.IsLetterOrDigit(document[i]) || document[i] is '_' or '$' or '-' or '.')) i++;
                tokens.Add(document[start..i]);
                continue;
            }

            tokens.Add(c.ToString());
            i++;
        }

        return tokens;
    }
}
