using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using SignalFidelity.Generators.Model;

namespace SignalFidelity.Generators.Parsing
{
    /// <summary>Reads the assembly-level declarations: the topology owner and the pinned vendor API versions.</summary>
    internal static class AssemblyAttributeParser
    {
        public static OwnerModel? ParseOwner(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            foreach (AttributeData attribute in context.Attributes)
            {
                if (attribute.Positional<string>(0) is { } name && attribute.Positional<string>(1) is { } email)
                {
                    return new OwnerModel(
                        name,
                        email,
                        attribute.NamedString("GitHub"),
                        attribute.NamedString("Backup"),
                        attribute.NamedString("BackupEmail"),
                        attribute.NamedString("BackupGitHub"));
                }
            }

            return null;
        }

        public static EquatableArray<VendorApiModel> ParseVendorApis(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var pins = new List<VendorApiModel>();
            foreach (AttributeData attribute in context.Attributes)
            {
                if (attribute.ConstructorArguments.Length == 2 && attribute.Positional<string>(1) is { Length: > 0 } version)
                {
                    TypedConstant system = attribute.ConstructorArguments[0];
                    pins.Add(new VendorApiModel(SymbolReading.EnumMemberName(system), SymbolReading.EnumValue(system), version));
                }
            }

            return pins.ToEquatableArray();
        }

        /// <summary>The [assembly: ExternalWriter] declarations; one still being typed (no name, no system) is skipped.</summary>
        public static EquatableArray<ExternalWriterModel> ParseExternalWriters(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var writers = new List<ExternalWriterModel>();
            foreach (AttributeData attribute in context.Attributes)
            {
                if (attribute.ConstructorArguments.Length != 3
                    || attribute.Positional<string>(0) is not { Length: > 0 } name
                    || attribute.ConstructorArguments[1].Kind != TypedConstantKind.Enum
                    || attribute.ConstructorArguments[2].Kind != TypedConstantKind.Array
                    || attribute.ConstructorArguments[2].IsNull)
                {
                    continue;
                }

                var properties = new List<string>();
                foreach (TypedConstant element in attribute.ConstructorArguments[2].Values)
                {
                    if (element.Kind != TypedConstantKind.Array && element.Value is string property && property.Trim().Length > 0)
                    {
                        properties.Add(property.Trim());
                    }
                }

                TypedConstant system = attribute.ConstructorArguments[1];
                writers.Add(new ExternalWriterModel(name.Trim(), SymbolReading.EnumMemberName(system), SymbolReading.EnumValue(system), properties.ToEquatableArray()));
            }

            return writers.ToEquatableArray();
        }
    }
}
