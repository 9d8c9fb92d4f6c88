using System.Data.Common;
using Dapper;

namespace SignalFidelity.Worker.Storage;

/// <summary>
/// The drifted customers of each check (migration <c>0005_drifted_customers</c>): stored with the check, in its
/// transaction, so a later check can tell a customer that drifts again ("contested at run time"). Only the last
/// <see cref="Core.Reports.RunTimeContest.Window"/> checks of a kind, CRM and shop are read, so older rows go when a check is stored.
/// </summary>
public abstract partial class RelationalWorkerStore
{
    // Well under SQLite's and PostgreSQL's parameter limits, whatever their build.
    private const int DriftedRowsPerStatement = 300;

    /// <inheritdoc />
    public async Task<IReadOnlyList<EarlierDrift>> GetDriftedInLastChecksAsync(string kind, string crm, int checks, CancellationToken cancellationToken = default)
    {
        await using var c = await OpenConnectionAsync(cancellationToken);
        var rows = await c.QueryAsync<(long check_id, long ran_at, string customer_id, string field)>(Command("""
            SELECT d.check_id, h.ran_at, d.customer_id, d.field FROM drifted_customers d JOIN check_history h ON h.id = d.check_id
            WHERE h.id IN (SELECT id FROM check_history WHERE shop = @Shop AND kind = @kind AND crm = @crm ORDER BY id DESC LIMIT @checks)
            ORDER BY d.check_id, d.customer_id, d.field
            """, new { Shop, kind, crm, checks }, null, cancellationToken));
        return rows.Select(r => new EarlierDrift(r.check_id, new DateTimeOffset(r.ran_at, TimeSpan.Zero), r.customer_id, r.field)).ToList();
    }

    private static async Task InsertDriftedFieldsAsync(DbConnection c, DbTransaction t, long checkId, IReadOnlyList<DriftedField> fields, CancellationToken cancellationToken)
    {
        foreach (var chunk in fields.DistinctBy(f => (f.CustomerId, f.Field)).Chunk(DriftedRowsPerStatement))
        {
            var rows = new MultiRow("check_id", "customer_id", "field");
            foreach (var f in chunk) rows.Add(checkId, f.CustomerId, f.Field);
            await rows.ExecuteAsync(c, t, $"INSERT INTO drifted_customers ({rows.Columns}) VALUES {rows.Values}", cancellationToken);
        }
    }

    // The next check reads the last RunTimeContest.Window checks (this one among them): the rows of older ones are never
    // read again, and a weekly check of a large shop would otherwise grow the table without end.
    private async Task PruneDriftedFieldsAsync(DbConnection c, DbTransaction t, CheckRecord check, CancellationToken cancellationToken) =>
        await c.ExecuteAsync(Command("""
            DELETE FROM drifted_customers WHERE check_id IN (
              SELECT id FROM check_history WHERE shop = @Shop AND kind = @Kind AND crm = @Crm
              AND id NOT IN (SELECT id FROM check_history WHERE shop = @Shop AND kind = @Kind AND crm = @Crm ORDER BY id DESC LIMIT @keep))
            """, new { Shop, check.Kind, check.Crm, keep = Core.Reports.RunTimeContest.Window }, t, cancellationToken));
}
