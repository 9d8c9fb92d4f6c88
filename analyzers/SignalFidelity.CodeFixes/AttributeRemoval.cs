using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SignalFidelity.CodeFixes
{
    /// <summary>
    /// Removes attributes from a member and keeps its layout: an emptied list disappears and hands its
    /// leading trivia (doc comment, indentation) to whatever now comes first.
    /// </summary>
    internal static class AttributeRemoval
    {
        public static MemberDeclarationSyntax Remove(MemberDeclarationSyntax member, ISet<AttributeSyntax> attributes)
        {
            var lists = new List<AttributeListSyntax>();
            SyntaxTriviaList? pendingLeading = null;
            foreach (var list in member.AttributeLists)
            {
                var removed = new List<AttributeSyntax>();
                foreach (var attribute in list.Attributes)
                {
                    if (attributes.Contains(attribute))
                    {
                        removed.Add(attribute);
                    }
                }

                if (removed.Count == list.Attributes.Count)
                {
                    pendingLeading ??= list.GetLeadingTrivia();
                    continue;
                }

                var kept = removed.Count == 0 ? list : list.RemoveNodes(removed, SyntaxRemoveOptions.KeepNoTrivia)!;
                if (pendingLeading is not null)
                {
                    kept = kept.WithLeadingTrivia(pendingLeading.Value);
                    pendingLeading = null;
                }

                lists.Add(kept);
            }

            var result = member.WithAttributeLists(SyntaxFactory.List(lists));
            if (pendingLeading is null)
            {
                return result;
            }

            // The emptied list was the last one: the first token after the lists takes its trivia.
            var firstAfterLists = lists.Count == 0
                ? result.GetFirstToken()
                : result.AttributeLists[result.AttributeLists.Count - 1].GetLastToken().GetNextToken();
            return result.ReplaceToken(firstAfterLists, firstAfterLists.WithLeadingTrivia(pendingLeading.Value));
        }
    }
}
