using KeyMeter.Core.Reports;

namespace KeyMeter.Core.Tests.Reports;

public sealed class ReportGroupByTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Parse_Absent_Developer(string? value)
    {
        var result = ReportGroupBy.Parse(value);

        Assert.Same(ReportGroupBy.Developer, result.Value);
    }

    [Theory]
    [InlineData("developer", "developer")]
    [InlineData("key", "key")]
    [InlineData("project", "tag.project")]
    [InlineData("team", "tag.team")]
    [InlineData("model", "model")]
    [InlineData("provider", "provider")]
    [InlineData("source", "source")]
    [InlineData("day", "org")]
    [InlineData("tag.cost-center", "tag.cost-center")]
    public void Parse_Known_ReadsItsDimension(string value, string dimension)
    {
        var result = ReportGroupBy.Parse(value);

        Assert.True(result.IsValid);
        Assert.Equal(dimension, result.Value.Dimension.Name);
        Assert.Equal(value == "day", result.Value.IsDay);
        Assert.Equal(dimension.StartsWith("tag.", StringComparison.Ordinal), result.Value.IsTag);
    }

    [Theory]
    [InlineData("Developer")]
    [InlineData("line")]
    [InlineData("org")]
    [InlineData("tag.")]
    [InlineData("tag.Team")]
    [InlineData("tags.team")]
    [InlineData("week")]
    public void Parse_Unknown_ErrorListsAllowedValues(string value)
    {
        var result = ReportGroupBy.Parse(value);

        Assert.False(result.IsValid);
        Assert.Equal("groupBy", result.Parameter);
        Assert.StartsWith("'groupBy' must be one of developer, key, project, team, model, provider, source, day, or tag.<name>", result.Error, StringComparison.Ordinal);
    }
}
