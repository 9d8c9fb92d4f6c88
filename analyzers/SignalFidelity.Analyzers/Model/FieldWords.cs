using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis;

namespace SignalFidelity.Analyzers.Model
{
    internal enum FieldKind
    {
        Neutral,
        Transactional,
        Lifecycle,
    }

    /// <summary>
    /// The SF0006 heuristic: the words of a field's name, its owner property and its type decide whether
    /// it reads as a transactional or a lifecycle fact. The lists are documented in docs/rules/SF0006.md;
    /// keep the two in step.
    /// </summary>
    internal static class FieldWords
    {
        public static readonly HashSet<string> Transactional = new HashSet<string>
        {
            "spent", "spend", "spending", "order", "orders", "refund", "refunds", "refunded", "payment", "payments",
            "paid", "revenue", "purchase", "purchases", "purchased", "checkout", "checkouts", "transaction",
            "transactions", "invoice", "invoices", "fulfillment", "fulfilment", "fulfilled", "financial", "discount",
            "discounts",
        };

        public static readonly HashSet<string> Lifecycle = new HashSet<string>
        {
            "subscription", "subscriptions", "subscribed", "unsubscribed", "subscriber", "consent", "optin", "segment",
            "segments", "churn", "nps", "score", "scores", "tag", "tags", "engagement", "engaged", "lifecycle",
            "predicted", "prediction", "survey", "cohort", "persona",
        };

        /// <summary>A field whose words match both lists (a predicted next order date) is left alone.</summary>
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

            bool transactional = false, lifecycle = false;
            foreach (var word in words)
            {
                transactional |= Transactional.Contains(word);
                lifecycle |= Lifecycle.Contains(word);
            }

            return transactional == lifecycle ? FieldKind.Neutral : transactional ? FieldKind.Transactional : FieldKind.Lifecycle;
        }

        /// <summary>"LastOrderDate", "last_order_date" and "NPSScore" become lower-case words.</summary>
        public static void Split(string? text, List<string> words)
        {
            if (string.IsNullOrEmpty(text))
            {
                return;
            }

            var current = new StringBuilder();
            for (var i = 0; i < text!.Length; i++)
            {
                var c = text[i];
                if (!char.IsLetterOrDigit(c))
                {
                    Flush(current, words);
                    continue;
                }

                var startsWord = char.IsUpper(c) && current.Length > 0
                    && (char.IsLower(text[i - 1]) || (i + 1 < text.Length && char.IsLower(text[i + 1])));
                if (startsWord)
                {
                    Flush(current, words);
                }

                current.Append(char.ToLowerInvariant(c));
            }

            Flush(current, words);
        }

        private static void Flush(StringBuilder current, List<string> words)
        {
            if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
    }
}
