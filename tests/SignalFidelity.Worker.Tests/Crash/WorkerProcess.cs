using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SignalFidelity.Worker.Tests.Crash;

/// <summary>
/// <c>sigfid worker</c> as a real child process, configured through the environment as an operator
/// would, so a test can <c>kill -9</c> it mid-stream and start it again on the same store.
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly System.Diagnostics.Process _process;
    private readonly System.Text.StringBuilder _output = new();

    private WorkerProcess(System.Diagnostics.Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int Id => _process.Id;

    /// <summary>Everything the process printed (console logging included).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    /// <summary>The CLI built next to this test assembly's configuration (the project reference builds it first).</summary>
    public static string SigfidDll
    {
        get
        {
            // tests/SignalFidelity.Worker.Tests/bin/<Configuration>/net10.0 -> src/SignalFidelity.Cli/bin/<Configuration>/net10.0
            var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = testBin.Parent!.Name;
            var repository = testBin.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
            return Path.Combine(repository, "src", "SignalFidelity.Cli", "bin", configuration, testBin.Name, "sigfid.dll");
        }
    }

    public static async Task<WorkerProcess> StartAsync(IReadOnlyDictionary<string, string> environment, int? port = null)
    {
        var chosenPort = port ?? FreePort();
        var start = new ProcessStartInfo("dotnet", ["exec", SigfidDll, "worker", "--urls", $"http://127.0.0.1:{chosenPort}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = System.Diagnostics.Process.Start(start)!;
        var worker = new WorkerProcess(process, new Uri($"http://127.0.0.1:{chosenPort}"));
        process.OutputDataReceived += (_, e) => worker.Append(e.Data);
        process.ErrorDataReceived += (_, e) => worker.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await worker.WaitUntilHealthyAsync();
        return worker;
    }

    /// <summary>SIGSTOP: the process freezes wherever it is (inside a transaction, mid-retry) until <see cref="Resume"/>.</summary>
    public void Pause() => Signal(SigStop);

    /// <summary>SIGCONT: the frozen process carries on from where it stopped, with its clock jumped ahead.</summary>
    public void Resume() => Signal(SigCont);

    private const int SigCont = 18;
    private const int SigStop = 19;

    private void Signal(int signal)
    {
        if (Kill(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed: errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}");
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    /// <summary>SIGKILL: no shutdown hooks, no flush, exactly a crash.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"sigfid worker exited with {_process.ExitCode} ({SigfidDll})");
            }

            try
            {
                using var response = await client.GetAsync("/health");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("sigfid worker did not answer /health within 60 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
