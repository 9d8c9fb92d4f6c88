using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace SignalFidelity.Worker.Alerts;

/// <summary>
/// Email through MailKit: the headline as the subject, the check's one-page HTML report as the body (a short
/// summary when the report is no HTML page, as a volume check's <c>volume.json</c>, or the file is gone), STARTTLS when <see cref="EmailAlertOptions.UseTls"/>, AUTH when a user is set.
/// </summary>
public sealed class EmailAlertChannel(EmailAlertOptions options) : IAlertChannel
{
    /// <summary>The channel's name in the outbox.</summary>
    public const string ChannelName = "email";

    /// <inheritdoc />
    public string Name => ChannelName;

    /// <inheritdoc />
    public async Task SendAsync(AlertMessage message, CancellationToken cancellationToken)
    {
        var mail = new MimeMessage { Subject = message.Headline };
        mail.From.Add(MailboxAddress.Parse(options.From ?? "signalfidelity@localhost"));
        foreach (var to in (options.To ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) mail.To.Add(MailboxAddress.Parse(to));
        var html = Path.GetExtension(message.ReportPath).Equals(".html", StringComparison.OrdinalIgnoreCase) && File.Exists(message.ReportPath)
            ? await File.ReadAllTextAsync(message.ReportPath, cancellationToken)
            : $"<h1>{Encode(message.Headline)}</h1><p>{Encode(message.Numbers)}</p><p>Report: {Encode(message.ReportPath)}</p>";
        mail.Body = new BodyBuilder { HtmlBody = html, TextBody = string.Join("\n", new[] { message.Headline, message.Numbers, message.ContestedLine, "Report: " + message.ReportPath }.OfType<string>()) }.ToMessageBody();

        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(options.Host ?? "localhost", options.Port, options.UseTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, cancellationToken);
        if (!string.IsNullOrEmpty(options.User)) await smtp.AuthenticateAsync(options.User, options.Password ?? "", cancellationToken);
        await smtp.SendAsync(mail, cancellationToken);
        await smtp.DisconnectAsync(true, cancellationToken);
    }

    private static string Encode(string text) => System.Net.WebUtility.HtmlEncode(text);
}
