using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using SignalFidelity.Runtime;

namespace SignalFidelity.Analyzers.Model
{
    /// <summary>
    /// The SF0006 heuristic: the words of a field's name, its owner property and its type decide whether
    /// it reads as a transactional or a lifecycle fact, by the shared lists of <see cref="FieldKindWords"/>.
    /// </summary>
    internal static class FieldWords
    {
        public static FieldKind Classify(string name, string? ownerProperty, ITypeSymbol? type)
        {
            var words = new List<string>();
            Split(name, words);
            Split(ownerProperty, words);
            if (type is INamedTypeSymbol named && named.IsGenericType && named.TypeArguments.Length == 1)
            {
                type = named.TypeArguments[0];
            }

            if (type is not null && type.SpecialType == SpecialType.None && type.TypeKind != TypeKind.Error)
            {
                Split(type.Name, words);
            }

            return FieldKindWords.Classify(words);
        }

        public static void Split(string? text, List<string> words) => FieldKindWords.Split(text, words);
    }
}
