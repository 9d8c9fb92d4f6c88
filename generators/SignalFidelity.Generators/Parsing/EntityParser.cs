using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using SignalFidelity.Generators.Model;
using SignalFidelity.TopologyReading;

namespace SignalFidelity.Generators.Parsing
{
    /// <summary>
    /// Turns a [SyncEntity] type into an <see cref="EntityModel"/> at once, so no symbol outlives the
    /// transform. Invalid input is skipped, never reported: the analyzer owns the rules.
    /// </summary>
    internal static class EntityParser
    {
        private static readonly SymbolDisplayFormat FullyQualified =
            SymbolDisplayFormat.FullyQualifiedFormat.AddMiscellaneousOptions(
                SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        public static EntityModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            // Generic or nested entities have no single name to hang generated types on; skip them.
            if (context.TargetSymbol is not INamedTypeSymbol type
                || type.IsGenericType
                || type.ContainingType is not null
                || context.Attributes.Length == 0)
            {
                return null;
            }

            AttributeData attribute = context.Attributes[0];
            string? name = attribute.Positional<string>(0);
            if (string.IsNullOrWhiteSpace(name))
            {
                return null;
            }

            var (identity, _) = attribute.NamedEnum("Identity", "CanonicalEmailThenPhone", 0);
            var fields = new List<FieldModel>();
            foreach (ISymbol member in type.GetMembers())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (member is IPropertySymbol property && ReadField(property, cancellationToken) is { } field)
                {
                    fields.Add(field);
                }
            }

            return new EntityModel(
                name!,
                SymbolReading.NamespaceOf(type),
                type.Name,
                type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                // Generated types mention the entity in public signatures, so they can be no more visible than it.
                type.DeclaredAccessibility == Accessibility.Public ? "public" : "internal",
                identity,
                fields.ToEquatableArray(),
                CanBuild(type));
        }

        /// <summary>
        /// True when generated code can create the record and copy one field with <c>with</c>: a non-abstract
        /// record with a parameterless constructor the assembly can call. Positional records are left to the
        /// hand-written readers they need anyway.
        /// </summary>
        private static bool CanBuild(INamedTypeSymbol type) =>
            type.IsRecord && !type.IsAbstract && !type.IsStatic
            && type.InstanceConstructors.Any(c => c.Parameters.Length == 0
                && c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal);

        private static FieldModel? ReadField(IPropertySymbol property, CancellationToken cancellationToken)
        {
            // The shared rule: the analyzer reports (SF0009) every skipped property that carries topology attributes.
            if (SyncedFields.ShapeOf(property) != SyncedFieldShape.Synced)
            {
                return null;
            }

            var owners = new List<AttributeData>();
            var flows = new List<FlowModel>();
            var sources = new List<WebhookSourceModel>();
            bool isFidelity = false;
            ToleranceModel? tolerance = null;
            foreach (AttributeData attribute in property.GetAttributes())
            {
                if (attribute.Is(VocabularyNames.OwnedBy))
                {
                    owners.Add(attribute);
                }
                else if (attribute.Is(VocabularyNames.FlowsTo) && attribute.ConstructorArguments.Length == 2
                    && TopologyNames.DestinationProperty(attribute.Positional<string>(1)) is { Length: > 0 } destinationProperty)
                {
                    TypedConstant system = attribute.ConstructorArguments[0];
                    flows.Add(new FlowModel(SymbolReading.EnumMemberName(system), SymbolReading.EnumValue(system), destinationProperty));
                }
                else if (attribute.Is(VocabularyNames.FromWebhook)
                    && TopologyNames.Topic(attribute.Positional<string>(0)) is { Length: > 0 } topic
                    && TopologyNames.WebhookPath(attribute.Positional<string>(1)) is { Length: > 0 } path
                    && TopologyNames.Lookup(attribute, out string? lookup))
                {
                    sources.Add(new WebhookSourceModel(topic, path, lookup));
                }
                else if (attribute.Is(VocabularyNames.FidelityField))
                {
                    isFidelity = true;
                }
                else if (attribute.Is(VocabularyNames.DriftTolerance))
                {
                    tolerance = new ToleranceModel(
                        attribute.Named("Hours", 0d),
                        attribute.Named("Count", 0),
                        attribute.Named("Amount", 0d));
                }
            }

            // No owner (SF0002) or two (SF0001): there is no single writer to generate code for.
            if (owners.Count != 1 || owners[0].ConstructorArguments.Length != 1)
            {
                return null;
            }

            AttributeData owner = owners[0];
            ITypeSymbol valueType = property.Type;
            bool isNullableValue = valueType is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
                && nullable.TypeArguments.Length == 1;
            ITypeSymbol underlying = isNullableValue ? ((INamedTypeSymbol)valueType).TypeArguments[0] : valueType;

            return new FieldModel(
                property.Name,
                valueType.ToDisplayString(FullyQualified),
                valueType.ToDisplayString(),
                KindOf(underlying),
                isNullableValue,
                SymbolReading.EnumMemberName(owner.ConstructorArguments[0]),
                owner.NamedString("Property"),
                owner.NamedString("Why"),
                flows.OrderBy(f => f.DestinationOrder).ThenBy(f => f.Property, System.StringComparer.Ordinal).ToEquatableArray(),
                isFidelity,
                tolerance,
                sources.OrderBy(x => x.Topic, System.StringComparer.Ordinal).ThenBy(x => x.Path, System.StringComparer.Ordinal).ThenBy(x => x.ResolveThrough, System.StringComparer.Ordinal).ToEquatableArray(),
                property.SetMethod is { DeclaredAccessibility: Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal },
                underlying.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                DocumentationSummary.Of(property, cancellationToken));
        }

        private static ValueKind KindOf(ITypeSymbol type)
        {
            switch (type.SpecialType)
            {
                case SpecialType.System_String: return ValueKind.String;
                case SpecialType.System_Boolean: return ValueKind.Boolean;
                case SpecialType.System_DateTime: return ValueKind.DateTime;
                case SpecialType.System_Decimal: return ValueKind.Decimal;
                case SpecialType.System_Double:
                case SpecialType.System_Single: return ValueKind.Floating;
                case SpecialType.System_Byte:
                case SpecialType.System_SByte:
                case SpecialType.System_Int16:
                case SpecialType.System_UInt16:
                case SpecialType.System_Int32:
                case SpecialType.System_UInt32:
                case SpecialType.System_Int64: return ValueKind.Integer;
            }

            return type is { Name: "DateTimeOffset", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } }
                ? ValueKind.DateTimeOffset
                : ValueKind.Other;
        }
    }
}
