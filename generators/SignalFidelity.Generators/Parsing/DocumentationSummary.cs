using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Xml;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;

namespace SignalFidelity.Generators.Parsing
{
    /// <summary>
    /// A property's XML <c>&lt;summary&gt;</c> as one line of plain text, for the manifest and so the topology
    /// document. The compiler hands it over only when the project parses documentation comments
    /// (GenerateDocumentationFile); otherwise, or when the comment is malformed, the field simply has none.
    /// </summary>
    internal static class DocumentationSummary
    {
        private static readonly Regex Whitespace = new Regex(@"\s+");
        private static readonly char[] ReferenceSeparators = { '.', ':' };

        public static string? Of(ISymbol symbol, CancellationToken cancellationToken)
        {
            string xml = symbol.GetDocumentationCommentXml(expandIncludes: false, cancellationToken: cancellationToken) ?? string.Empty;
            if (xml.Length == 0)
            {
                return null;
            }

            XElement? summary;
            try
            {
                summary = XDocument.Parse(xml).Descendants("summary").FirstOrDefault();
            }
            catch (XmlException)
            {
                return null;
            }

            if (summary is null)
            {
                return null;
            }

            var text = new StringBuilder();
            Append(summary, text);
            string line = Whitespace.Replace(text.ToString(), " ").Trim();
            return line.Length == 0 ? null : line;
        }

        private static void Append(XElement element, StringBuilder text)
        {
            foreach (XNode node in element.Nodes())
            {
                if (node is XText plain)
                {
                    text.Append(plain.Value);
                }
                else if (node is XElement child)
                {
                    // <see cref="T:A.B"/> reads as "B", <see langword="null"/> as "null", <paramref name="x"/> as "x".
                    string? reference = (string?)child.Attribute("cref") ?? (string?)child.Attribute("langword") ?? (string?)child.Attribute("name");
                    if (!child.Nodes().Any() && reference is not null)
                    {
                        text.Append(reference.Substring(reference.LastIndexOfAny(ReferenceSeparators) + 1));
                    }
                    else
                    {
                        Append(child, text);
                    }
                }
            }
        }
    }
}
