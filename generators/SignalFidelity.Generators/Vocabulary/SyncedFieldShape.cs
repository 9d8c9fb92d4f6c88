using Microsoft.CodeAnalysis;

namespace SignalFidelity.TopologyReading
{
    /// <summary>What a property of a sync entity is to the runtime; the generator emits code for <see cref="Synced"/> only.</summary>
    internal enum SyncedFieldShape
    {
        /// <summary>A public instance property with a getter: mapped, read, compared and audited.</summary>
        Synced,

        /// <summary>Not a field at all: compiler-made (a record's EqualityContract) or an indexer.</summary>
        NotAField,

        /// <summary>Static: one value for every customer, so nothing per record to sync.</summary>
        Static,

        /// <summary>Not public: generated code in the consumer's other assemblies could not read it.</summary>
        NotPublic,

        /// <summary>Set-only: there is no value to map or compare.</summary>
        NoGetter,
    }

    /// <summary>
    /// The one "is this a synced field" rule. The generator skips every property that is not
    /// <see cref="SyncedFieldShape.Synced"/>; the analyzer reports (SF0009) every skipped property that
    /// carries a topology attribute, so nothing declared is ever silently left out.
    /// </summary>
    internal static class SyncedFields
    {
        public static SyncedFieldShape ShapeOf(IPropertySymbol property)
        {
            if (property.IsImplicitlyDeclared || property.IsIndexer)
            {
                return SyncedFieldShape.NotAField;
            }

            if (property.IsStatic)
            {
                return SyncedFieldShape.Static;
            }

            if (property.DeclaredAccessibility != Accessibility.Public)
            {
                return SyncedFieldShape.NotPublic;
            }

            return property.GetMethod is null ? SyncedFieldShape.NoGetter : SyncedFieldShape.Synced;
        }

        /// <summary>How a message says why the shape cannot be synced; null for a synced field.</summary>
        public static string? Explain(SyncedFieldShape shape)
        {
            switch (shape)
            {
                case SyncedFieldShape.Static: return "is static";
                case SyncedFieldShape.NotPublic: return "is not public";
                case SyncedFieldShape.NoGetter: return "has no getter";
                default: return null;
            }
        }
    }
}
