using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SignalFidelity.Sandbox.Alerts;

/// <summary>One message the sink accepted: the envelope (MAIL FROM, RCPT TO) and the DATA as sent, dot-stuffing undone.</summary>
public sealed record SmtpReceivedMessage(string From, IReadOnlyList<string> To, byte[] Data, DateTimeOffset ReceivedAt);

/// <summary>
/// A local SMTP server that keeps what it receives instead of relaying it, so the demo can show the email an alert sent
/// without a mail server on the user's machine (and without Python). It speaks the RFC 5321 subset a submission client
/// needs in plain text: HELO/EHLO, MAIL, RCPT, DATA (ended by a lone dot, leading dots unstuffed), RSET, NOOP, QUIT, and
/// refuses commands out of sequence with 503 and unknown ones with 502. No TLS and no AUTH: the client must use neither
/// (<c>SignalFidelity:Alerts:Email:UseTls=false</c>, no user).
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    // RFC 5321 4.5.3.1.6: a text line is at most 1000 octets with its CRLF; a longer one is refused, never buffered forever.
    private const int MaxLineBytes = 1000;
    private const int MaxMessageBytes = 16 * 1024 * 1024;
    private const string Domain = "sandbox.localhost";
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<SmtpReceivedMessage> _messages = [];
    private readonly List<Task> _sessions = [];
    private readonly Task _accepting;

    private SmtpSink(TcpListener listener)
    {
        _listener = listener;
        _accepting = Task.Run(AcceptAsync);
    }

    /// <summary>The port on 127.0.0.1 it listens on.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The host to give a client.</summary>
    public static string Host => IPAddress.Loopback.ToString();

    /// <summary>Every message accepted so far, in order.</summary>
    public IReadOnlyList<SmtpReceivedMessage> Messages
    {
        get
        {
            lock (_messages) return [.. _messages];
        }
    }

    /// <summary>Starts listening on 127.0.0.1 (<paramref name="port"/> 0 picks a free one).</summary>
    public static SmtpSink Start(int port = 0)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        return new SmtpSink(listener);
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (_sessions) _sessions.Add(Task.Run(() => ServeAsync(client)));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var lines = new SmtpLineReader(stream, MaxLineBytes);
            try
            {
                await new SmtpSession(lines, stream, Accept, _stop.Token).RunAsync();
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The client went away (or the sink is stopping): nothing half-received is kept.
            }
        }
    }

    private void Accept(SmtpReceivedMessage message)
    {
        lock (_messages) _messages.Add(message);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        Task[] sessions;
        lock (_sessions) sessions = [.. _sessions];
        await Task.WhenAll(sessions);
        _listener.Dispose();
        _stop.Dispose();
    }

    /// <summary>One connection's dialogue: the envelope it builds and the replies, per RFC 5321 section 4.</summary>
    private sealed class SmtpSession(SmtpLineReader lines, Stream stream, Action<SmtpReceivedMessage> accept, CancellationToken stop)
    {
        private bool _greeted;
        private string? _from;
        private readonly List<string> _to = [];

        public async Task RunAsync()
        {
            await ReplyAsync($"220 {Domain} SignalFidelity sandbox SMTP sink ready");
            while (await lines.ReadLineAsync(stop) is { } bytes)
            {
                var line = Encoding.ASCII.GetString(bytes);
                var verb = (line.Length >= 4 ? line[..4] : line).ToUpperInvariant();
                var argument = line.Length > 4 ? line[4..].Trim() : "";
                if (!await HandleAsync(verb, argument)) return;
            }
        }

        // False when the session ends (QUIT).
        private async Task<bool> HandleAsync(string verb, string argument)
        {
            switch (verb)
            {
                case "EHLO":
                    _greeted = true;
                    Reset();
                    await ReplyAsync($"250-{Domain} greets {argument}", "250-8BITMIME", string.Create(CultureInfo.InvariantCulture, $"250 SIZE {MaxMessageBytes}"));
                    return true;
                case "HELO":
                    _greeted = true;
                    Reset();
                    await ReplyAsync($"250 {Domain}");
                    return true;
                case "MAIL":
                    await ReplyAsync(!_greeted ? "503 5.5.1 Say EHLO or HELO first"
                        : _from is not null ? "503 5.5.1 Sender already given; RSET to start over"
                        : Address(argument, "FROM:") is { } from ? Set(() => _from = from, "250 2.1.0 Sender OK")
                        : "501 5.5.4 Syntax: MAIL FROM:<address>");
                    return true;
                case "RCPT":
                    await ReplyAsync(_from is null ? "503 5.5.1 Need MAIL first"
                        : Address(argument, "TO:") is { Length: > 0 } to ? Set(() => _to.Add(to), "250 2.1.5 Recipient OK")
                        : "501 5.5.4 Syntax: RCPT TO:<address>");
                    return true;
                case "DATA":
                    if (_to.Count == 0)
                    {
                        await ReplyAsync(_from is null ? "503 5.5.1 Need MAIL first" : "554 5.5.1 No valid recipients");
                        return true;
                    }
                    await ReplyAsync("354 End data with <CR><LF>.<CR><LF>");
                    var data = await ReadDataAsync();
                    if (data is null)
                    {
                        await ReplyAsync(string.Create(CultureInfo.InvariantCulture, $"552 5.3.4 Message larger than {MaxMessageBytes} bytes"));
                    }
                    else
                    {
                        accept(new SmtpReceivedMessage(_from!, [.. _to], data, DateTimeOffset.UtcNow));
                        await ReplyAsync("250 2.0.0 OK: kept by the sandbox");
                    }
                    Reset();
                    return true;
                case "RSET":
                    Reset();
                    await ReplyAsync("250 2.0.0 OK");
                    return true;
                case "NOOP":
                    await ReplyAsync("250 2.0.0 OK");
                    return true;
                case "QUIT":
                    await ReplyAsync($"221 2.0.0 {Domain} closing connection");
                    return false;
                default:
                    await ReplyAsync("502 5.5.2 Command not implemented");
                    return true;
            }
        }

        private static string Set(Action apply, string reply)
        {
            apply();
            return reply;
        }

        private void Reset()
        {
            _from = null;
            _to.Clear();
        }

        // "FROM:<a@b> BODY=8BITMIME" -> "a@b"; the null sender "<>" is allowed for MAIL (bounces), refused for RCPT by the caller.
        private static string? Address(string argument, string keyword)
        {
            if (!argument.StartsWith(keyword, StringComparison.OrdinalIgnoreCase)) return null;
            var rest = argument[keyword.Length..].TrimStart();
            var open = rest.IndexOf('<', StringComparison.Ordinal);
            var close = rest.IndexOf('>', StringComparison.Ordinal);
            return open == 0 && close > open ? rest[1..close] : null;
        }

        // Lines up to the lone dot; a leading dot the client doubled (RFC 5321 4.5.2) is taken off. Null when too large.
        private async Task<byte[]?> ReadDataAsync()
        {
            using var data = new MemoryStream();
            var tooLarge = false;
            while (await lines.ReadLineAsync(stop) is { } line)
            {
                if (line is [(byte)'.']) return tooLarge ? null : data.ToArray();
                var text = line is [(byte)'.', ..] ? line.AsSpan(1) : line;
                if (data.Length + text.Length + 2 > MaxMessageBytes) tooLarge = true;
                if (tooLarge) continue;
                data.Write(text);
                data.Write("\r\n"u8);
            }
            throw new IOException("the client closed the connection inside DATA");
        }

        private async Task ReplyAsync(params string[] replyLines)
        {
            var bytes = Encoding.ASCII.GetBytes(string.Concat(replyLines.Select(l => l + "\r\n")));
            await stream.WriteAsync(bytes, stop);
            await stream.FlushAsync(stop);
        }
    }
}
