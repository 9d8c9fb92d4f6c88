using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SignalFidelity.Sandbox.Alerts;

/// <summary>
/// A Slack incoming webhook under <c>/slack/services/...</c>: <c>POST</c> of a JSON message, answered as Slack answers:
/// <c>200 ok</c>; <c>400 invalid_payload</c> for a body that is not JSON (api.slack.com/changelog/2016-05-17-changes-to-errors-for-incoming-webhooks);
/// <c>400 no_text</c> for one with neither <c>text</c> nor <c>blocks</c> (as Slack answered in gitlab-org/gitlab#332611);
/// <c>404 no_service</c> for a webhook URL that does not exist or was revoked. The accepted bodies are kept, as the channel would show them.
/// </summary>
public sealed class SlackWebhookSimulator
{
    public const string Prefix = "/slack";

    // The parts of the one webhook URL this workspace has, shaped like Slack's T.../B.../secret path.
    private const string ServicePath = "/services/T0SANDBOX/B0SANDBOX/sandbox-incoming-webhook";
    private readonly List<JsonObject> _messages = [];

    /// <summary>The path of the webhook URL under the sandbox's root.</summary>
    public static string WebhookPath => Prefix + ServicePath;

    /// <summary>Every message posted to the webhook so far, in order.</summary>
    public IReadOnlyList<JsonObject> Messages
    {
        get
        {
            lock (_messages) return [.. _messages.Select(m => (JsonObject)m.DeepClone())];
        }
    }

    internal void Map(IEndpointRouteBuilder app)
    {
        app.MapPost(Prefix + "/services/{**path}", async context =>
        {
            if (!string.Equals(context.Request.Path.Value, WebhookPath, StringComparison.Ordinal))
            {
                await PlainAsync(context, 404, "no_service");
                return;
            }
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            JsonObject? message;
            try
            {
                message = JsonNode.Parse(body.ToArray()) as JsonObject;
            }
            catch (JsonException)
            {
                message = null;
            }

            if (message is null)
            {
                await PlainAsync(context, 400, "invalid_payload");
                return;
            }
            if (message["text"] is null && message["blocks"] is null)
            {
                await PlainAsync(context, 400, "no_text");
                return;
            }
            lock (_messages) _messages.Add(message);
            await PlainAsync(context, 200, "ok");
        });
    }

    private static async Task PlainAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html";
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), context.RequestAborted);
    }
}
