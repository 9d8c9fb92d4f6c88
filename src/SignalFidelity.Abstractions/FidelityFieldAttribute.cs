using System;

namespace SignalFidelity
{
    /// <summary>
    /// Marks a field that record fidelity is measured on: a customer drifts when any fidelity field
    /// differs between owner and destination beyond its <see cref="DriftToleranceAttribute"/>.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
    public sealed class FidelityFieldAttribute : Attribute
    {
    }
}
