using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Dapper;

namespace SignalFidelity.Worker.Storage;

/// <summary>
/// The rows of one multi-row statement (<c>INSERT ... VALUES (...), (...)</c> or <c>UPDATE ... FROM (VALUES ...)</c>)
/// as numbered parameters, typed explicitly so that PostgreSQL never has to guess a null's type.
/// </summary>
internal sealed class MultiRow(params string[] columns)
{
    private readonly DynamicParameters _parameters = new();
    private readonly StringBuilder _values = new();
    private int _rows;

    /// <summary>The column list, for <c>INSERT INTO t (...)</c>.</summary>
    public string Columns { get; } = string.Join(", ", columns);

    /// <summary>The rows, <c>(@r0c0, @r0c1), (@r1c0, @r1c1)</c>.</summary>
    public string Values => _values.ToString();

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
            _parameters.Add(name, values[column], TypeOf(values[column]));
            _values.Append(column == 0 ? "@" : ", @").Append(name);
        }

        _values.Append(')');
        _rows++;
    }

    /// <summary>The statement with these rows' parameters.</summary>
    public CommandDefinition Command(string sql, DbTransaction transaction, CancellationToken cancellationToken) =>
        new(sql, _parameters, transaction, cancellationToken: cancellationToken);

    private static DbType TypeOf(object? value) => value switch
    {
        long => DbType.Int64,
        byte[] => DbType.Binary,
        _ => DbType.String, // text, and the nulls of the nullable text columns
    };
}
