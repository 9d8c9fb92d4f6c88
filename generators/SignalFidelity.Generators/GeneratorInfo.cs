namespace SignalFidelity.Generators
{
    /// <summary>Identity written into [GeneratedCode]; a constant so snapshots do not change with build numbers.</summary>
    internal static class GeneratorInfo
    {
        public const string Version = "1.0.0";
    }
}
