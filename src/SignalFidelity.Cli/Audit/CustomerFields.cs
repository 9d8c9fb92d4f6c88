using SignalFidelity.Core.Csv;
using SignalFidelity.Topology;

namespace SignalFidelity.Cli.Audit;

/// <summary>
/// Parses an export cell into a <see cref="Customer"/> property by the property's name. A switch, not
/// reflection: a million rows go through it, and a topology field this file does not know yet is
/// reported as "not measured" rather than silently misread.
/// </summary>
internal sealed class CustomerFields(MoneyParser money)
{
    /// <summary>True when <paramref name="field"/> can be read from an export.</summary>
    public static bool IsKnown(string field) => field is nameof(Customer.TotalSpent) or nameof(Customer.OrderCount)
        or nameof(Customer.LastOrderDate) or nameof(Customer.PrimaryTag) or nameof(Customer.RefundedTotal)
        or nameof(Customer.FirstOrderDate) or nameof(Customer.LastOrderPaymentStatus) or nameof(Customer.EmailSubscriptionState)
        or nameof(Customer.FirstName) or nameof(Customer.LastName) or nameof(Customer.PredictedChurn) or nameof(Customer.NpsScore);

    /// <summary>Sets <paramref name="field"/> from <paramref name="cell"/>; an empty cell leaves the default (0 or null).</summary>
    /// <returns>Null on success, else the problem (the caller names the column and line).</returns>
    public string? TrySet(ref Customer customer, string field, ReadOnlySpan<char> cell)
    {
        cell = cell.Trim();
        if (cell.IsEmpty) return null;
        switch (field)
        {
            case nameof(Customer.TotalSpent) or nameof(Customer.RefundedTotal):
            {
                var parsed = money.Parse(cell);
                if (!parsed.Ok) return parsed.Problem;
                customer = field == nameof(Customer.TotalSpent) ? customer with { TotalSpent = parsed.Value } : customer with { RefundedTotal = parsed.Value };
                return null;
            }
            case nameof(Customer.OrderCount) or nameof(Customer.NpsScore):
            {
                // Some CRMs export counts as 3.0.
                if (!int.TryParse(cell, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var count))
                {
                    if (!decimal.TryParse(cell, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var d) || d != decimal.Truncate(d))
                        return $"'{cell.ToString()}' is not a whole number";
                    count = (int)d;
                }
                customer = field == nameof(Customer.OrderCount) ? customer with { OrderCount = count } : customer with { NpsScore = count };
                return null;
            }
            case nameof(Customer.LastOrderDate) or nameof(Customer.FirstOrderDate):
            {
                if (!TimestampParser.TryParse(cell, out var at, out var problem)) return problem;
                customer = field == nameof(Customer.LastOrderDate) ? customer with { LastOrderDate = at } : customer with { FirstOrderDate = at };
                return null;
            }
            case nameof(Customer.PredictedChurn):
                if (!double.TryParse(cell, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var churn))
                    return $"'{cell.ToString()}' is not a number";
                customer = customer with { PredictedChurn = churn };
                return null;
            case nameof(Customer.PrimaryTag): customer = customer with { PrimaryTag = cell.ToString() }; return null;
            case nameof(Customer.LastOrderPaymentStatus): customer = customer with { LastOrderPaymentStatus = cell.ToString() }; return null;
            case nameof(Customer.EmailSubscriptionState): customer = customer with { EmailSubscriptionState = cell.ToString() }; return null;
            case nameof(Customer.FirstName): customer = customer with { FirstName = cell.ToString() }; return null;
            case nameof(Customer.LastName): customer = customer with { LastName = cell.ToString() }; return null;
            default: return $"field {field} cannot be read from an export yet";
        }
    }

    /// <summary>Copies a field's value from <paramref name="from"/> into <paramref name="to"/>.</summary>
    public static Customer Copy(Customer to, Customer from, string field) => field switch
    {
        nameof(Customer.TotalSpent) => to with { TotalSpent = from.TotalSpent },
        nameof(Customer.RefundedTotal) => to with { RefundedTotal = from.RefundedTotal },
        nameof(Customer.OrderCount) => to with { OrderCount = from.OrderCount },
        nameof(Customer.NpsScore) => to with { NpsScore = from.NpsScore },
        nameof(Customer.LastOrderDate) => to with { LastOrderDate = from.LastOrderDate },
        nameof(Customer.FirstOrderDate) => to with { FirstOrderDate = from.FirstOrderDate },
        nameof(Customer.PredictedChurn) => to with { PredictedChurn = from.PredictedChurn },
        nameof(Customer.PrimaryTag) => to with { PrimaryTag = from.PrimaryTag },
        nameof(Customer.LastOrderPaymentStatus) => to with { LastOrderPaymentStatus = from.LastOrderPaymentStatus },
        nameof(Customer.EmailSubscriptionState) => to with { EmailSubscriptionState = from.EmailSubscriptionState },
        nameof(Customer.FirstName) => to with { FirstName = from.FirstName },
        nameof(Customer.LastName) => to with { LastName = from.LastName },
        _ => to,
    };
}
