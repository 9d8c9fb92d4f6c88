using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace SignalFidelity.Analyzers.Model
{
    /// <summary>
    /// Orders locations by file path, then position, so additional locations come out the same on
    /// every build whatever order concurrent symbol actions ran in.
    /// </summary>
    internal sealed class LocationOrder : IComparer<Location>
    {
        public static readonly LocationOrder Instance = new LocationOrder();

        public int Compare(Location? x, Location? y)
        {
            if (ReferenceEquals(x, y))
            {
                return 0;
            }

            if (x is null)
            {
                return -1;
            }

            if (y is null)
            {
                return 1;
            }

            var byPath = string.CompareOrdinal(x.SourceTree?.FilePath ?? string.Empty, y.SourceTree?.FilePath ?? string.Empty);
            return byPath != 0 ? byPath : x.SourceSpan.Start.CompareTo(y.SourceSpan.Start);
        }
    }
}
