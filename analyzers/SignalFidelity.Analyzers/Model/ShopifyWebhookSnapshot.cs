using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using SignalFidelity.TopologyReading;

namespace SignalFidelity.Analyzers.Model
{
    /// <summary>
    /// One pinned Shopify API version's webhook payload paths, read from the AdditionalFile
    /// <c>shopify-webhooks-&lt;version&gt;.tsv</c> (vendor-schemas/shopify/NOTICE.md): lines
    /// <c>topic\tpath\ttype</c>, <c>#</c> comments. Topics are compared as <see cref="TopologyNames.Topic"/>
    /// normalises them and paths as <see cref="TopologyNames.WebhookPath"/> does (trimmed, case-sensitive,
    /// as JSON is). Reading never throws: an unreadable file, or one without a single well-formed row, is no
    /// snapshot.
    /// </summary>
    internal sealed class ShopifyWebhookSnapshot
    {
        public const string FilePrefix = "shopify-webhooks-";
        public const string FileExtension = ".tsv";

        // Parsed once per file text: in the IDE the same AdditionalText is handed to every new compilation.
        private static readonly ConditionalWeakTable<AdditionalText, Holder> Parsed = new ConditionalWeakTable<AdditionalText, Holder>();

        private readonly Dictionary<string, HashSet<string>> paths;

        private ShopifyWebhookSnapshot(string version, Dictionary<string, HashSet<string>> paths)
        {
            Version = version;
            this.paths = paths;
        }

        public string Version { get; }

        public IEnumerable<string> Topics => paths.Keys;

        /// <summary>The version a file name stands for (<c>shopify-webhooks-2026-04.tsv</c> is 2026-04), or null.</summary>
        public static string? VersionOf(string? filePath)
        {
            string name;
            try
            {
                name = Path.GetFileName(filePath ?? string.Empty);
            }
            catch (ArgumentException)
            {
                return null;
            }

            if (name.Length <= FilePrefix.Length + FileExtension.Length
                || !name.StartsWith(FilePrefix, StringComparison.OrdinalIgnoreCase)
                || !name.EndsWith(FileExtension, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            return name.Substring(FilePrefix.Length, name.Length - FilePrefix.Length - FileExtension.Length).Trim();
        }

        /// <summary>The snapshot of <paramref name="version"/> among the additional files, or null when none is there or it cannot be read.</summary>
        public static ShopifyWebhookSnapshot? Find(ImmutableArray<AdditionalText> files, string version, CancellationToken cancellationToken)
        {
            foreach (var file in files)
            {
                if (file is null || !string.Equals(VersionOf(file.Path), version, StringComparison.Ordinal))
                {
                    continue;
                }

                var snapshot = Parsed.GetValue(file, text => new Holder(Read(text, version, cancellationToken))).Snapshot;
                if (snapshot is not null)
                {
                    return snapshot;
                }
            }

            return null;
        }

        /// <summary>Parses a snapshot's text; null when it has no well-formed row. Exposed for tests.</summary>
        internal static ShopifyWebhookSnapshot? Parse(string version, string? text)
        {
            var paths = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            if (text is null)
            {
                return null;
            }

            using (var reader = new StringReader(text))
            {
                string? line;
                while ((line = reader.ReadLine()) is not null)
                {
                    AddLine(paths, line);
                }
            }

            return paths.Count == 0 ? null : new ShopifyWebhookSnapshot(version, paths);
        }

        public bool HasTopic(string topic) => paths.ContainsKey(topic);

        public bool HasPath(string topic, string path) => paths.TryGetValue(topic, out var known) && known.Contains(path);

        /// <summary>The paths of <paramref name="topic"/>, or none.</summary>
        public IEnumerable<string> PathsOf(string topic) =>
            paths.TryGetValue(topic, out var known) ? known : (IEnumerable<string>)Array.Empty<string>();

        private static ShopifyWebhookSnapshot? Read(AdditionalText file, string version, CancellationToken cancellationToken)
        {
            try
            {
                return Parse(version, file.GetText(cancellationToken)?.ToString());
            }
            catch (Exception exception) when (exception is IOException || exception is UnauthorizedAccessException || exception is ArgumentException || exception is InvalidOperationException || exception is System.Text.DecoderFallbackException)
            {
                return null;
            }
        }

        private static void AddLine(Dictionary<string, HashSet<string>> paths, string line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                return;
            }

            var columns = line.Split('\t');
            if (columns.Length < 3)
            {
                return;
            }

            var topic = TopologyNames.Topic(columns[0]);
            var path = TopologyNames.WebhookPath(columns[1]);
            if (topic.Length == 0 || path.Length == 0 || columns[2].Trim().Length == 0)
            {
                return;
            }

            if (!paths.TryGetValue(topic, out var known))
            {
                known = new HashSet<string>(StringComparer.Ordinal);
                paths.Add(topic, known);
            }

            known.Add(path);
        }

        /// <summary>Up to <paramref name="count"/> candidates nearest to <paramref name="wanted"/>: edit distance (case-insensitive), then longest shared prefix, then ordinal.</summary>
        public static ImmutableArray<string> Nearest(string wanted, IEnumerable<string> candidates, int count = 3)
        {
            var ranked = new List<(string Candidate, int Distance, int Prefix)>();
            foreach (var candidate in candidates)
            {
                ranked.Add((candidate, Distance(wanted, candidate), SharedPrefix(wanted, candidate)));
            }

            ranked.Sort((a, b) =>
                a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance)
                : a.Prefix != b.Prefix ? b.Prefix.CompareTo(a.Prefix)
                : string.CompareOrdinal(a.Candidate, b.Candidate));

            var nearest = ImmutableArray.CreateBuilder<string>(Math.Min(count, ranked.Count));
            for (var i = 0; i < ranked.Count && i < count; i++)
            {
                nearest.Add(ranked[i].Candidate);
            }

            return nearest.ToImmutable();
        }

        private static int SharedPrefix(string a, string b)
        {
            var i = 0;
            while (i < a.Length && i < b.Length && char.ToLowerInvariant(a[i]) == char.ToLowerInvariant(b[i]))
            {
                i++;
            }

            return i;
        }

        /// <summary>Levenshtein distance, ignoring case (amountspent is one letter from amountSpent, not two).</summary>
        private static int Distance(string a, string b)
        {
            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (var j = 0; j <= b.Length; j++)
            {
                previous[j] = j;
            }

            for (var i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (var j = 1; j <= b.Length; j++)
                {
                    var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                    current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                }

                var swap = previous;
                previous = current;
                current = swap;
            }

            return previous[b.Length];
        }

        /// <summary>Boxes a possibly null result: a weak table cannot hold null values.</summary>
        private sealed class Holder
        {
            public Holder(ShopifyWebhookSnapshot? snapshot) => Snapshot = snapshot;

            public ShopifyWebhookSnapshot? Snapshot { get; }
        }
    }
}
