using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;

namespace SignalFidelity.TopologyReading
{
    /// <summary>
    /// The <c>SignalFidelity.SyncSystem</c> members as the compilation declares them, so no rule or code fix
    /// lists vendors: a system added to the enum is named, offered and checked everywhere at once.
    /// </summary>
    internal sealed class SyncSystems
    {
        /// <summary>The member every topology treats as the store (the source of webhooks).</summary>
        public const string StoreName = "Shopify";

        private readonly Dictionary<int, string> names;

        private SyncSystems(Dictionary<int, string> names, ImmutableArray<string> ordered, int? store)
        {
            this.names = names;
            Names = ordered;
            Store = store;
        }

        /// <summary>Member names in declaration order.</summary>
        public ImmutableArray<string> Names { get; }

        /// <summary>The store's value, or null when the enum has no Shopify member.</summary>
        public int? Store { get; }

        /// <summary>Reads the enum from the compilation; null when SignalFidelity.Abstractions is not referenced.</summary>
        public static SyncSystems? From(Compilation compilation)
        {
            var type = compilation.GetTypeByMetadataName(VocabularyNames.MetadataName(VocabularyNames.SyncSystem));
            return type is null ? null : From(type);
        }

        public static SyncSystems From(INamedTypeSymbol enumType)
        {
            var names = new Dictionary<int, string>();
            var ordered = ImmutableArray.CreateBuilder<string>();
            int? store = null;
            foreach (ISymbol member in enumType.GetMembers())
            {
                if (member is IFieldSymbol { HasConstantValue: true } field)
                {
                    int value = System.Convert.ToInt32(field.ConstantValue, CultureInfo.InvariantCulture);
                    if (!names.ContainsKey(value))
                    {
                        names.Add(value, field.Name);
                    }

                    ordered.Add(field.Name);
                    if (field.Name == StoreName)
                    {
                        store = value;
                    }
                }
            }

            return new SyncSystems(names, ordered.ToImmutable(), store);
        }

        public string Name(int value) =>
            names.TryGetValue(value, out var name) ? name : "system " + value.ToString(CultureInfo.InvariantCulture);

        public bool IsStore(int value) => Store == value;

        /// <summary>A CRM: any system but the store.</summary>
        public bool IsCrm(int value) => Store != value;
    }
}
