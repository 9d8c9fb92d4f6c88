using SignalFidelity.Core.Identity;

namespace SignalFidelity.Core.Tests.Identity;

/// <summary>Real-world addresses and numbers as they appear in Shopify and CRM exports.</summary>
public sealed class IdentityRuleTableTests
{
    private static readonly IdentityResolver Resolver = new(IdentityRule.CanonicalEmailThenPhone, "US");

    // email, phone, expected key ("" = no key)
    public static TheoryData<string?, string?, string> Cases => new()
    {
        // trimming and case
        { "jane@example.com", null, "jane@example.com" },
        { "  Jane@Example.COM ", null, "jane@example.com" },
        { "\tJANE.DOE@EXAMPLE.COM\r\n", null, "jane.doe@example.com" },
        { "mailto:jane@example.com", null, "jane@example.com" },
        // gmail: dots and +tag ignored, googlemail folded
        { "jane.doe@gmail.com", null, "janedoe@gmail.com" },
        { "j.a.n.e.d.o.e@gmail.com", null, "janedoe@gmail.com" },
        { "JaneDoe+shopify@Gmail.com", null, "janedoe@gmail.com" },
        { "jane.doe+newsletter+2024@gmail.com", null, "janedoe@gmail.com" },
        { "jane.doe@googlemail.com", null, "janedoe@gmail.com" },
        { "Jane.Doe+x@GoogleMail.com", null, "janedoe@gmail.com" },
        // +tag stripped where the provider honours it, dots kept
        { "jane.doe+shop@outlook.com", null, "jane.doe@outlook.com" },
        { "jane+promo@hotmail.co.uk", null, "jane@hotmail.co.uk" },
        { "jane+a@live.com", null, "jane@live.com" },
        { "jane+a@icloud.com", null, "jane@icloud.com" },
        { "jane+a@me.com", null, "jane@me.com" },
        { "jane+a@mac.com", null, "jane@mac.com" },
        { "jane+a@fastmail.com", null, "jane@fastmail.com" },
        { "jane+a@proton.me", null, "jane@proton.me" },
        { "jane+a@protonmail.com", null, "jane@protonmail.com" },
        { "jane.doe@outlook.com", null, "jane.doe@outlook.com" },
        // +tag kept elsewhere: a company server may treat '+' literally
        { "jane+sales@acme.com", null, "jane+sales@acme.com" },
        { "jane.doe+x@example.org", null, "jane.doe+x@example.org" },
        // Yahoo disposable addresses use '-' with a separate base name: neither '-' nor '+' is undone
        { "jane-shopping@yahoo.com", null, "jane-shopping@yahoo.com" },
        { "jane+x@yahoo.com", null, "jane+x@yahoo.com" },
        { "jane.doe@yahoo.co.uk", null, "jane.doe@yahoo.co.uk" },
        // me.com and icloud.com are not folded together
        { "jane@me.com", null, "jane@me.com" },
        // Apple relay: matched by phone
        { "x7h2k9qd4m@privaterelay.appleid.com", "+1 650-253-0000", "+16502530000" },
        { "X7H2K9QD4M@PrivateRelay.AppleID.com", "(650) 253-0000", "+16502530000" },
        { "x7h2k9qd4m@privaterelay.appleid.com", "'+16502530000", "+16502530000" },
        { "x7h2k9qd4m@privaterelay.appleid.com", null, "" },
        { "x7h2k9qd4m@privaterelay.appleid.com", "12", "" },
        // no or invalid email: phone fallback
        { null, "650.253.0000", "+16502530000" },
        { "", "+44 20 7031 3000", "+442070313000" },
        { "   ", "tel:+33 1 42 68 53 00", "+33142685300" },
        { "not-an-email", "+49 30 901820", "+4930901820" },
        { "jane@", "+61 2 9374 4000", "+61293744000" },
        { "+1 212 555 0123 ext. 4", "+1 212 555 0123 ext. 4", "+12125550123" },
        // invalid everything: typed result, no key, no exception
        { null, null, "" },
        { "jane@@example.com", null, "" },
        { "jane doe@example.com", null, "" },
        { "Jane Doe <jane@example.com>", null, "" },
        { "jane@example", null, "" },
        { "jane@example..com", null, "" },
        { ".jane@example.com", null, "" },
        { "jane..doe@example.com", null, "" },
        { "@example.com", null, "" },
        { "+tag@gmail.com", null, "" },
        { "...@gmail.com", null, "" },
        { "jane@example.com; john@example.com", null, "" },
        { null, "555-1234", "" },
        { null, "not a number", "" },
        { null, "07700 900123", "" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Resolves_the_match_key(string? email, string? phone, string expected)
    {
        var key = Resolver.Resolve(email, phone);

        Assert.Equal(expected, key.Value ?? "");
        Assert.Equal(expected.Length == 0, !key.HasValue);
        if (!key.HasValue) Assert.False(string.IsNullOrWhiteSpace(key.Problem));
    }

    [Fact]
    public void Table_has_at_least_forty_cases() => Assert.True(Cases.Count >= 40);

    [Fact]
    public void Apple_relay_is_flagged()
    {
        var key = Resolver.Resolve("abc123@privaterelay.appleid.com", "+16502530000");
        Assert.True(key.IsAppleRelay);
        Assert.Equal(MatchKeyKind.Phone, key.Kind);
        Assert.Equal(EmailKeyStatus.AppleRelay, EmailCanonicalizer.Canonicalize("abc123@privaterelay.appleid.com").Status);
    }

    [Theory]
    [InlineData("GB", "020 7031 3000", "+442070313000")]
    [InlineData("GB", "0151 555 0123", "+441515550123")]
    [InlineData("US", "(650) 253-0000", "+16502530000")]
    [InlineData("CA", "613-555-0101", "+16135550101")]
    [InlineData("DE", "030 901820", "+4930901820")]
    public void Default_region_reads_national_numbers(string region, string raw, string e164)
    {
        var key = new PhoneNormalizer(region).Normalize(raw);
        Assert.Equal(PhoneStatus.Valid, key.Status);
        Assert.Equal(e164, key.E164);
    }

    [Fact]
    public void Unknown_region_is_a_configuration_error()
    {
        var e = Assert.Throws<ArgumentException>(() => new PhoneNormalizer("XX"));
        Assert.Contains("XX", e.Message);
    }

    [Theory]
    [InlineData("", EmailKeyStatus.Missing)]
    [InlineData("a@b.co", EmailKeyStatus.Valid)]
    [InlineData("no-at-sign", EmailKeyStatus.Invalid)]
    [InlineData("r@privaterelay.appleid.com", EmailKeyStatus.AppleRelay)]
    public void Email_status_is_typed(string raw, EmailKeyStatus status) =>
        Assert.Equal(status, EmailCanonicalizer.Canonicalize(raw).Status);

    [Fact]
    public void Email_only_rule_does_not_fall_back_to_phone()
    {
        var resolver = new IdentityResolver(IdentityRule.CanonicalEmail);
        var key = resolver.Resolve("r@privaterelay.appleid.com", "+16502530000");
        Assert.False(key.HasValue);
        Assert.Contains("Apple relay", key.Problem);
    }

    [Fact]
    public void Phone_rule_ignores_email()
    {
        var resolver = new IdentityResolver(IdentityRule.Phone);
        Assert.Equal("+16502530000", resolver.Resolve("jane@example.com", "650-253-0000").Value);
        Assert.False(resolver.Resolve("jane@example.com", null).HasValue);
    }
}
