using System.Security.Cryptography;
using System.Text;

namespace SignalFidelity.Connectors.Shopify.Webhooks;

/// <summary>Shopify's webhook signature: base64 HMAC-SHA256 of the raw body under the app's client secret.</summary>
public static class ShopifyWebhookSignature
{
    public static string Compute(ReadOnlySpan<byte> rawBody, string secret) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), rawBody));

    /// <summary>Compares in constant time, so response timing reveals nothing about the expected signature.</summary>
    public static bool IsValid(ReadOnlySpan<byte> rawBody, string? header, string secret)
    {
        if (string.IsNullOrEmpty(header)) return false;
        Span<byte> given = stackalloc byte[64];
        if (!Convert.TryFromBase64String(header.Trim(), given, out var written) || written != 32) return false;
        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), rawBody, expected);
        return CryptographicOperations.FixedTimeEquals(expected, given[..written]);
    }
}
