using System.Security.Cryptography;
using System.Text;

namespace SignalFidelity.Worker.Intake;

/// <summary>Checks <c>X-Shopify-Hmac-Sha256</c>: the base64 HMAC-SHA256 of the raw body under the app secret.</summary>
public sealed class ShopifyHmac(string secret)
{
    private readonly byte[] _key = Encoding.UTF8.GetBytes(secret);

    /// <summary>True when <paramref name="headerValue"/> is the body's signature. Constant time in the signature.</summary>
    public bool IsAuthentic(ReadOnlySpan<byte> body, string? headerValue)
    {
        if (string.IsNullOrEmpty(headerValue) || headerValue.Length > 128)
        {
            return false;
        }

        Span<byte> claimed = stackalloc byte[96];
        if (!Convert.TryFromBase64String(headerValue.Trim(), claimed, out var claimedLength) || claimedLength != HMACSHA256.HashSizeInBytes)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, body, expected);
        // FixedTimeEquals: comparing byte by byte and stopping at the first difference would tell an
        // attacker, through timing, how many leading bytes of a forged signature are right.
        return CryptographicOperations.FixedTimeEquals(expected, claimed[..claimedLength]);
    }

    /// <summary>Signs a body the way Shopify does (tests, benchmarks and the sandbox's sender use it).</summary>
    public string Sign(ReadOnlySpan<byte> body) => Convert.ToBase64String(HMACSHA256.HashData(_key, body));
}
