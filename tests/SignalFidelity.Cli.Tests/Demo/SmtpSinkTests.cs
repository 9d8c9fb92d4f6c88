using System.Net.Sockets;
using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using SignalFidelity.Cli.Demo.Weeks;
using SignalFidelity.Sandbox.Alerts;
using SignalFidelity.Worker.Alerts;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Cli.Tests.Demo;

/// <summary>The demo's SMTP sink over real TCP: MailKit submits to it, and raw SMTP dialogues get RFC 5321's replies.</summary>
public sealed class SmtpSinkTests
{
    [Fact]
    public async Task MailKit_delivers_a_message_with_its_envelope_subject_and_body_intact_dot_stuffing_undone()
    {
        await using var sink = SmtpSink.Start();
        var mail = new MimeMessage { Subject = "Drift alert: Klaviyo at 8.0% (above the 5.0% alert line)" };
        mail.From.Add(MailboxAddress.Parse("signalfidelity@shop.example"));
        mail.To.Add(MailboxAddress.Parse("dana@store.example"));
        mail.To.Add(MailboxAddress.Parse("lee@store.example"));
        // A line that starts with a dot is doubled on the wire by the client; the sink must give it back single.
        const string text = "Drift 8.0%\n.hidden line that starts with a dot\n..and one with two\nend";
        mail.Body = new TextPart("plain") { Text = text };

        using (var smtp = new SmtpClient())
        {
            await smtp.ConnectAsync(SmtpSink.Host, sink.Port, SecureSocketOptions.None);
            await smtp.SendAsync(mail);
            await smtp.DisconnectAsync(true);
        }

        var received = Assert.Single(sink.Messages);
        Assert.Equal("signalfidelity@shop.example", received.From);
        Assert.Equal(["dana@store.example", "lee@store.example"], received.To);
        var parsed = DemoMessages.Parse(received);
        Assert.Equal(mail.Subject, parsed.Subject);
        Assert.Equal(text, parsed.TextBody!.ReplaceLineEndings("\n").TrimEnd('\n'));
        var raw = Encoding.ASCII.GetString(received.Data);
        Assert.Contains("\r\n.hidden line", raw, StringComparison.Ordinal);
        Assert.Contains("\r\n..and one with two", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_worker_s_email_channel_sends_its_alert_to_the_sink_with_the_report_as_the_html_body()
    {
        await using var sink = SmtpSink.Start();
        var report = Path.Combine(Directory.CreateTempSubdirectory("sigfid-sink-").FullName, "drift.html");
        await File.WriteAllTextAsync(report, "<!DOCTYPE html><html><body><h1>Drift 8.0%</h1></body></html>");
        var channel = new EmailAlertChannel(new EmailAlertOptions { Host = SmtpSink.Host, Port = sink.Port, UseTls = false, From = "sf@shop.example", To = "dana@store.example" });
        var message = new AlertMessage("drift", "Klaviyo", CheckLevel.Warning, CheckLevel.Alert, 8, 7.3, 8.8, 5000, 5000, 400, 2, 5, report, DateTimeOffset.UtcNow);

        // Two sends on two connections: the sink serves each session and keeps both.
        await channel.SendAsync(message, CancellationToken.None);
        await channel.SendAsync(message with { To = CheckLevel.Normal, DriftPercent = 0.5 }, CancellationToken.None);

        Assert.Equal([message.Headline, (message with { To = CheckLevel.Normal, DriftPercent = 0.5 }).Headline], DemoMessages.Subjects(sink.Messages));
        Assert.Contains("<h1>Drift 8.0%</h1>", DemoMessages.Parse(sink.Messages[0]).HtmlBody, StringComparison.Ordinal);
        Directory.Delete(Path.GetDirectoryName(report)!, recursive: true);
    }

    [Fact]
    public async Task Commands_out_of_sequence_are_refused_and_RSET_NOOP_and_unknown_verbs_answer_as_RFC_5321_says()
    {
        await using var sink = SmtpSink.Start();
        using var client = new TcpClient();
        await client.ConnectAsync(SmtpSink.Host, sink.Port);
        using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        Assert.StartsWith("220 ", await reader.ReadLineAsync(), StringComparison.Ordinal);

        async Task<string> Say(string line)
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(line + "\r\n"));
            string reply;
            do reply = (await reader.ReadLineAsync())!; while (reply.Length > 3 && reply[3] == '-'); // the last line of a multi-line reply
            return reply;
        }

        Assert.StartsWith("503", await Say("MAIL FROM:<a@shop.example>"), StringComparison.Ordinal); // no greeting yet
        Assert.StartsWith("250", await Say("HELO client.example"), StringComparison.Ordinal);
        Assert.StartsWith("503", await Say("RCPT TO:<b@store.example>"), StringComparison.Ordinal); // no sender yet
        Assert.StartsWith("503", await Say("DATA"), StringComparison.Ordinal);
        Assert.StartsWith("501", await Say("MAIL FROM: a@shop.example"), StringComparison.Ordinal); // no angle brackets
        Assert.StartsWith("250", await Say("MAIL FROM:<a@shop.example>"), StringComparison.Ordinal);
        Assert.StartsWith("554", await Say("DATA"), StringComparison.Ordinal); // no recipient
        Assert.StartsWith("250", await Say("RCPT TO:<b@store.example>"), StringComparison.Ordinal);
        Assert.StartsWith("250", await Say("RSET"), StringComparison.Ordinal);
        Assert.StartsWith("503", await Say("RCPT TO:<b@store.example>"), StringComparison.Ordinal); // RSET dropped the sender
        Assert.StartsWith("250", await Say("NOOP"), StringComparison.Ordinal);
        Assert.StartsWith("502", await Say("VRFY dana"), StringComparison.Ordinal);
        Assert.StartsWith("250", await Say("EHLO client.example"), StringComparison.Ordinal);
        Assert.StartsWith("250", await Say("MAIL FROM:<a@shop.example> BODY=8BITMIME"), StringComparison.Ordinal);
        Assert.StartsWith("250", await Say("RCPT TO:<b@store.example>"), StringComparison.Ordinal);
        Assert.StartsWith("354", await Say("DATA"), StringComparison.Ordinal);
        Assert.StartsWith("250", await Say("Subject: by hand\r\n\r\nhello\r\n."), StringComparison.Ordinal);
        Assert.StartsWith("221", await Say("QUIT"), StringComparison.Ordinal);

        Assert.Equal(["by hand"], DemoMessages.Subjects(sink.Messages));
    }
}
