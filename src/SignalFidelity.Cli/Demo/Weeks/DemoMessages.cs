using System.Text.Json.Nodes;
using MimeKit;
using SignalFidelity.Sandbox.Alerts;

namespace SignalFidelity.Cli.Demo.Weeks;

/// <summary>What a person sees of the received alerts: a Slack message's notification text, an email's subject (read by MimeKit).</summary>
public static class DemoMessages
{
    /// <summary>The <c>text</c> of each Slack message (Slack shows it in the notification; the blocks repeat it as the header).</summary>
    public static IReadOnlyList<string> SlackHeadlines(IEnumerable<JsonObject> messages) =>
        [.. messages.Select(m => (string?)m["text"] ?? "(no text)")];

    /// <summary>The subject of each received email, decoded as a mail client would.</summary>
    public static IReadOnlyList<string> Subjects(IEnumerable<SmtpReceivedMessage> messages) => [.. messages.Select(m => Parse(m).Subject ?? "(no subject)")];

    /// <summary>The received bytes as a MIME message.</summary>
    public static MimeMessage Parse(SmtpReceivedMessage message)
    {
        using var stream = new MemoryStream(message.Data, writable: false);
        return MimeMessage.Load(stream);
    }
}
