using BenchmarkDotNet.Running;

// Run one suite with: dotnet run -c Release --project benchmarks/SignalFidelity.Benchmarks -- --filter '*Name*'
// Sustained webhook intake (req/s, p99): dotnet run -c Release --project benchmarks/SignalFidelity.Benchmarks -- intake-load [seconds] [concurrency]
if (args is ["intake-load", ..])
{
    return await SignalFidelity.Benchmarks.Worker.IntakeLoad.RunAsync(args);
}

// One timed audit run with CPU time and GC counts (a quick profile): ... -- audit-once [runs]
if (args is ["audit-once", ..])
{
    return SignalFidelity.Benchmarks.Audit.AuditOnce.Run(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
