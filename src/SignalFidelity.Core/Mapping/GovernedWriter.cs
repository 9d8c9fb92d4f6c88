namespace SignalFidelity.Core.Mapping;

/// <summary>
/// How the governed worker names itself to the CRMs (its <c>User-Agent</c>), and so how an observed-writers
/// inventory built from the CRM's change history or API logs names it. The audit reads that name as the
/// topology's own flows: its writes are the declared writer, never a second one that makes a field contested.
/// </summary>
public static class GovernedWriter
{
    /// <summary>The product name, as an inventory lists the writer.</summary>
    public const string Name = "SignalFidelity";

    /// <summary>The <c>User-Agent</c> the worker's CRM clients send: the name as the product token.</summary>
    public const string UserAgent = Name + "/1.0 (topology-governed worker)";

    /// <summary>True when an inventory's writer is the governed worker: its name, or a user agent with it as the product token.</summary>
    public static bool Is(string writer)
    {
        var token = writer.AsSpan().Trim();
        var slash = token.IndexOfAny('/', ' ');
        if (slash >= 0) token = token[..slash];
        return token.Equals(Name, StringComparison.OrdinalIgnoreCase);
    }
}
