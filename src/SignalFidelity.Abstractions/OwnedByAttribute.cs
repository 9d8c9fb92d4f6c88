using System;

namespace SignalFidelity
{
    /// <summary>
    /// Names the one system allowed to write a field: its source of truth. A second
    /// <c>OwnedBy</c> on the same field is allowed by the compiler so that rule SF0001 can explain it.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = true, Inherited = false)]
    public sealed class OwnedByAttribute : Attribute
    {
        /// <summary>Declares the owning system of a field.</summary>
        /// <param name="system">The system that writes this field; every other system only reads it.</param>
        public OwnedByAttribute(SyncSystem system) => System = system;

        /// <summary>The system that writes this field.</summary>
        public SyncSystem System { get; }

        /// <summary>
        /// The field's name inside its owner, for example <c>primary_tag</c> for a Klaviyo custom property.
        /// May be left out where the owner's field is well known (Shopify's <c>amountSpent</c>); required
        /// for custom CRM properties.
        /// </summary>
        public string? Property { get; set; }

        /// <summary>Why this system owns the field, shown in the topology document and required by SF0006 for unusual owners.</summary>
        public string? Why { get; set; }
    }
}
