using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace SignalFidelity.Worker.Alerts;

/// <summary>
/// Email through MailKit: the headline as the subject, the check's one-page HTML report as the body (a short
/// summary when the report file is gone), STARTTLS when <see cref="EmailAlertOptions.UseTls"/>, AUTH when a user is set.
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
        var html = File.Exists(message.ReportPath)
            ? await File.ReadAllTextAsync(message.ReportPath, cancellationToken)
            : $"<p>{System.Net.WebUtility.HtmlEncode(message.Numbers)}</p><p>Report: {System.Net.WebUtility.HtmlEncode(message.ReportPath)}</p>";
        mail.Body = new BodyBuilder { HtmlBody = html, TextBody = string.Join("\n", new[] { message.Headline, message.Numbers, message.ContestedLine, "Report: " + message.ReportPath }.OfType<string>()) }.ToMessageBody();

        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(options.Host ?? "localhost", options.Port, options.UseTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, cancellationToken);
        if (!string.IsNullOrEmpty(options.User)) await smtp.AuthenticateAsync(options.User, options.Password ?? "", cancellationToken);
        await smtp.SendAsync(mail, cancellationToken);
        await smtp.DisconnectAsync(true, cancellationToken);
    }
}
