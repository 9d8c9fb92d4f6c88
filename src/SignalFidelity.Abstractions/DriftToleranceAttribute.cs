using System;

namespace SignalFidelity
{
    /// <summary>
    /// How far a destination value may differ from the owner's before it counts as drift. Set the one
    /// member that fits the field's type; a field without a tolerance must match exactly (strings after trimming).
    /// </summary>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
    public sealed class DriftToleranceAttribute : Attribute
    {
        /// <summary>For dates: the largest difference in hours that is still a match (24 allows webhook lag).</summary>
        public double Hours { get; set; }

        /// <summary>For counts: the largest difference that is still a match (1 allows one order in flight).</summary>
        public int Count { get; set; }

        /// <summary>For money: the largest absolute difference that is still a match. A double because attribute arguments cannot be decimal.</summary>
        public double Amount { get; set; }
    }
}
