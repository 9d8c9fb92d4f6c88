using System.Globalization;
using System.Reflection;
using SignalFidelity.Worker.Hosting;

namespace SignalFidelity.Worker.Tests.Hosting;

/// <summary>
/// docs/configuration.md against the options classes the worker binds: every key the binder would read has a
/// row, every row of the section names such a key, and each documented default is the code's default.
/// </summary>
public sealed class ConfigurationDocumentTests
{
    [Fact]
    public void Every_key_of_the_options_has_one_row_with_the_codes_default()
    {
        var keys = new Dictionary<string, string?>(StringComparer.Ordinal);
        Walk(WorkerOptions.Section, new WorkerOptions(), keys);
        var rows = DocumentedRows();

        Assert.Empty(keys.Keys.Except(rows.Keys).Select(k => $"no row in docs/configuration.md for {k}"));
        Assert.Empty(rows.Keys.Except(keys.Keys).Select(k => $"docs/configuration.md documents {k}, which no options class has"));
        foreach (var (key, codeDefault) in keys)
        {
            Assert.True(rows[key] == (codeDefault ?? "—"), $"{key}: documented default {rows[key]}, the code's is {codeDefault ?? "none"}");
        }

        Assert.True(keys.Count >= 30, $"only {keys.Count} keys found: the walk over the options classes is broken");
    }

    // The keys as the configuration binder reads them: nested option objects are sections, a dictionary's key is a
    // section named by the user (<shop-domain>), everything else is a value with its default.
    private static void Walk(string prefix, object options, Dictionary<string, string?> keys)
    {
        foreach (PropertyInfo property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            string key = $"{prefix}:{property.Name}";
            Type type = property.PropertyType;
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>))
            {
                Walk($"{key}:<shop-domain>", Activator.CreateInstance(type.GetGenericArguments()[1])!, keys);
            }
            else if (type.IsClass && type != typeof(string))
            {
                Walk(key, property.GetValue(options) ?? Activator.CreateInstance(type)!, keys);
            }
            else
            {
                keys.Add(key, property.GetValue(options) is { } value ? Convert.ToString(value, CultureInfo.InvariantCulture) : null);
            }
        }
    }

    private static Dictionary<string, string> DocumentedRows()
    {
        var path = Path.Combine(RepositoryRoot(), "docs", "configuration.md");
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in File.ReadLines(path).Where(l => l.StartsWith("| `" + WorkerOptions.Section + ":", StringComparison.Ordinal)))
        {
            string[] cells = line.Split('|', StringSplitOptions.TrimEntries);
            Assert.True(rows.TryAdd(cells[1].Trim('`'), cells[2].Trim('`')), $"two rows for {cells[1]} in {path}");
        }

        return rows;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SignalFidelity.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"SignalFidelity.sln not found above {AppContext.BaseDirectory}");
    }
}
