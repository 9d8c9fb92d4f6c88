using System.Collections.Generic;

namespace SignalFidelity.Runtime
{
    /// <summary>
    /// What a generated payload reader took from one webhook body: a snapshot holding the values the topic
    /// carries and the names of the fields it carries (the others keep their defaults and must not be written).
    /// </summary>
    /// <typeparam name="T">The entity record.</typeparam>
    public sealed class WebhookRead<T>
    {
        /// <summary>Creates the read.</summary>
        public WebhookRead(T snapshot, IReadOnlyList<string> carriedFields)
        {
            Snapshot = snapshot;
            CarriedFields = carriedFields;
        }

        /// <summary>The record with the carried values set.</summary>
        public T Snapshot { get; }

        /// <summary>The C# property names the topic's body carries, in declaration order.</summary>
        public IReadOnlyList<string> CarriedFields { get; }
    }
}
