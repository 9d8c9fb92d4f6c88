using System.Linq;
using Microsoft.CodeAnalysis;

namespace SignalFidelity.Generators.Parsing
{
    /// <summary>Small readers shared by the parsers; they turn attribute data into plain values.</summary>
    internal static class SymbolReading
    {
        /// <summary>True when the attribute is <c>SignalFidelity.{name}</c>; the rule is the shared reader's.</summary>
        public static bool Is(this AttributeData attribute, string name) => TopologyReading.VocabularyNames.Is(attribute, name);

        /// <summary>A named argument's value, or <paramref name="fallback"/> when it is absent or of another type.</summary>
        public static T Named<T>(this AttributeData attribute, string name, T fallback)
        {
            foreach (var argument in attribute.NamedArguments)
            {
                if (argument.Key == name && argument.Value.Value is T value)
                {
                    return value;
                }
            }

            return fallback;
        }

        /// <summary>A named string argument, or null.</summary>
        public static string? NamedString(this AttributeData attribute, string name) =>
            attribute.Named<string?>(name, null);

        /// <summary>A constructor argument's value, or default when it is missing or of another type (half-typed code).</summary>
        public static T? Positional<T>(this AttributeData attribute, int index)
        {
            var arguments = attribute.ConstructorArguments;
            return index < arguments.Length && arguments[index].Value is T value ? value : default;
        }

        /// <summary>The member name of an enum value as declared, falling back to the number for undeclared values.</summary>
        public static string EnumMemberName(TypedConstant constant)
        {
            if (constant.Type is INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType)
            {
                var member = enumType.GetMembers().OfType<IFieldSymbol>()
                    .FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, constant.Value));
                if (member is not null)
                {
                    return member.Name;
                }
            }

            return System.Convert.ToString(constant.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "0";
        }

        /// <summary>The numeric value of an enum constant, for ordering by system.</summary>
        public static int EnumValue(TypedConstant constant) =>
            constant.Value is { } value ? System.Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture) : 0;

        /// <summary>A named enum argument as (member name, value), or the given default.</summary>
        public static (string Name, int Value) NamedEnum(this AttributeData attribute, string name, string fallbackName, int fallbackValue)
        {
            foreach (var argument in attribute.NamedArguments)
            {
                if (argument.Key == name && argument.Value.Kind == TypedConstantKind.Enum)
                {
                    return (EnumMemberName(argument.Value), EnumValue(argument.Value));
                }
            }

            return (fallbackName, fallbackValue);
        }

        /// <summary>The namespace of a type as written, empty for the global namespace.</summary>
        public static string NamespaceOf(ISymbol symbol) =>
            symbol.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : string.Empty;
    }
}
