using System.Text.Json;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Intake;

/// <summary>
/// Shopify's mandatory compliance topics. <c>customers/redact</c> erases the person here and queues a
/// delete in each CRM; <c>customers/data_request</c> writes what the worker holds about the person to
/// a file for the merchant to send on; <c>shop/redact</c> erases every customer's data. Their bodies
/// carry personal data, so the stored delivery keeps no body.
/// </summary>
public sealed class ComplianceHandler(IWorkerStore shopStore, ITopologyRuntime topology, string dataRequestDirectory)
{
    /// <summary>The topics handled here.</summary>
    public static bool Handles(string topic) => SignalFidelity.Runtime.ShopifyTopics.Find(topic) is { IsCompliance: true } known && known.Name == topic;

    /// <summary>
    /// Carries out the request on <paramref name="shop"/>'s rows only (the same customer id in another shop is another
    /// person); throws <see cref="JsonException"/> or <see cref="FormatException"/> for an unreadable body.
    /// </summary>
    /// <returns>The person the request was about, when it names one.</returns>
    public async Task<string?> HandleAsync(string shop, string topic, byte[] body, CancellationToken cancellationToken)
    {
        var store = shopStore.ForShop(shop);
        switch (topic)
        {
            case "customers/redact":
            {
                var person = ShopifyPayloadReader.ReadComplianceCustomer(body);
                var deletes = topology.ShopifyDestinations
                    .Select(destination => new ProposedWrite(person.CustomerKey, destination, WriteOperation.Delete, Identifiers(person)))
                    .ToList();
                await store.RedactCustomerAsync(person.CustomerKey, deletes, cancellationToken);
                return person.CustomerKey;
            }

            case "customers/data_request":
            {
                var person = ShopifyPayloadReader.ReadComplianceCustomer(body);
                using var document = JsonDocument.Parse(body);
                var requestId = document.RootElement.TryGetProperty("data_request", out var request) && request.TryGetProperty("id", out var id)
                    ? id.GetRawText()
                    : "unknown";
                var held = new Dictionary<string, Dictionary<string, JsonElement>>();
                foreach (var destination in topology.ShopifyDestinations)
                {
                    var values = await store.GetLedgerAsync(person.CustomerKey, destination, cancellationToken);
                    held[destination.ToString()] = values.ToDictionary(v => v.Property, v => JsonDocument.Parse(v.JsonValue).RootElement.Clone());
                }

                var tags = (await store.GetTagsAsync(person.CustomerKey, cancellationToken)).Where(t => t.Present).Select(t => t.Tag).ToList();
                Directory.CreateDirectory(dataRequestDirectory);
                var file = Path.Combine(dataRequestDirectory, $"data-request-{SafeName(requestId)}.json");
                await File.WriteAllTextAsync(
                    file,
                    JsonSerializer.Serialize(new { customer = person.CustomerKey, requestId, heldPerDestination = held, shopifyTags = tags }, new JsonSerializerOptions { WriteIndented = true }),
                    cancellationToken);
                return person.CustomerKey;
            }

            case "shop/redact":
                await store.RedactShopAsync(cancellationToken);
                return null;

            default:
                throw new ArgumentOutOfRangeException(nameof(topic), topic, "not a compliance topic");
        }
    }

    private static List<FieldValue> Identifiers(CustomerIdentity person)
    {
        var at = DateTimeOffset.UnixEpoch;
        var fields = new List<FieldValue>();
        if (person.Email is not null)
        {
            fields.Add(new FieldValue("email", JsonSerializer.Serialize(person.Email), at));
        }

        if (person.Phone is not null)
        {
            fields.Add(new FieldValue("phone_number", JsonSerializer.Serialize(person.Phone), at));
        }

        return fields;
    }

    private static string SafeName(string value) => string.Concat(value.Where(char.IsAsciiLetterOrDigit));
}
