using System.Globalization;
using SignalFidelity.Core.Csv;
using SignalFidelity.Topology;

namespace SignalFidelity.Cli.Audit;

/// <summary>The <see cref="Customer"/> properties the audit can read from an export cell.</summary>
internal enum CustomerField
{
    TotalSpent, RefundedTotal, OrderCount, NpsScore, LastOrderDate, FirstOrderDate, PredictedChurn,
    PrimaryTag, LastOrderPaymentStatus, EmailSubscriptionState, FirstName, LastName,
}

/// <summary>
/// A customer being read from one export row: values are parsed into this struct and the record is
/// built once (a million rows: one allocation per row, not one per field).
/// </summary>
internal struct CustomerDraft
{
    public decimal TotalSpent, RefundedTotal;
    public int OrderCount;
    public int? NpsScore;
    public DateTimeOffset? LastOrderDate, FirstOrderDate;
    public double? PredictedChurn;
    public string? PrimaryTag, LastOrderPaymentStatus, EmailSubscriptionState, FirstName, LastName;

    public readonly Customer Build() => new()
    {
        TotalSpent = TotalSpent, RefundedTotal = RefundedTotal, OrderCount = OrderCount, NpsScore = NpsScore,
        LastOrderDate = LastOrderDate, FirstOrderDate = FirstOrderDate, PredictedChurn = PredictedChurn,
        PrimaryTag = PrimaryTag, LastOrderPaymentStatus = LastOrderPaymentStatus,
        EmailSubscriptionState = EmailSubscriptionState, FirstName = FirstName, LastName = LastName,
    };
}

/// <summary>
/// Parses export cells into <see cref="Customer"/> fields by name. A switch, not reflection: a topology
/// field this file does not know yet is reported as "not measured" rather than silently misread.
/// </summary>
internal sealed class CustomerFields(MoneyParser money)
{
    // Not thread-safe, and need not be: the CRM and Shopify customer readers run one after the other (the order reader on the other core never builds customers).
    private readonly ValuePool _pool = new();

    /// <summary>The field named <paramref name="name"/> (a C# property of Customer), if the audit can read it.</summary>
    public static CustomerField? Find(string name) => Enum.TryParse<CustomerField>(name, ignoreCase: false, out var f) ? f : null;

    /// <summary>Sets <paramref name="field"/> from <paramref name="cell"/>; an empty cell leaves the default (0 or null).</summary>
    /// <returns>Null on success, else the problem (the caller names the column and line).</returns>
    public string? TrySet(ref CustomerDraft draft, CustomerField field, ReadOnlySpan<char> cell)
    {
        cell = cell.Trim();
        if (cell.IsEmpty) return null;
        switch (field)
        {
            case CustomerField.TotalSpent or CustomerField.RefundedTotal:
            {
                var parsed = money.Parse(cell);
                if (!parsed.Ok) return parsed.Problem;
                if (field == CustomerField.TotalSpent) draft.TotalSpent = parsed.Value; else draft.RefundedTotal = parsed.Value;
                return null;
            }
            case CustomerField.OrderCount or CustomerField.NpsScore:
            {
                if (!int.TryParse(cell, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count))
                {
                    // Some CRMs export counts as 3.0.
                    if (!decimal.TryParse(cell, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) || d != decimal.Truncate(d) || d > int.MaxValue || d < int.MinValue)
                        return $"'{cell.ToString()}' is not a whole number";
                    count = (int)d;
                }
                if (field == CustomerField.OrderCount) draft.OrderCount = count; else draft.NpsScore = count;
                return null;
            }
            case CustomerField.LastOrderDate or CustomerField.FirstOrderDate:
            {
                if (!TimestampParser.TryParse(cell, out var at, out var problem)) return problem;
                if (field == CustomerField.LastOrderDate) draft.LastOrderDate = at; else draft.FirstOrderDate = at;
                return null;
            }
            case CustomerField.PredictedChurn:
                if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var churn)) return $"'{cell.ToString()}' is not a number";
                draft.PredictedChurn = churn;
                return null;
            case CustomerField.PrimaryTag: draft.PrimaryTag = _pool.Get(cell); return null;
            case CustomerField.LastOrderPaymentStatus: draft.LastOrderPaymentStatus = _pool.Get(cell); return null;
            case CustomerField.EmailSubscriptionState: draft.EmailSubscriptionState = _pool.Get(cell); return null;
            case CustomerField.FirstName: draft.FirstName = cell.ToString(); return null;
            case CustomerField.LastName: draft.LastName = cell.ToString(); return null;
            default: return $"field {field} cannot be read from an export yet";
        }
    }

    /// <summary>Copies a field's value from <paramref name="from"/> into <paramref name="to"/>.</summary>
    public static Customer Copy(Customer to, Customer from, CustomerField field) => field switch
    {
        CustomerField.TotalSpent => to with { TotalSpent = from.TotalSpent },
        CustomerField.RefundedTotal => to with { RefundedTotal = from.RefundedTotal },
        CustomerField.OrderCount => to with { OrderCount = from.OrderCount },
        CustomerField.NpsScore => to with { NpsScore = from.NpsScore },
        CustomerField.LastOrderDate => to with { LastOrderDate = from.LastOrderDate },
        CustomerField.FirstOrderDate => to with { FirstOrderDate = from.FirstOrderDate },
        CustomerField.PredictedChurn => to with { PredictedChurn = from.PredictedChurn },
        CustomerField.PrimaryTag => to with { PrimaryTag = from.PrimaryTag },
        CustomerField.LastOrderPaymentStatus => to with { LastOrderPaymentStatus = from.LastOrderPaymentStatus },
        CustomerField.EmailSubscriptionState => to with { EmailSubscriptionState = from.EmailSubscriptionState },
        CustomerField.FirstName => to with { FirstName = from.FirstName },
        CustomerField.LastName => to with { LastName = from.LastName },
        _ => to,
    };
}
