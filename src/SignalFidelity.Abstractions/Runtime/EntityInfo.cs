using System.Collections.Generic;

namespace SignalFidelity.Runtime
{
    /// <summary>One synchronised entity of the topology.</summary>
    public sealed class EntityInfo
    {
        /// <summary>Creates the entity record.</summary>
        public EntityInfo(string name, string typeName, IdentityRule identity, IReadOnlyList<FieldInfo> fields)
        {
            Name = name;
            TypeName = typeName;
            Identity = identity;
            Fields = fields;
        }

        /// <summary>The entity's declared name, for example <c>customer</c>.</summary>
        public string Name { get; }

        /// <summary>The record's fully qualified C# type name.</summary>
        public string TypeName { get; }

        /// <summary>The identity rule that matches records across systems.</summary>
        public IdentityRule Identity { get; }

        /// <summary>The entity's fields in declaration order.</summary>
        public IReadOnlyList<FieldInfo> Fields { get; }
    }
}
