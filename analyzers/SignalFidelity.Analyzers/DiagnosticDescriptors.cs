using Microsoft.CodeAnalysis;

namespace SignalFidelity.Analyzers
{
    /// <summary>
    /// Every diagnostic the analyzers report. Severities are defaults: each can be changed per project
    /// in .editorconfig (<c>dotnet_diagnostic.SF0006.severity = error</c>).
    /// </summary>
    public static class DiagnosticDescriptors
    {
        private const string Category = "SignalFidelity.Topology";

        /// <summary>SF0001 across fields, entities and files: judged at compilation end.</summary>
        public static readonly DiagnosticDescriptor ContestedField = new DiagnosticDescriptor(
            RuleIdentifiers.ContestedField,
            title: "Contested field: more than one writer",
            messageFormat: "{0} has more than one writer ({1}); keep exactly one",
            Category,
            DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Every field has exactly one canonical writer. Two owners, two flows into one destination property, or a flow into a property another field owns make the last writer win and the data drift.",
            helpLinkUri: RuleIdentifiers.GetHelpUri(RuleIdentifiers.ContestedField),
            WellKnownDiagnosticTags.CompilationEnd);

        /// <summary>
        /// SF0001 for two [OwnedBy] on one field: the property decides it alone, so it is reported while
        /// typing, and as a local diagnostic its "Keep this writer" fix shows in the editor.
        /// </summary>
        public static readonly DiagnosticDescriptor FieldWithTwoOwners = new DiagnosticDescriptor(
            RuleIdentifiers.ContestedField,
            title: "Contested field: more than one writer",
            messageFormat: "{0} has more than one writer ({1}); keep exactly one",
            Category,
            DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Every field has exactly one canonical writer. Two owners, two flows into one destination property, or a flow into a property another field owns make the last writer win and the data drift.",
            helpLinkUri: RuleIdentifiers.GetHelpUri(RuleIdentifiers.ContestedField));

        public static readonly DiagnosticDescriptor UnownedField = new DiagnosticDescriptor(
            RuleIdentifiers.UnownedField,
            title: "Unowned field",
            messageFormat: "Field '{0}' of sync entity '{1}' has no [OwnedBy]; declare the system that writes it",
            Category,
            DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "A synced field without an owner is written by whoever syncs last. Declare which system owns it with [OwnedBy].",
            helpLinkUri: RuleIdentifiers.GetHelpUri(RuleIdentifiers.UnownedField));

        public static readonly DiagnosticDescriptor NoNamedOwner = new DiagnosticDescriptor(
            RuleIdentifiers.NoNamedOwner,
            title: "No named owner and backup for the topology",
            messageFormat: "{0}",
            Category,
            DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "A topology needs a named owner and a different backup, declared with [assembly: TopologyOwner(..., Backup = ...)]; they review every change to field ownership.",
            helpLinkUri: RuleIdentifiers.GetHelpUri(RuleIdentifiers.NoNamedOwner),
            WellKnownDiagnosticTags.CompilationEnd);

        public static readonly DiagnosticDescriptor DuplicateConsumer = new DiagnosticDescriptor(
            RuleIdentifiers.DuplicateConsumer,
            title: "Two consumers for one Shopify topic and destination",
            messageFormat: "Shopify topic '{0}' has more than one consumer writing {1} ({2}); keep exactly one",
            Category,
            DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Each Shopify event has exactly one consumer per destination; two consumers race and the later write wins.",
            helpLinkUri: RuleIdentifiers.GetHelpUri(RuleIdentifiers.DuplicateConsumer),
            WellKnownDiagnosticTags.CompilationEnd);

        /// <summary>SF0005 for what one declaration decides alone; shows while typing.</summary>
        public static readonly DiagnosticDescriptor FlowAgainstOwnership = new DiagnosticDescriptor(
            RuleIdentifiers.FlowAgainstOwnership,
            title: "Flow against ownership",
            messageFormat: "{0}",
            Category,
            DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Data flows outward from its owner only: a field never flows back into its owner, and a Shopify webhook consumer only carries fields Shopify owns into another system.",
            helpLinkUri: RuleIdentifiers.GetHelpUri(RuleIdentifiers.FlowAgainstOwnership));

        /// <summary>SF0005 for what needs the whole topology (which fields flow where); compilation end.</summary>
        public static readonly DiagnosticDescriptor ConsumerWithoutShopifyFields = new DiagnosticDescriptor(
            RuleIdentifiers.FlowAgainstOwnership,
            title: "Flow against ownership",
            messageFormat: "Consumer '{0}' of Shopify topic '{1}' writes {2}, but no Shopify-owned field flows to {2}; it could only write fields Shopify does not own",
            Category,
            DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Data flows outward from its owner only: a field never flows back into its owner, and a Shopify webhook consumer only carries fields Shopify owns into another system.",
            helpLinkUri: RuleIdentifiers.GetHelpUri(RuleIdentifiers.FlowAgainstOwnership),
            WellKnownDiagnosticTags.CompilationEnd);

        public static readonly DiagnosticDescriptor OwnershipWithoutReason = new DiagnosticDescriptor(
            RuleIdentifiers.OwnershipWithoutReason,
            title: "Unusual owner without a reason",
            messageFormat: "Field '{0}' looks {1} but is owned by {2}; state why with Why = \"...\" or move it to {3}",
            Category,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Shopify owns transactional facts and the CRM owns lifecycle facts. An exception to that split is fine when the reason is written down next to it.",
            helpLinkUri: RuleIdentifiers.GetHelpUri(RuleIdentifiers.OwnershipWithoutReason));

        /// <summary>SF0007 for a path the pinned version's payload of the topic does not have.</summary>
        public static readonly DiagnosticDescriptor UnknownWebhookPath = new DiagnosticDescriptor(
            RuleIdentifiers.UnknownVendorField,
            title: "Unknown vendor field",
            messageFormat: "Webhook path '{0}' is not in the '{1}' payload of Shopify API {2}; nearest existing paths: {3}",
            Category,
            DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "A [FromWebhook(topic, path)] must name a topic and a payload path that exist in the snapshot of the Shopify API version the topology pins; otherwise the field is silently never filled.",
            helpLinkUri: RuleIdentifiers.GetHelpUri(RuleIdentifiers.UnknownVendorField));

        /// <summary>SF0007 for a topic the pinned version has no payload schema of.</summary>
        public static readonly DiagnosticDescriptor UnknownWebhookTopic = new DiagnosticDescriptor(
            RuleIdentifiers.UnknownVendorField,
            title: "Unknown vendor field",
            messageFormat: "Webhook topic '{0}' does not exist in Shopify API {1}; nearest existing topics: {2}",
            Category,
            DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "A [FromWebhook(topic, path)] must name a topic and a payload path that exist in the snapshot of the Shopify API version the topology pins; otherwise the field is silently never filled.",
            helpLinkUri: RuleIdentifiers.GetHelpUri(RuleIdentifiers.UnknownVendorField));

        /// <summary>SF0007 for a <c>ResolveThrough</c> that names no Admin API lookup the worker can run.</summary>
        public static readonly DiagnosticDescriptor UnknownLookup = new DiagnosticDescriptor(
            RuleIdentifiers.UnknownVendorField,
            title: "Unknown vendor field",
            messageFormat: "ResolveThrough '{0}' is not an Admin API lookup SignalFidelity can run; known lookups: {1}",
            Category,
            DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "A [FromWebhook(topic, path, ResolveThrough = \"object.field\")] must name a lookup of SignalFidelity.Runtime.ShopifyLookups (the GraphQL Admin read the worker sends for the reference at the path); otherwise the field is never filled from that topic.",
            helpLinkUri: RuleIdentifiers.GetHelpUri(RuleIdentifiers.UnknownVendorField));

        /// <summary>SF0007 for a lookup whose value cannot become the property's type.</summary>
        public static readonly DiagnosticDescriptor LookupTypeMismatch = new DiagnosticDescriptor(
            RuleIdentifiers.UnknownVendorField,
            title: "Unknown vendor field",
            messageFormat: "ResolveThrough '{0}' reads {1}, which '{2}' of type {3} cannot hold; declare it as {4}",
            Category,
            DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "A [FromWebhook(topic, path, ResolveThrough = \"object.field\")] must name a lookup of SignalFidelity.Runtime.ShopifyLookups (the GraphQL Admin read the worker sends for the reference at the path); otherwise the field is never filled from that topic.",
            helpLinkUri: RuleIdentifiers.GetHelpUri(RuleIdentifiers.UnknownVendorField));

        public static readonly DiagnosticDescriptor NoVendorSnapshot = new DiagnosticDescriptor(
            RuleIdentifiers.NoVendorSnapshot,
            title: "No schema snapshot for the pinned vendor version",
            messageFormat: "Shopify API {0} is pinned but no snapshot {1} is among the AdditionalFiles; [FromWebhook] paths cannot be checked: pin a version with a snapshot or add its snapshot (vendor-schemas/shopify/NOTICE.md)",
            Category,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "SF0007 checks [FromWebhook] topics and paths against the pinned Shopify version's payload snapshot. Without that snapshot nothing is checked, so the pin itself is reported.",
            helpLinkUri: RuleIdentifiers.GetHelpUri(RuleIdentifiers.NoVendorSnapshot));

        public static readonly DiagnosticDescriptor UnsyncableField = new DiagnosticDescriptor(
            RuleIdentifiers.UnsyncableField,
            title: "Topology field the runtime cannot sync",
            messageFormat: "Field '{0}' carries topology attributes but {1}; the generated mappers, webhook readers and audit use public instance properties with a getter only: make it one, or remove its topology attributes",
            Category,
            DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "The generator emits code for public instance properties with a getter. A property declared in the topology that is not public, is static or is set-only would be left out of every generated file and silently never synced.",
            helpLinkUri: RuleIdentifiers.GetHelpUri(RuleIdentifiers.UnsyncableField));
    }
}
