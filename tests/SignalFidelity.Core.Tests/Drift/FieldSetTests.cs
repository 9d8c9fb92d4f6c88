using SignalFidelity.Runtime;

namespace SignalFidelity.Core.Tests.Drift;

/// <summary>The drifted-field set has no upper bound: fields past 64 spill out of the inline word.</summary>
public sealed class FieldSetTests
{
    [Fact]
    public void Fields_on_both_sides_of_the_inline_word_are_kept()
    {
        var set = FieldSet.Of(0, 63, 64, 130);

        Assert.True(set.Contains(0));
        Assert.True(set.Contains(63));
        Assert.True(set.Contains(64));
        Assert.True(set.Contains(130));
        Assert.False(set.Contains(65));
        Assert.False(set.Contains(1000));
        Assert.Equal(4, set.Count);
        Assert.Equal([0, 63, 64, 130], set.Indexes());
    }

    [Fact]
    public void Except_removes_ignored_fields_in_every_word()
    {
        var drifted = FieldSet.Of(1, 2, 70, 200);

        var measured = drifted.Except(FieldSet.Of(2, 200));

        Assert.Equal(FieldSet.Of(1, 70), measured);
        Assert.True(FieldSet.Of(70).Except(FieldSet.Of(70)).IsEmpty);
    }

    [Fact]
    public void Equal_sets_are_equal_whatever_their_spill_length()
    {
        var spilled = FieldSet.Of(3, 300).Except(FieldSet.Of(300));

        Assert.Equal(FieldSet.Of(3), spilled);
        Assert.Equal(FieldSet.Of(3).GetHashCode(), spilled.GetHashCode());
        Assert.True(FieldSet.Empty.IsEmpty);
        Assert.Equal("{3}", spilled.ToString());
    }
}
