namespace SignalFidelity.Worker.Tests;

/// <summary>The vendors' own sample payloads in shared/reference, found beside the repository.</summary>
public static class SharedReference
{
    public static string ShopifyWebhook(string fileName) => File.ReadAllText(Path.Combine(Root, "shopify-webhooks", fileName));

    private static string Root
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "shared", "reference");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new DirectoryNotFoundException("shared/reference not found above " + AppContext.BaseDirectory);
        }
    }
}
