using Refit;

namespace SignalFidelity.Connectors.Resilience;

internal static class ApiResponseExtensions
{
    /// <summary>The HTTP status, or 0 when no answer arrived at all.</summary>
    public static int Status(this IApiResponse response) => response.StatusCode is { } s ? (int)s : 0;

    public static string? ErrorContent(this IApiResponse response) => (response.Error as ApiException)?.Content;
}
