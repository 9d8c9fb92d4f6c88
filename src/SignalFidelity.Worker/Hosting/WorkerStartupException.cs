namespace SignalFidelity.Worker.Hosting;

/// <summary>
/// The worker cannot start because of something an operator fixes: a setting out of range, or a store that
/// cannot be opened. The message is one line naming every setting involved, so <c>sigfid worker</c> prints it
/// as it is, without a stack trace, and exits with <see cref="ExitCode"/>.
/// </summary>
public sealed class WorkerStartupException : Exception
{
    /// <summary>The exit code for configuration that is missing or out of range.</summary>
    public const int ConfigurationExitCode = 2;

    /// <summary>The exit code for a store that could not be opened within <c>SignalFidelity:Store:StartupRetry</c>.</summary>
    public const int StoreExitCode = 3;

    private WorkerStartupException(string message, int exitCode, IReadOnlyList<string> problems, Exception? inner)
        : base(message, inner) => (ExitCode, Problems) = (exitCode, problems);

    /// <summary>The process exit code <c>sigfid worker</c> ends with.</summary>
    public int ExitCode { get; }

    /// <summary>Each problem on its own, for callers that list them.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>Every configuration problem at once, so the operator fixes them in one pass.</summary>
    public static WorkerStartupException Configuration(IReadOnlyList<string> problems, Exception? inner = null) => new(
        problems.Count == 1
            ? $"invalid configuration: {problems[0]}."
            : $"invalid configuration, {problems.Count} problems: {string.Join(". ", problems)}.",
        ConfigurationExitCode,
        problems,
        inner);

    /// <summary>The store stayed unreachable for the whole startup retry.</summary>
    public static WorkerStartupException Store(string problem, Exception inner) => new(problem, StoreExitCode, [problem], inner);
}
