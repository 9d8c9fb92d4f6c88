using BenchmarkDotNet.Running;

// Run one suite with: dotnet run -c Release --project benchmarks/SignalFidelity.Benchmarks -- --filter '*Name*'
// Sustained webhook intake (req/s, p99), SQLite then PostgreSQL with 1-3 replicas when a server is given (or SIGFID_TEST_POSTGRES):
//   dotnet run -c Release --project benchmarks/SignalFidelity.Benchmarks -- intake-load [seconds] [concurrency] [postgres-connection-string]
if (args is ["intake-load", ..])
{
    return await SignalFidelity.Benchmarks.Worker.IntakeLoad.RunAsync(args);
}

// `sigfid drift --sample all` on a sandbox shop, against the read ceiling the vendor limits allow: ... -- drift-load [customers] [runs]
if (args is ["drift-load", ..])
{
    return await SignalFidelity.Benchmarks.Worker.DriftLoad.RunAsync(args);
}
if (args is ["drift-load-sandbox", _])
{
    return await SignalFidelity.Benchmarks.Worker.DriftLoad.ServeSandboxAsync(args);
}

// One timed audit run with CPU time and GC counts (a quick profile): ... -- audit-once [runs]
if (args is ["audit-once", ..])
{
    return SignalFidelity.Benchmarks.Audit.AuditOnce.Run(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
