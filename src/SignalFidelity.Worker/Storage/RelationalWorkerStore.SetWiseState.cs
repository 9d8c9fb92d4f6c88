using System.Data.Common;

namespace SignalFidelity.Worker.Storage;

/// <summary>
/// The in-memory halves of the set-wise group commit: the ledger rows and the pending writes of the batch's people,
/// changed in the batch's order by the one-by-one path's rules, then written back with one statement per kind.
/// </summary>
public abstract partial class RelationalWorkerStore
{
    /// <summary>The ledger rows of the batch's people, and the stale guard applied to them.</summary>
    private sealed class LedgerSet
    {
        private readonly Dictionary<(string Customer, string Destination, string Property), Entry> _rows = [];
        private readonly string _shop;

        public LedgerSet(string shop, IEnumerable<LedgerRow> rows)
        {
            _shop = shop;
            foreach (var row in rows)
            {
                _rows[(row.customer_key, row.destination, row.property)] = new Entry(row.value_json, row.source_ts, Existed: true);
            }
        }

        /// <summary>The fields that pass the stale guard, in the order the one-by-one path passes them (superseded values included).</summary>
        public List<FieldValue> Apply(ProposedWrite write, out int refused)
        {
            refused = 0;
            var destination = write.Destination.ToString();
            var passed = new List<FieldValue>(write.Fields.Count);
            foreach (var field in write.Fields.OrderBy(f => f.Property, StringComparer.Ordinal))
            {
                var key = (write.CustomerKey, destination, field.Property);
                _rows.TryGetValue(key, out var entry);
                var ts = field.SourceTimestamp.UtcTicks;
                if (!Passes(entry, field.JsonValue, ts, write))
                {
                    refused++;
                    continue;
                }

                _rows[key] = new Entry(field.JsonValue, ts, entry?.Existed ?? false) { Changed = true };
                passed.Add(field);
                if (write.ReplacesPrevious && entry is not null && entry.Value != field.JsonValue)
                {
                    passed.Add(FieldSet.Superseded(field.Property, entry.Value, field.SourceTimestamp));
                }
            }

            return passed;
        }

        /// <summary>The ledger upsert's condition (<see cref="ApplyChangesAsync"/>), in C#.</summary>
        private static bool Passes(Entry? entry, string value, long ts, ProposedWrite write) =>
            entry is null
            || (ts > entry.Ts && (!write.OnlyChanges || !string.Equals(value, entry.Value, StringComparison.Ordinal)))
            || (ts == entry.Ts && (write.ReassertEqual || !string.Equals(value, entry.Value, StringComparison.Ordinal)));

        public async Task SaveAsync(DbConnection c, DbTransaction t, int maxParameters, CancellationToken cancellationToken)
        {
            var changed = _rows.Where(r => r.Value.Changed).ToList();
            // New rows are plain inserts: a row another replica inserted meanwhile is a unique violation, and the transaction runs again.
            foreach (var chunk in changed.Where(r => !r.Value.Existed).Chunk(MultiRow.RowsPerStatement(maxParameters, 6)))
            {
                var rows = new MultiRow("shop", "customer_key", "destination", "property", "value_json", "source_ts");
                foreach (var (key, entry) in chunk)
                {
                    rows.Add(_shop, key.Customer, key.Destination, key.Property, entry.Value, entry.Ts);
                }

                await rows.ExecuteAsync(c, t, $"INSERT INTO ledger ({rows.Columns}) VALUES {rows.Values}", cancellationToken);
            }

            foreach (var chunk in changed.Where(r => r.Value.Existed).Chunk(MultiRow.RowsPerStatement(maxParameters, 6)))
            {
                var rows = new MultiRow("shop", "customer_key", "destination", "property", "value_json", "source_ts");
                foreach (var (key, entry) in chunk)
                {
                    rows.Add(_shop, key.Customer, key.Destination, key.Property, entry.Value, entry.Ts);
                }

                // VALUES columns are column1, column2... in both engines.
                await rows.ExecuteAsync(c, t,
                    $"""
                    UPDATE ledger SET value_json = v.column5, source_ts = v.column6
                    FROM (VALUES {rows.Values}) AS v
                    WHERE ledger.shop = v.column1 AND ledger.customer_key = v.column2 AND ledger.destination = v.column3 AND ledger.property = v.column4
                    """,
                    cancellationToken);
            }
        }

        private sealed record Entry(string Value, long Ts, bool Existed)
        {
            public bool Changed { get; init; }
        }
    }

    /// <summary>The pending writes of the batch's people, and the fold of accepted fields into them.</summary>
    private sealed class PendingFold
    {
        private readonly Dictionary<(string Customer, string Destination), Slot> _slots = [];
        private readonly string _shop;

        public PendingFold(string shop, IEnumerable<WriteRow> pending)
        {
            _shop = shop;
            foreach (var row in pending)
            {
                _slots[(row.customer_key, row.destination)] = new Slot(row.id, row.operation, FieldSet.Decode(row.fields));
            }
        }

        /// <summary>As <see cref="EnqueueAsync"/> for an upsert: merged into the pending write, or a new one; nothing while a delete waits.</summary>
        public void Add(string customer, string destination, IReadOnlyList<FieldValue> fields)
        {
            if (!_slots.TryGetValue((customer, destination), out var slot))
            {
                _slots[(customer, destination)] = new Slot(null, nameof(WriteOperation.Upsert), fields) { Changed = true };
                return;
            }

            if (slot.Operation == nameof(WriteOperation.Delete))
            {
                return; // the person is being erased; nothing may be written for them before the delete lands
            }

            slot.Fields = FieldSet.Merge(slot.Fields, fields);
            slot.Operation = Combined(slot.Operation, nameof(WriteOperation.Upsert));
            slot.Changed = true;
        }

        public async Task SaveAsync(DbConnection c, DbTransaction t, long now, int maxParameters, CancellationToken cancellationToken)
        {
            var changed = _slots.Where(s => s.Value.Changed).ToList();
            foreach (var chunk in changed.Where(s => s.Value.Id is null).Chunk(MultiRow.RowsPerStatement(maxParameters, 9)))
            {
                var rows = new MultiRow("shop", "customer_key", "destination", "operation", "fields", "status", "attempts", "next_attempt_at", "created_at");
                foreach (var (key, slot) in chunk)
                {
                    rows.Add(_shop, key.Customer, key.Destination, slot.Operation, FieldSet.Encode(slot.Fields), "pending", 0L, now, now);
                }

                // A pending write another replica created meanwhile is a unique violation (writes_one_pending): the transaction runs again.
                await rows.ExecuteAsync(c, t, $"INSERT INTO writes ({rows.Columns}) VALUES {rows.Values}", cancellationToken);
            }

            foreach (var chunk in changed.Where(s => s.Value.Id is not null).Chunk(MultiRow.RowsPerStatement(maxParameters, 3)))
            {
                var rows = new MultiRow("id", "fields", "operation");
                foreach (var (_, slot) in chunk)
                {
                    rows.Add(slot.Id, FieldSet.Encode(slot.Fields), slot.Operation);
                }

                await rows.ExecuteAsync(c, t,
                    $"UPDATE writes SET fields = v.column2, operation = v.column3 FROM (VALUES {rows.Values}) AS v WHERE writes.id = v.column1",
                    cancellationToken);
            }
        }

        private sealed class Slot(long? id, string operation, IReadOnlyList<FieldValue> fields)
        {
            public long? Id { get; } = id;

            public string Operation { get; set; } = operation;

            public IReadOnlyList<FieldValue> Fields { get; set; } = fields;

            public bool Changed { get; set; }
        }
    }
}
