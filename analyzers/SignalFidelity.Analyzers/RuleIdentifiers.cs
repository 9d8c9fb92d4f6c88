namespace SignalFidelity.Analyzers
{
    /// <summary>
    /// The stable rule IDs and where each rule's page lives. IDs never change meaning once shipped;
    /// titles and messages may be refined.
    /// </summary>
    public static class RuleIdentifiers
    {
        public const string ContestedField = "SF0001";
        public const string UnownedField = "SF0002";
        public const string NoNamedOwner = "SF0003";
        public const string DuplicateConsumer = "SF0004";
        public const string FlowAgainstOwnership = "SF0005";
        public const string OwnershipWithoutReason = "SF0006";
        public const string UnknownVendorField = "SF0007";
        public const string NoVendorSnapshot = "SF0008";
        public const string UnsyncableField = "SF0009";

        /// <summary>Every rule ID, in order; tests check each has a descriptor and a page.</summary>
        public static readonly string[] All =
        {
            ContestedField, UnownedField, NoNamedOwner, DuplicateConsumer, FlowAgainstOwnership, OwnershipWithoutReason, UnknownVendorField, NoVendorSnapshot, UnsyncableField,
        };

        private const string DocsBaseUri = "https://github.com/signalfidelity/signalfidelity/blob/main/docs/rules/";

        /// <summary>The rule's page in the repository: docs/rules/SFxxxx.md.</summary>
        public static string GetHelpUri(string id) => DocsBaseUri + id + ".md";
    }
}
