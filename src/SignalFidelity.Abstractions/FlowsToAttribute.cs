using System;

namespace SignalFidelity
{
    /// <summary>Declares that a field's value is copied from its owner into a property of another system.</summary>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = true, Inherited = false)]
    public sealed class FlowsToAttribute : Attribute
    {
        /// <summary>Declares a flow from the field's owner to <paramref name="system"/>.</summary>
        /// <param name="system">The system that receives the value.</param>
        /// <param name="property">The property name inside the receiving system, for example <c>total_spent</c>.</param>
        public FlowsToAttribute(SyncSystem system, string property)
        {
            System = system;
            Property = property;
        }

        /// <summary>The system that receives the value.</summary>
        public SyncSystem System { get; }

        /// <summary>The property name inside the receiving system.</summary>
        public string Property { get; }
    }
}
