using KeyMeter.Core.People;

namespace KeyMeter.Core.Tests.People;

public sealed class TeamMappingKeysTests
{
    [Fact]
    public void Row_MixedCaseAndSpaces_NormalisedEmail()
    {
        Assert.Equal("alice@example.com", TeamMappingKeys.Row("  Alice@Example.COM "));
    }

    [Fact]
    public void Row_ForbiddenCharacters_EscapedAndReversible()
    {
        var row = TeamMappingKeys.Row("a/b\\c#d?e%f@x.io");

        Assert.Equal("a%2Fb%5Cc%23d%3Fe%25f@x.io", row);
        Assert.Equal("a/b\\c#d?e%f@x.io", TeamMappingKeys.UnescapeKey(row));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("%")]
    [InlineData("%2F")]
    [InlineData("/#?\\")]
    [InlineData("tab\there\u0000\u001f\u007f\u009f\u00a0é😀")]
    public void EscapeKey_AnyText_UnescapeKeyRestoresItAndNoForbiddenCharacterRemains(string value)
    {
        var key = TeamMappingKeys.EscapeKey(value);

        Assert.Equal(value, TeamMappingKeys.UnescapeKey(key));
        Assert.DoesNotContain(key, c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
    }

    [Fact]
    public void EscapeKey_PercentAndEscapedSlash_StayDistinct()
    {
        Assert.NotEqual(TeamMappingKeys.EscapeKey("a/b"), TeamMappingKeys.EscapeKey("a%2Fb"));
    }

    [Theory]
    [InlineData("%")]
    [InlineData("a%2")]
    [InlineData("a%zz")]
    public void UnescapeKey_BrokenEscape_Throws(string key)
    {
        Assert.Throws<FormatException>(() => TeamMappingKeys.UnescapeKey(key));
    }
}
