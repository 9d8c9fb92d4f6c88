namespace System.Runtime.CompilerServices
{
    // netstandard2.0 lacks the marker type records need; the compiler only looks it up by name.
    internal static class IsExternalInit
    {
    }
}
