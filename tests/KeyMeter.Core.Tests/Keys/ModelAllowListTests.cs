using KeyMeter.Core.Keys;

namespace KeyMeter.Core.Tests.Keys;

public sealed class ModelAllowListTests
{
    [Fact]
    public void Allows_EmptyList_AllowsEveryModel() =>
        Assert.True(ModelAllowList.Allows([], "gpt-5"));

    [Theory]
    [InlineData("gpt-5", true)]
    [InlineData("GPT-5", true)]
    [InlineData("gpt-5-mini", false)]
    [InlineData("claude-sonnet-4-5-20250929", true)]
    [InlineData("claude", false)]
    [InlineData("o3", false)]
    public void Allows_ExactAndPrefixEntries_MatchesExpected(string model, bool expected) =>
        Assert.Equal(expected, ModelAllowList.Allows(["gpt-5", "claude-*"], model));
}
