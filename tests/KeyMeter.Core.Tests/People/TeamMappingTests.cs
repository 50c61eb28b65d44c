using KeyMeter.Core.Keys;
using KeyMeter.Core.People;

namespace KeyMeter.Core.Tests.People;

public sealed class TeamMappingTests
{
    [Theory]
    [InlineData("dev@example.com")]
    [InlineData("  Dev.Name+cursor@Example.COM ")]
    [InlineData("a@b")]
    [InlineData("dev@localhost")]
    public void IsEmail_OneAtWithTextAround_True(string email) => Assert.True(TeamMapping.IsEmail(email));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("@b")]
    [InlineData("a@")]
    [InlineData("ab")]
    [InlineData("dev.example.com")]
    [InlineData("dev@@example.com")]
    [InlineData("dev@ex@ample.com")]
    [InlineData("dev name@example.com")]
    [InlineData("dev@example.com\u0000")]
    [InlineData("dev\t@example.com")]
    public void IsEmail_NotOneAddress_False(string? email) => Assert.False(TeamMapping.IsEmail(email));

    [Fact]
    public void IsEmail_LengthLimits_254Allowed255Refused()
    {
        var local = new string('a', 64);
        var at254 = local + "@" + new string('b', 254 - 65);
        var at255 = local + "@" + new string('b', 255 - 65);

        Assert.Equal(254, at254.Length);
        Assert.True(TeamMapping.IsEmail(at254));
        Assert.False(TeamMapping.IsEmail(at255));
    }

    [Theory]
    [InlineData("platform")]
    [InlineData("Platform Team / EMEA")]
    [InlineData("  payments  ")]
    [InlineData("équipe-données")]
    public void IsTeamName_PrintableUpTo128_True(string team) => Assert.True(TeamMapping.IsTeamName(team));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("plat\nform")]
    [InlineData("plat\u0007form")]
    public void IsTeamName_EmptyOrControl_False(string? team) => Assert.False(TeamMapping.IsTeamName(team));

    [Fact]
    public void IsTeamName_LengthLimit_SameAsKeyTagValues()
    {
        Assert.Equal(KeyRules.MaxTagValueLength, TeamMapping.MaxTeamLength);
        Assert.True(TeamMapping.IsTeamName(new string('t', TeamMapping.MaxTeamLength)));
        Assert.False(TeamMapping.IsTeamName(new string('t', TeamMapping.MaxTeamLength + 1)));
    }

    [Fact]
    public void Errors_ValidValues_Null()
    {
        Assert.Null(TeamMapping.EmailError("dev@example.com"));
        Assert.Null(TeamMapping.TeamError("platform"));
    }

    [Fact]
    public void Errors_InvalidValues_MessagesWithoutTheInput()
    {
        Assert.Equal(TeamMapping.InvalidEmail, TeamMapping.EmailError("secret-looking-text"));
        Assert.Equal(TeamMapping.InvalidTeam, TeamMapping.TeamError(new string('x', 200)));
        Assert.DoesNotContain("secret-looking-text", TeamMapping.InvalidEmail, StringComparison.Ordinal);
    }

    [Fact]
    public void Assign_Valid_EmailLowercasedAndTrimmedTeamTrimmedKeepsCase()
    {
        var assignment = TeamMapping.Assign("  Dev@Example.COM ", " Platform ");

        Assert.Equal(new TeamAssignment("dev@example.com", "Platform"), assignment);
    }

    [Fact]
    public void Assign_Invalid_Throws() =>
        Assert.Throws<ArgumentException>(() => TeamMapping.Assign("not-an-email", "platform"));
}
