using SignalFidelity.Runtime;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Intake;

/// <summary>
/// The compiled topology as the worker uses it: which consumer takes a topic, and which destination
/// properties a Shopify fact becomes. The generated router and mappers implement it.
/// </summary>
public interface ITopologyRuntime
{
    /// <summary>The consumers of a Shopify topic, or unrouted.</summary>
    RouteResult Route(string topic);

    /// <summary>
    /// The write of the fields <paramref name="facts"/> carries into <paramref name="destination"/>,
    /// through the generated mapper, or null when none of them flows there.
    /// </summary>
    ProposedWrite? PlanWrite(CustomerFacts facts, SyncSystem destination, bool reassertEqual = false);

    /// <summary>The destinations Shopify-owned customer fields flow to.</summary>
    IReadOnlyList<SyncSystem> ShopifyDestinations { get; }
}
