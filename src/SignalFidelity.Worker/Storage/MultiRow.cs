using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;

namespace SignalFidelity.Worker.Storage;

/// <summary>
/// The rows of one multi-row statement (<c>INSERT ... VALUES (...), (...)</c> or <c>UPDATE ... FROM (VALUES ...)</c>)
/// as numbered parameters, typed explicitly so that PostgreSQL never has to guess a null's type. It runs on plain
/// ADO.NET, not Dapper: Dapper caches a compiled mapper per distinct SQL text, and a statement whose text changes
/// with its row count would compile (and keep) a new one for every batch size.
/// </summary>
internal sealed class MultiRow(params string[] columns)
{
    private readonly List<(string Name, object? Value)> _parameters = [];
    private readonly StringBuilder _values = new();
    private int _rows;

    /// <summary>The column list, for <c>INSERT INTO t (...)</c>.</summary>
    public string Columns { get; } = string.Join(", ", columns);

    /// <summary>The rows, <c>(@r0c0, @r0c1), (@r1c0, @r1c1)</c>.</summary>
    public string Values => _values.ToString();

    /// <summary>How many rows of <paramref name="columnCount"/> columns one statement may carry under <paramref name="maxParameters"/>.</summary>
    public static int RowsPerStatement(int maxParameters, int columnCount) => Math.Max(1, maxParameters / columnCount);

    /// <summary>Adds one row: one value per column, in the columns' order.</summary>
    public void Add(params object?[] values)
    {
        if (values.Length != columns.Length)
        {
            throw new ArgumentException($"a row of {columns.Length} columns got {values.Length} values", nameof(values));
        }

        _values.Append(_rows == 0 ? "(" : ", (");
        for (var column = 0; column < values.Length; column++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"r{_rows}c{column}");
            _parameters.Add((name, values[column]));
            _values.Append(column == 0 ? "@" : ", @").Append(name);
        }

        _values.Append(')');
        _rows++;
    }

    /// <summary>Runs the statement.</summary>
    public async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Runs the statement and reads the first column of every row it returns.</summary>
    public async Task<List<string>> QueryStringsAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var values = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private DbCommand Command(DbConnection connection, DbTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in _parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.DbType = value switch
            {
                long => DbType.Int64,
                byte[] => DbType.Binary,
                _ => DbType.String, // text, and the nulls of the nullable text columns
            };
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
