using SignalFidelity.Core.Drift;
using SignalFidelity.Core.Identity;

namespace SignalFidelity.Core.Tests.Identity;

/// <summary>The near-match hint: keys equal but for a +tag, dots or a domain alias, suggested and never matched.</summary>
public sealed class NearMatchKeysTests
{
    [Theory]
    [InlineData("ann+shop@corp.example", "ann@corp.example")]
    [InlineData("a.nn@corp.example", "ann@corp.example")]
    [InlineData("ann@me.com", "ann@icloud.com")]
    [InlineData("ann@googlemail.com", "ann@gmail.com")]
    public void The_loose_form_drops_tag_and_dots_and_folds_aliases(string key, string loose) => Assert.Equal(loose, NearMatchKeys.Loosen(key));

    [Theory]
    [InlineData("ann@corp.example")]
    [InlineData("+16135550135")]
    public void A_key_with_nothing_to_drop_is_its_own_loose_form(string key) => Assert.Same(key, NearMatchKeys.Loosen(key));

    [Theory]
    [InlineData("ann@corp.example", "ann+shop@corp.example", "a +tag")] // the CRM key carries the tag
    [InlineData("ann+shop@corp.example", "ann@corp.example", "a +tag")] // Shopify's does
    [InlineData("ann@corp.example", "a.nn@corp.example", "a dot")]
    [InlineData("ann@icloud.com", "ann@me.com", "a domain alias")]
    public void The_index_suggests_the_CRM_key_either_way(string shopify, string crm, string difference)
    {
        var index = DestinationIndex<string>.Build([new SourceRecord<string>(Key(crm), crm, "1", 2)], 10);
        Assert.False(index.TryGet(shopify, out _));
        Assert.Equal(crm, index.NearMatch(shopify));
        Assert.Equal(difference, NearMatchKeys.Difference(shopify, crm));
    }

    [Fact]
    public void A_different_person_is_no_near_match()
    {
        var index = DestinationIndex<string>.Build([new SourceRecord<string>(Key("bob.smith@corp.example"), "x", "1", 2)], 10);
        Assert.Null(index.NearMatch("ann@corp.example"));
        Assert.Null(index.NearMatch("bob.smith@other.example"));
    }

    private static MatchKey Key(string value) => new(MatchKeyKind.Email, value, default, null);
}
