using System.Text.Json.Nodes;

namespace SignalFidelity.Worker.Alerts;

/// <summary>
/// Slack incoming webhook: <c>POST</c> of a Block Kit message (<c>text</c> as the notification fallback, then a header,
/// the numbers as section fields and the report's path in a context block), per Slack's "Sending messages using
/// incoming webhooks". Slack answers 200 <c>ok</c>; anything else is a failure the outbox retries.
/// </summary>
public sealed class SlackAlertChannel(HttpClient http, Uri webhookUrl) : IAlertChannel
{
    /// <summary>The channel's name in the outbox.</summary>
    public const string ChannelName = "slack";

    /// <inheritdoc />
    public string Name => ChannelName;

    /// <inheritdoc />
    public async Task SendAsync(AlertMessage message, CancellationToken cancellationToken)
    {
        using var content = new StringContent(Body(message).ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(webhookUrl, content, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"Slack answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
    }

    /// <summary>The Block Kit payload; the customers contested at run time, when any, in a section under the numbers.</summary>
    public static JsonObject Body(AlertMessage m)
    {
        var blocks = new JsonArray
        {
            new JsonObject { ["type"] = "header", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = HeaderText(m.Headline) } },
            new JsonObject
            {
                ["type"] = "section",
                ["fields"] = new JsonArray([.. m.Fields.Select(f => Field(f.Label, f.Value))]),
            },
        };
        if (m.ContestedLine is { } contested) blocks.Add(new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = contested } });
        blocks.Add(new JsonObject { ["type"] = "context", ["elements"] = new JsonArray { new JsonObject { ["type"] = "mrkdwn", ["text"] = "Report: `" + m.ReportPath + "`" } } });
        return new JsonObject { ["text"] = m.Headline, ["blocks"] = blocks };
    }

    // Slack refuses a header over 150 characters (Block Kit "Header block"), and a refused message would be retried for
    // ever; a long shop domain can get there, so the header is cut and the notification text keeps the whole headline.
    private const int HeaderLimit = 150;

    private static string HeaderText(string headline) => headline.Length <= HeaderLimit ? headline : headline[..(HeaderLimit - 1)] + "…";

    private static JsonObject Field(string label, string value) => new() { ["type"] = "mrkdwn", ["text"] = $"*{label}*\n{value}" };
}
