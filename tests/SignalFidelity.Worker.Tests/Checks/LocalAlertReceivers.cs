using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SignalFidelity.Worker.Tests.Checks;

/// <summary>
/// A Slack incoming-webhook stand-in: a real HttpListener on loopback that answers 200 "ok", as Slack does, and keeps the
/// bodies it accepted; with <see cref="FailWith"/> set it answers that status (Slack's 500 when it is down) and keeps nothing.
/// </summary>
internal sealed class SlackReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    public List<string> Bodies { get; } = [];
    public Uri Url { get; }

    /// <summary>A status to answer instead of 200, or null to accept.</summary>
    public int? FailWith { get; set; }

    /// <summary>Posts refused so far.</summary>
    public int Refused { get; private set; }

    public SlackReceiver(int port)
    {
        Url = new Uri($"http://127.0.0.1:{port}/services/T000/B000/XXXX/");
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(async () =>
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync(); } catch { return; }
                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                var body = await reader.ReadToEndAsync();
                var failWith = FailWith;
                lock (Bodies)
                {
                    if (failWith is null) Bodies.Add(body); else Refused++;
                }
                context.Response.StatusCode = failWith ?? 200;
                await context.Response.OutputStream.WriteAsync(failWith is null ? "ok"u8.ToArray() : "internal_error"u8.ToArray());
                context.Response.Close();
            }
        });
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}

/// <summary>A real SMTP server: Debian's python3-aiosmtpd with its Mailbox handler, delivering each message into a maildir.</summary>
internal sealed class SmtpServer : IDisposable
{
    private readonly Process _process;
    public int Port { get; private init; }
    public string Maildir { get; private init; } = "";

    private SmtpServer(Process process) => _process = process;

    public static async Task<SmtpServer> StartAsync()
    {
        const string python = "/usr/bin/python3";
        if (!File.Exists(python)) throw new InvalidOperationException("/usr/bin/python3 is missing: apt-get install -y python3-aiosmtpd");
        var port = FreePort();
        // The Mailbox handler makes the maildir (new, cur, tmp) itself, only when the folder does not exist yet.
        var maildir = Path.Combine(Directory.CreateTempSubdirectory("sigfid-mail-").FullName, "maildir");
        var start = new ProcessStartInfo(python) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", maildir }) start.ArgumentList.Add(a);
        var process = Process.Start(start)!;
        var server = new SmtpServer(process) { Port = port, Maildir = maildir };
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException("aiosmtpd did not start (apt-get install -y python3-aiosmtpd): " + await process.StandardError.ReadToEndAsync());
            try { using var probe = new TcpClient(); await probe.ConnectAsync(IPAddress.Loopback, port); return server; } catch (SocketException) { await Task.Delay(100); }
        }
        throw new TimeoutException("aiosmtpd did not listen in time");
    }

    /// <summary>The raw messages delivered so far.</summary>
    public IReadOnlyList<string> Messages() =>
        Directory.Exists(Path.Combine(Maildir, "new")) ? Directory.GetFiles(Path.Combine(Maildir, "new")).Select(File.ReadAllText).ToList() : [];

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.Dispose();
        Directory.Delete(Path.GetDirectoryName(Maildir)!, recursive: true);
    }
}
