using System.Reflection;

namespace SignalFidelity.Worker.Storage.Migrations;

/// <summary>One numbered step of the store's schema; its SQL is <c>NNNN_name.{engine}.sql</c> next to this file, one per engine.</summary>
/// <param name="Version">The number recorded in <c>schema_version</c> once the step is applied.</param>
/// <param name="Name">The file name's tail, which says what the step does.</param>
public sealed record SchemaMigration(int Version, string Name)
{
    /// <summary>The step's SQL for one engine (<c>sqlite</c> or <c>postgres</c>), embedded in the assembly.</summary>
    public string Sql(string engine)
    {
        var resource = $"SignalFidelity.Worker.Storage.Migrations.{Version:D4}_{Name}.{engine}.sql";
        using var stream = typeof(SchemaMigration).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Migration {Version} ({Name}) has no {engine} script: add {resource} as an EmbeddedResource.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

/// <summary>
/// The one ordered list both engines migrate through. A shipped step is never edited: a schema change
/// is a new entry with the next number and a script per engine, so every database, whatever release
/// wrote it, reaches the same schema by the same steps.
/// </summary>
public static class SchemaMigrations
{
    /// <summary>Every step, oldest first, numbered 1, 2, 3... without gaps.</summary>
    public static IReadOnlyList<SchemaMigration> All { get; } =
    [
        new(1, "baseline"),
        new(2, "schedule_leases"),
        new(3, "shopify_api_versions"),
        new(4, "drift_check_history"),
        new(5, "drifted_customers"),
        new(6, "keyed_by_shop"),
    ];

    /// <summary>The version a fully migrated database records.</summary>
    public static int Latest => All[^1].Version;

    /// <summary>The embedded scripts, for the test that every one belongs to a listed step.</summary>
    internal static IEnumerable<string> EmbeddedScripts() =>
        Assembly.GetExecutingAssembly().GetManifestResourceNames().Where(n => n.EndsWith(".sql", StringComparison.Ordinal));
}
