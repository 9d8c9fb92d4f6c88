namespace SignalFidelity.Runtime
{
    /// <summary>A field's drift tolerance; zero members mean exact.</summary>
    public sealed class ToleranceInfo
    {
        /// <summary>Creates the tolerance record.</summary>
        public ToleranceInfo(double hours, int count, double amount)
        {
            Hours = hours;
            Count = count;
            Amount = amount;
        }

        /// <summary>Largest difference in hours that still matches.</summary>
        public double Hours { get; }

        /// <summary>Largest difference in count that still matches.</summary>
        public int Count { get; }

        /// <summary>Largest absolute money difference that still matches.</summary>
        public double Amount { get; }
    }
}
