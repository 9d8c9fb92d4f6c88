using Microsoft.CodeAnalysis;

namespace SignalFidelity.TopologyReading
{
    /// <summary>
    /// The topology vocabulary's type names, as SignalFidelity.Abstractions declares them. Compiled into the
    /// generator and the analyzer (the analyzer links this file), so both recognise the same attributes.
    /// </summary>
    internal static class VocabularyNames
    {
        public const string Namespace = "SignalFidelity";
        public const string SyncEntity = "SyncEntityAttribute";
        public const string WebhookConsumer = "WebhookConsumerAttribute";
        public const string TopologyOwner = "TopologyOwnerAttribute";
        public const string VendorApi = "VendorApiAttribute";
        public const string ExternalWriter = "ExternalWriterAttribute";
        public const string OwnedBy = "OwnedByAttribute";
        public const string FlowsTo = "FlowsToAttribute";
        public const string FidelityField = "FidelityFieldAttribute";
        public const string DriftTolerance = "DriftToleranceAttribute";
        public const string FromWebhook = "FromWebhookAttribute";
        public const string SyncSystem = "SyncSystem";

        /// <summary>The attributes that make a property part of the topology; any one of them on a property the runtime cannot use is an error.</summary>
        public static readonly string[] FieldAttributes = { OwnedBy, FlowsTo, FidelityField, DriftTolerance, FromWebhook };

        /// <summary>"SignalFidelity.OwnedByAttribute": the metadata name for Compilation.GetTypeByMetadataName.</summary>
        public static string MetadataName(string name) => Namespace + "." + name;

        /// <summary>True when the attribute is <c>SignalFidelity.{name}</c> (a top-level type of that namespace).</summary>
        public static bool Is(AttributeData attribute, string name) =>
            attribute.AttributeClass is { } type
            && type.Name == name
            && type.ContainingType is null
            && type.ContainingNamespace is { ContainingNamespace.IsGlobalNamespace: true } ns
            && ns.Name == Namespace;

        /// <summary>True when any topology field attribute is written on the property, bound or not yet.</summary>
        public static bool HasFieldAttribute(ISymbol property)
        {
            foreach (AttributeData attribute in property.GetAttributes())
            {
                foreach (string name in FieldAttributes)
                {
                    if (Is(attribute, name))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
