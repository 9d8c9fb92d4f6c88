using System.Collections.Generic;

namespace SignalFidelity.Runtime
{
    /// <summary>One field of an entity: its owner, where it flows, and how fidelity is measured on it.</summary>
    public sealed class FieldInfo
    {
        /// <summary>Creates the field record.</summary>
        public FieldInfo(
            string name,
            string clrType,
            SyncSystem owner,
            string? ownerProperty,
            string? why,
            IReadOnlyList<FlowInfo> flows,
            bool isFidelityField,
            ToleranceInfo? tolerance,
            FieldValueKind kind = FieldValueKind.Unsupported,
            IReadOnlyList<WebhookSourceInfo>? webhookSources = null,
            string? summary = null)
        {
            Name = name;
            ClrType = clrType;
            Owner = owner;
            OwnerProperty = ownerProperty;
            Why = why;
            Flows = flows;
            IsFidelityField = isFidelityField;
            Tolerance = tolerance;
            Kind = kind;
            WebhookSources = webhookSources ?? System.Array.Empty<WebhookSourceInfo>();
            Summary = summary;
        }

        /// <summary>The C# property name.</summary>
        public string Name { get; }

        /// <summary>The C# type as written in the record, for example <c>decimal</c> or <c>System.DateTimeOffset?</c>.</summary>
        public string ClrType { get; }

        /// <summary>The single system that writes the field.</summary>
        public SyncSystem Owner { get; }

        /// <summary>The field's name inside its owner, when declared.</summary>
        public string? OwnerProperty { get; }

        /// <summary>Why the owner owns it, when declared.</summary>
        public string? Why { get; }

        /// <summary>Destinations the value is copied to, ordered by system.</summary>
        public IReadOnlyList<FlowInfo> Flows { get; }

        /// <summary>True when record fidelity is measured on this field.</summary>
        public bool IsFidelityField { get; }

        /// <summary>The drift tolerance, or null for an exact match.</summary>
        public ToleranceInfo? Tolerance { get; }

        /// <summary>How the value is read from text, by the property's C# type.</summary>
        public FieldValueKind Kind { get; }

        /// <summary>The Shopify topics (and body paths) the value is read from, ordered by topic.</summary>
        public IReadOnlyList<WebhookSourceInfo> WebhookSources { get; }

        /// <summary>The text of the property's XML <c>&lt;summary&gt;</c> on one line, or null when it has none.</summary>
        public string? Summary { get; }
    }
}
