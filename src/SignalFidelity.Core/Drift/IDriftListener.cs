using SignalFidelity.Runtime;

namespace SignalFidelity.Core.Drift;

/// <summary>
/// Hears every measured record that is not a clean match, as the engine finds it. The engine itself keeps
/// only counts and a few examples (a full-population run may measure a million pairs); a listener that
/// needs them all (the audit's drifted.csv) writes them out as they come instead of holding them.
/// </summary>
/// <typeparam name="T">The entity record.</typeparam>
public interface IDriftListener<T>
{
    /// <summary>A matched record drifted on <paramref name="drifted"/> (indexes in the comparer's FieldNames).</summary>
    /// <param name="record">The owner-side record (its id and key).</param>
    /// <param name="drifted">The fields outside their tolerance.</param>
    /// <param name="expected">Each field's owner's value.</param>
    /// <param name="actual">What the other system holds.</param>
    void OnDrifted(in SourceRecord<T> record, FieldSet drifted, T expected, T actual);

    /// <summary>A measured record has no destination match.</summary>
    void OnMissing(MissingRecord missing);

    /// <summary>A measured record's destination row could not be read.</summary>
    void OnUnreadable(UnreadableRecord unreadable);
}
