using System.Collections.Generic;
using System.Text;

namespace SignalFidelity.Runtime
{
    /// <summary>Which side of the usual split a field's words put it on.</summary>
#if SIGNALFIDELITY_COMPILER_COMPONENT
    internal enum FieldKind
#else
    public enum FieldKind
#endif
    {
        /// <summary>Neither list, or both: the name alone does not decide it.</summary>
        Neutral,

        /// <summary>A transactional fact (orders, spend, refunds): Shopify owns it.</summary>
        Transactional,

        /// <summary>A lifecycle fact (consent, segments, scores, tags): the CRM owns it.</summary>
        Lifecycle,
    }

    /// <summary>
    /// The usual split by words: Shopify owns transactional facts and the CRM lifecycle facts. One table for the
    /// SF0006 analyzer (which warns on a field against it) and `sigfid topology scaffold` (which writes each field
    /// with it), so a scaffolded topology never trips SF0006. The lists are documented in docs/rules/SF0006.md;
    /// keep the two in step. Compiled into the analyzer too, internal there.
    /// </summary>
#if SIGNALFIDELITY_COMPILER_COMPONENT
    internal static class FieldKindWords
#else
    public static class FieldKindWords
#endif
    {
        /// <summary>Words of a transactional fact.</summary>
        public static readonly HashSet<string> Transactional = new HashSet<string>
        {
            "spent", "spend", "spending", "order", "orders", "refund", "refunds", "refunded", "payment", "payments",
            "paid", "revenue", "purchase", "purchases", "purchased", "checkout", "checkouts", "transaction",
            "transactions", "invoice", "invoices", "fulfillment", "fulfilment", "fulfilled", "financial", "discount",
            "discounts",
        };

        /// <summary>Words of a lifecycle fact.</summary>
        public static readonly HashSet<string> Lifecycle = new HashSet<string>
        {
            "subscription", "subscriptions", "subscribed", "unsubscribed", "subscriber", "consent", "optin", "segment",
            "segments", "churn", "nps", "score", "scores", "tag", "tags", "engagement", "engaged", "lifecycle",
            "predicted", "prediction", "survey", "cohort", "persona",
        };

        /// <summary>A set of words matching both lists (a predicted next order date) is left alone.</summary>
        public static FieldKind Classify(IEnumerable<string> words)
        {
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
