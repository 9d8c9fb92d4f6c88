using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SignalFidelity.Sandbox;

namespace SignalFidelity.Worker.Tests.Pipeline;

/// <summary>What a person's Klaviyo profile holds, read the way a marketer's tool reads it: Klaviyo's Get Profiles (filter by email, JSON:API).</summary>
internal static class KlaviyoReadBack
{
    /// <summary>The custom properties of the one profile with <paramref name="email"/>.</summary>
    public static async Task<JsonElement> PropertiesAsync(SandboxHost sandbox, string email)
    {
        using var http = new HttpClient { BaseAddress = sandbox.KlaviyoBaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Klaviyo-API-Key", sandbox.KlaviyoApiKey);
        http.DefaultRequestHeaders.Add("revision", Connectors.Klaviyo.KlaviyoClient.Revision);
        http.DefaultRequestHeaders.Accept.ParseAdd("application/vnd.api+json");
        var answer = await http.GetFromJsonAsync<JsonElement>("api/profiles?filter=" + Uri.EscapeDataString($"equals(email,\"{email}\")"));
        return Assert.Single(answer.GetProperty("data").EnumerateArray().ToList()).GetProperty("attributes").GetProperty("properties").Clone();
    }
}
