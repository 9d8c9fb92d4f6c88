using System;

namespace SignalFidelity
{
    /// <summary>
    /// Declares a record whose properties are synchronised fields. Every property must name its owner
    /// with <see cref="OwnedByAttribute"/> (rule SF0002).
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class SyncEntityAttribute : Attribute
    {
        /// <summary>Declares a synchronised entity.</summary>
        /// <param name="name">The entity's name in documents and lock files, for example <c>customer</c>.</param>
        public SyncEntityAttribute(string name) => Name = name;

        /// <summary>The entity's name in documents and lock files.</summary>
        public string Name { get; }

        /// <summary>How one person's records in two systems are matched. Defaults to email, then phone.</summary>
        public IdentityRule Identity { get; set; } = IdentityRule.CanonicalEmailThenPhone;
    }
}
